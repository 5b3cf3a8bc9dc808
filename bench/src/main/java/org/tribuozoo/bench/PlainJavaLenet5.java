package org.tribuozoo.bench;

import org.tribuo.MutableDataset;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.IDXDataSource;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.NativeRuntime;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A Tribuo user's own program, as plain as it gets: MNIST's training images through Tribuo's
 * {@code IDXDataSource}, {@code lenet5} trained by {@link ZooTrainer} with its reference recipe,
 * nothing configured about TensorFlow. {@code bench/run-plain-java.sh} starts it with plain
 * {@code java -cp} (the library's classpath, no JVM flag) and no TensorFlow variable in the
 * environment, and compares its throughput with {@code ./zoo train}'s.
 *
 * <p>Arguments: the MNIST folder (with {@code train-images-idx3-ubyte.gz}), the number of epochs.
 * Prints one {@code epoch N: X examples/s} line per epoch and the native settings in effect.
 */
public final class PlainJavaLenet5 {

    private PlainJavaLenet5() {
    }

    public static void main(String[] args) throws IOException {
        Path mnist = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        var train = new MutableDataset<>(new IDXDataSource<>(mnist.resolve("train-images-idx3-ubyte.gz"),
                mnist.resolve("train-labels-idx1-ubyte.gz"), new LabelFactory()));
        try (ZooModel model = ZooTrainer.builder("lenet5").epochs(epochs).seed(1).build().train(train)) {
            for (EpochResult e : model.history().epochs()) {
                System.out.printf(Locale.ROOT, "epoch %d: loss %.4f, %.0f examples/s%n", e.epoch(), e.loss(),
                        e.examplesPerSecond());
            }
        }
        System.out.println("native settings: " + NativeRuntime.prepare());
    }
}
