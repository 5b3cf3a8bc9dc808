package org.tribuozoo.examples;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Redoes the transfer learning exercise: {@code lenet5} trained on MNIST digits 0-4, then
 * fine-tuned on digits 5-9 starting from its weights, with the three convolution layers frozen
 * and a new output layer ({@code dense_2} re-initialised): {@code startFrom(model)},
 * {@code freeze(...)}, {@code reinitialize("dense_2")}. Shows that the frozen weights are
 * unchanged bit for bit, that the rest did train, and the accuracy on the 5-9 test images, next to
 * a network trained from scratch on 5-9 for as many epochs.
 * <p>
 * Data: the first 8,000 images of MNIST's t10k file train, the last 2,000 test. Batch 32 and by
 * default 3 epochs for each training; {@code --epochs N} changes that.
 */
@Command(name = "TransferLearning", description = "lenet5 trained on MNIST digits 0-4, then fine-tuned on 5-9 "
        + "with frozen convolutions and a new output layer, next to training from scratch. 3 epochs each by default.")
public final class TransferLearning implements Common.Program {

    static final String[] CONVOLUTIONS = {"conv2d_1", "conv2d_2", "conv2d_3"};

    @Mixin
    Common.MnistFolder mnist;

    @Mixin
    Common.Epochs epochs;

    public static void main(String[] args) {
        Common.main(new TransferLearning(), args);
    }

    @Override
    public void run() throws Exception {
        Common.TrainTest data = mnist.load();
        Predicate<Example<Label>> low = e -> Integer.parseInt(e.getOutput().getLabel()) < 5;
        MutableDataset<Label> lowTrain = subset(data.train(), low);
        MutableDataset<Label> highTrain = subset(data.train(), low.negate());
        MutableDataset<Label> lowTest = subset(data.test(), low);
        MutableDataset<Label> highTest = subset(data.test(), low.negate());
        int epochCount = epochs.or(3);
        LabelEvaluator evaluator = new LabelEvaluator();

        ZooModel base = ZooTrainer.builder("lenet5").epochs(epochCount).batchSize(32).seed(1)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(lowTrain);
        System.out.printf(Locale.ROOT, "base: lenet5 on %,d images of digits 0-4, %d epochs: accuracy on 0-4 test "
                + "images %.4f%n", lowTrain.size(), epochCount, evaluator.evaluate(base, lowTest).accuracy());

        ZooModel tuned = ZooTrainer.builder("lenet5").startFrom(base).freeze(CONVOLUTIONS).reinitialize("dense_2")
                .epochs(epochCount).batchSize(32).seed(2).listener(ConsoleProgress.whenOnTerminal()).build()
                .train(highTrain);
        System.out.printf(Locale.ROOT, "fine-tuned on %,d images of digits 5-9 (labels %s): %,d trainable and %,d "
                        + "frozen parameters%n", highTrain.size(), tuned.labels(),
                tuned.architecture().trainableParameterCount(), tuned.architecture().nonTrainableParameterCount());
        for (String layer : CONVOLUTIONS) {
            for (String param : List.of("kernel", "bias")) {
                boolean same = Arrays.equals(base.weights().values(layer, param), tuned.weights().values(layer, param));
                System.out.printf(Locale.ROOT, "  %s/%s (frozen): %s%n", layer, param,
                        same ? "unchanged, bit for bit" : "CHANGED");
            }
        }
        for (String param : List.of("dense_1/kernel", "dense_2/kernel")) {
            boolean trained = !Arrays.equals(base.weights().values(param), tuned.weights().values(param));
            System.out.printf(Locale.ROOT, "  %s (trainable): %s%n", param,
                    trained ? "trained" : "unchanged");
        }
        double tunedAccuracy = evaluator.evaluate(tuned, highTest).accuracy();

        ZooModel scratch = ZooTrainer.builder("lenet5").epochs(epochCount).batchSize(32).seed(2)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(highTrain);
        double scratchAccuracy = evaluator.evaluate(scratch, highTest).accuracy();
        System.out.printf(Locale.ROOT, "accuracy on the %,d test images of digits 5-9: %.4f fine-tuned (frozen "
                + "convolutions), %.4f trained from scratch%n", highTest.size(), tunedAccuracy, scratchAccuracy);
        base.close();
        tuned.close();
        scratch.close();
    }

    /** The examples of a dataset that pass a test, as a new dataset whose labels are only theirs. */
    static MutableDataset<Label> subset(MutableDataset<Label> data, Predicate<Example<Label>> keep) {
        MutableDataset<Label> out = new MutableDataset<>(data.getProvenance().getSourceProvenance(),
                data.getOutputFactory());
        for (Example<Label> e : data) {
            if (keep.test(e)) {
                out.add(e);
            }
        }
        return out;
    }
}
