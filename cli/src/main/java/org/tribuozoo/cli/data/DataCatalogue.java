package org.tribuozoo.cli.data;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data sets {@code zoo data fetch} knows: their canonical public locations and the MD5
 * checksums torchvision publishes for them.
 */
public final class DataCatalogue {

    /** The IDX data options shared by MNIST and Fashion-MNIST: train on the train file, test on t10k. */
    private static final String IDX_SPEC = "--train idx:{dir}:train --test idx:{dir}:t10k";

    /** MNIST on the PyTorch mirror: Yann LeCun's own site refuses scripted downloads. */
    public static final Dataset MNIST = new Dataset("mnist", URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            List.of(file("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                    file("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                    file("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                    file("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c")),
            Optional.empty(), IDX_SPEC);

    /** Fashion-MNIST from Zalando Research's own bucket. */
    public static final Dataset FASHION_MNIST = new Dataset("fashion-mnist",
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            List.of(file("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                    file("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                    file("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                    file("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310")),
            Optional.empty(), IDX_SPEC);

    /** CIFAR-10's binary version from Alex Krizhevsky's page; {@code cifar10:DIR} finds the unpacked folder. */
    public static final Dataset CIFAR10 = new Dataset("cifar10", URI.create("https://www.cs.toronto.edu/~kriz/"),
            List.of(file("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530")),
            Optional.of(new Unpack("cifar-10-binary.tar.gz", "cifar-10-batches-bin",
                    List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                            "data_batch_5.bin", "test_batch.bin", "batches.meta.txt"))),
            "--train cifar10:{dir}");

    private static final Map<String, Dataset> BY_NAME = new LinkedHashMap<>();

    static {
        for (Dataset d : List.of(MNIST, FASHION_MNIST, CIFAR10)) {
            BY_NAME.put(d.name(), d);
        }
    }

    private DataCatalogue() {
    }

    /** The names of every known data set, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * The data set with this name.
     *
     * @throws IllegalArgumentException naming the known data sets when there is none
     */
    public static Dataset get(String name) {
        Dataset d = BY_NAME.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown data set '" + name + "'; expected one of " + String.join(", ", names()));
        }
        return d;
    }

    private static RemoteFile file(String fileName, String md5) {
        return new RemoteFile(fileName, Checksum.md5(md5));
    }
}
