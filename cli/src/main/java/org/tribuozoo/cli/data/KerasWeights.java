package org.tribuozoo.cli.data;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keras Applications' published ImageNet weight files for the zoo networks of the same names
 * ({@code resnet50}, {@code densenet121}, {@code mobilenet}, {@code vgg16}), with and without the
 * top ({@code _notop}), where Keras 3 downloads them from and the checksums it checks them against:
 * the {@code file_hash} arguments of {@code keras/src/applications/resnet.py} ({@code WEIGHTS_HASHES}),
 * {@code densenet.py} and {@code vgg16.py}, which are MD5 digests (Keras's {@code get_file} takes a
 * 32-digit hash as MD5). Keras publishes no checksum for MobileNet's files
 * ({@code mobilenet.py} passes none), so those are verified only against a digest the user gives.
 */
public final class KerasWeights {

    /** The name {@code zoo data fetch} knows them by. */
    public static final String NAME = "keras-weights";

    private static final String BASE = "https://storage.googleapis.com/tensorflow/keras-applications/";

    /**
     * One network's two files.
     *
     * @param folder    the folder under Keras's base URL
     * @param top       the file with the classifier ({@code include_top=True})
     * @param topMd5    its published MD5, or null when none is published
     * @param notop     the file without it
     * @param notopMd5  its published MD5, or null when none is published
     */
    private record Published(String folder, String top, String topMd5, String notop, String notopMd5) {
    }

    private static final Map<String, Published> NETWORKS = new LinkedHashMap<>();

    static {
        NETWORKS.put("resnet50", new Published("resnet",
                "resnet50_weights_tf_dim_ordering_tf_kernels.h5", "2cb95161c43110f7111970584f804107",
                "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5", "4d473c1dd8becc155b73f8504c6f6626"));
        NETWORKS.put("densenet121", new Published("densenet",
                "densenet121_weights_tf_dim_ordering_tf_kernels.h5", "9d60b8095a5708f2dcce2bca79d332c7",
                "densenet121_weights_tf_dim_ordering_tf_kernels_notop.h5", "30ee3e1110167f948a6b9946edeeb738"));
        // Alpha 1.0 at 224x224, the zoo entry's network.
        NETWORKS.put("mobilenet", new Published("mobilenet",
                "mobilenet_1_0_224_tf.h5", null, "mobilenet_1_0_224_tf_no_top.h5", null));
        NETWORKS.put("vgg16", new Published("vgg16",
                "vgg16_weights_tf_dim_ordering_tf_kernels.h5", "64373286793e3c8b2b4e3219cbf3544b",
                "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", "6d6bbae143d832006294945121d1f1fc"));
    }

    private KerasWeights() {
    }

    /** The networks whose weights are known, in catalogue order. */
    public static List<String> networks() {
        return List.copyOf(NETWORKS.keySet());
    }

    /**
     * The weight file of a network as a one-file data set in {@code ROOT/keras-weights}, whose data
     * "spec" is the file's path.
     *
     * @param notop whether the file without the top (Keras's {@code include_top=False})
     * @throws IllegalArgumentException naming the known networks when there is no such one
     */
    public static Dataset get(String network, boolean notop) {
        Published p = NETWORKS.get(network);
        if (p == null) {
            throw new IllegalArgumentException("no Keras weights for '" + network + "'; expected one of "
                    + String.join(", ", networks()));
        }
        String file = notop ? p.notop() : p.top();
        String md5 = notop ? p.notopMd5() : p.topMd5();
        RemoteFile remote = new RemoteFile(file, Optional.ofNullable(md5).map(Checksum::md5));
        return new Dataset(NAME, URI.create(BASE + p.folder() + "/"), List.of(remote), Optional.empty(),
                "{dir}/" + file);
    }
}
