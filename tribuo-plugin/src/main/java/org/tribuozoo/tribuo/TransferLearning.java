package org.tribuozoo.tribuo;

import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.zoo.KerasApplications.Pooling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The network surgery of transfer learning, the lecture's recipe: keep a trained network up to a
 * named layer (the backbone), freeze it, put a new head on it (global pooling when the backbone ends
 * in an image, then {@code Dense(N, softmax)}), train, and optionally unfreeze and fine-tune at a small
 * learning rate. The result is plain configuration for {@link ZooTrainer}, so that a run's provenance
 * rebuilds it: the new architecture, the layers to freeze and the layers to start fresh.
 *
 * <pre>{@code
 * ZooModel mnist = ZooModel.load(Path.of("mnist_cnn.tribuo"));          // imported from Keras, or trained here
 * TransferLearning.NewHead head = TransferLearning.newHead(mnist.architecture(), "flatten", 10);
 * ZooModel fashion = head.trainer(Path.of("mnist_cnn.tribuo"))         // startFrom, freeze, reinitialize
 *         .epochs(2).build().train(fashionMnist);
 * fashion.serializeToFile(Path.of("fashion.tribuo"));
 * // Then fine-tune everything at a small learning rate, starting from that model:
 * ZooModel tuned = ZooTrainer.builder(TransferLearning.unfrozen(fashion.architecture()))
 *         .startFrom(Path.of("fashion.tribuo")).learningRate(1e-5).epochs(1).build().train(fashionMnist);
 * }</pre>
 *
 * <p>Errors are {@link IllegalArgumentException}s with one line naming the culprit: an unknown layer
 * (listing the network's layers), a head on an image without pooling, pooling asked of a vector, fewer
 * than two classes.
 */
public final class TransferLearning {

    /** The name of the new head's pooling layer (another, {@code _2} and up, if the backbone has it). */
    public static final String HEAD_POOLING = "head_pooling";

    /** The name of the new head's classifier layer (another, {@code _2} and up, if the backbone has it). */
    public static final String HEAD_DENSE = "head_dense";

    private TransferLearning() {
    }

    /**
     * A network with a new head, and how to train it.
     *
     * @param architecture the backbone up to the cut layer, then the head; the backbone's layers frozen
     * @param cutLayer     the last layer kept from the original network
     * @param frozenLayers the backbone's layers that have parameters, in network order (empty when the
     *                     backbone trains too)
     * @param headLayers   the new layers, to start from their initialisers whatever the initial model holds
     */
    public record NewHead(Architecture architecture, String cutLayer, List<String> frozenLayers,
                          List<String> headLayers) {

        /**
         * Checks the network and keeps unmodifiable copies of the layer lists.
         *
         * @param architecture the backbone with the head
         * @param cutLayer     the last layer kept from the original network
         * @param frozenLayers the frozen layers; may be empty
         * @param headLayers   the new layers
         * @throws NullPointerException if a component is, or a list holds, null
         */
        public NewHead {
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(cutLayer, "cutLayer");
            frozenLayers = List.copyOf(frozenLayers);
            headLayers = List.copyOf(headLayers);
        }

        /**
         * A trainer for this network that starts from the weights of a model file (the backbone's), with
         * the frozen layers frozen, the head started fresh, and the file's image layout and pixel scaling;
         * set epochs, learning rate and the rest on it. The model file is recorded in the provenance, so
         * the run can be rebuilt from it.
         *
         * @param initialModel a model file of the network the head was cut from; read here for its image
         *                     layout and pixel scaling, and again when training starts
         * @return a builder for the trainer, to be completed and built by the caller
         * @throws IllegalArgumentException if the file is not a readable model file
         */
        public ZooTrainer.Builder trainer(Path initialModel) {
            ZooModel backbone = ZooModel.load(initialModel);
            return ZooTrainer.builder(architecture).startFrom(initialModel)
                    .freeze(frozenLayers.toArray(String[]::new))
                    .reinitialize(headLayers.toArray(String[]::new))
                    .imageLayout(backbone.imageLayout())
                    .pixelScaling(backbone.pixelScale(), backbone.pixelOffset());
        }

        /**
         * The same head with other layers frozen: {@code List.of()} trains the backbone too (the head
         * still starts fresh); the layers must be the network's.
         *
         * @param layers the layers to freeze, by name; replaces the backbone's
         * @return a new head of the same network with those layers frozen
         * @throws IllegalArgumentException if a name is not a layer of the network
         */
        public NewHead withFrozen(List<String> layers) {
            return new NewHead(architecture.withFrozen(layers), cutLayer, layers, headLayers);
        }
    }

    /**
     * Keeps {@code network} up to {@code cutLayer} (that layer and every layer it depends on), freezes
     * it, and puts a new head on it: global average pooling when the cut layer outputs an image, then
     * {@code Dense(classes, softmax)}.
     *
     * @param network  the trained network to cut
     * @param cutLayer the last layer to keep, by name (see {@link #classifierInput} for the usual cut)
     * @param classes  the new head's classes; at least 2
     * @return the new network with its frozen and new layers
     * @throws IllegalArgumentException for an unknown layer or fewer than two classes
     */
    public static NewHead newHead(Architecture network, String cutLayer, int classes) {
        Shape out = cutOutput(network, cutLayer);
        return newHead(network, cutLayer, classes, out.isImage() ? Pooling.AVG : Pooling.NONE);
    }

    /**
     * {@link #newHead(Architecture, String, int)} with the head's pooling chosen: {@link Pooling#AVG}
     * or {@link Pooling#MAX} for a cut layer that outputs an image, {@link Pooling#NONE} for one that
     * outputs a vector (a {@code Flatten} or a {@code Dense}).
     *
     * @param network  the trained network to cut
     * @param cutLayer the last layer to keep, by name
     * @param classes  the new head's classes; at least 2
     * @param pooling  the global pooling between the cut layer and the classifier
     * @return the new network with its frozen and new layers
     * @throws NullPointerException     if {@code pooling} or {@code cutLayer} is null
     * @throws IllegalArgumentException for an unknown layer, fewer than two classes, an image without
     *                                  pooling or a vector with pooling
     */
    public static NewHead newHead(Architecture network, String cutLayer, int classes, Pooling pooling) {
        Objects.requireNonNull(pooling, "pooling");
        Shape out = cutOutput(network, cutLayer);
        if (classes < 2) {
            throw new IllegalArgumentException("a new head needs at least 2 classes, got " + classes);
        }
        if (out.isImage() && pooling == Pooling.NONE) {
            throw new IllegalArgumentException("layer '" + cutLayer + "' outputs an image " + out
                    + "; a new head on it needs global pooling (avg or max) to make it a vector, or cut at a layer "
                    + "that outputs a vector");
        }
        if (!out.isImage() && pooling != Pooling.NONE) {
            throw new IllegalArgumentException("layer '" + cutLayer + "' outputs a vector " + out
                    + "; global " + pooling.name().toLowerCase(java.util.Locale.ROOT)
                    + " pooling needs an image (height, width, channels)");
        }
        Architecture backbone = network.upTo(cutLayer);
        Set<String> taken = new HashSet<>();
        backbone.layers().forEach(l -> taken.add(l.name()));
        taken.add(backbone.inputName());
        List<Layer> layers = new ArrayList<>(backbone.layers());
        List<String> head = new ArrayList<>();
        if (pooling != Pooling.NONE) {
            String name = unique(HEAD_POOLING, taken);
            layers.add(pooling == Pooling.AVG ? GlobalAveragePooling2D.create().build(name)
                    : GlobalMaxPooling2D.create().build(name));
            head.add(name);
        }
        String dense = unique(HEAD_DENSE, taken);
        layers.add(Dense.units(classes).activation(Activation.SOFTMAX).build(dense));
        head.add(dense);
        List<String> frozen = layersWithParametersUpTo(network, cutLayer);
        Architecture withHead = backbone.withLayers(layers).withFrozen(frozen);
        return new NewHead(withHead, cutLayer, frozen, head);
    }

    /**
     * The layer whose output the network's classifier reads: the input of its last layer with
     * parameters (the old head). Cutting there replaces the classifier and whatever follows it (a
     * softmax, a reshape).
     *
     * @param network a trained classifier
     * @return the name of the layer to cut at
     * @throws IllegalArgumentException when the network has no layer with parameters, or its last one
     *                                  reads the input
     */
    public static String classifierInput(Architecture network) {
        List<Layer> layers = network.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            String name = layers.get(i).name();
            if (!network.parametersOf(name).isEmpty()) {
                String reads = network.inboundOf(name).get(0);
                if (reads.equals(network.inputName())) {
                    throw new IllegalArgumentException("the classifier '" + name + "' of network '" + network.name()
                            + "' reads the input directly; there is no backbone to keep");
                }
                return reads;
            }
        }
        throw new IllegalArgumentException("network '" + network.name() + "' has no layer with parameters, so no "
                + "classifier to replace");
    }

    /**
     * The layers with parameters that {@code layer} depends on, itself included, in network order: what
     * to freeze to keep a network fixed up to that layer. A side branch computed before it that it does
     * not read is not among them.
     *
     * @param network the network
     * @param layer   the last layer to keep fixed, by name
     * @return the names of those layers; empty when none of them has parameters
     * @throws IllegalArgumentException for an unknown layer, listing the network's layers
     */
    public static List<String> layersWithParametersUpTo(Architecture network, String layer) {
        Architecture part = network.upTo(layer);
        return part.layers().stream().map(Layer::name).filter(n -> !part.parametersOf(n).isEmpty()).toList();
    }

    /**
     * The network frozen up to {@code layer} (and nothing else frozen), for a second round of fine-tuning.
     *
     * @param network the network
     * @param layer   the last layer to freeze, by name
     * @return the same network with exactly {@link #layersWithParametersUpTo} frozen
     * @throws IllegalArgumentException for an unknown layer, listing the network's layers
     */
    public static Architecture frozenUpTo(Architecture network, String layer) {
        return network.withFrozen(layersWithParametersUpTo(network, layer));
    }

    /**
     * The network with no layer frozen: everything trains (at a small learning rate, for fine-tuning).
     *
     * @param network the network
     * @return the same network with no layer frozen
     */
    public static Architecture unfrozen(Architecture network) {
        return network.withFrozen(List.of());
    }

    private static Shape cutOutput(Architecture network, String cutLayer) {
        Objects.requireNonNull(cutLayer, "cutLayer");
        return network.upTo(cutLayer).outputShape(); // an unknown name is an error listing the layers
    }

    private static String unique(String base, Set<String> taken) {
        String name = base;
        for (int k = 2; taken.contains(name); k++) {
            name = base + "_" + k;
        }
        taken.add(name);
        return name;
    }
}
