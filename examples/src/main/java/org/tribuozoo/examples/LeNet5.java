package org.tribuozoo.examples;

import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.cli.HistoryCsv;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooCatalog;
import org.tribuozoo.zoo.ZooEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Redoes the LeNet-5 exercise: the {@code lenet5} network from the zoo (61,706 parameters) on
 * MNIST, its Keras-style summary, its per-epoch history and Tribuo's evaluation, next to the
 * reference result (99.10% after 30 epochs on the 60,000 MNIST training images).
 * <p>
 * ../shared/data holds only MNIST's 10,000 test images: the first 8,000 train and the last 2,000
 * test. With {@code --data DIR} holding {@code train-*} files as well, those train and the
 * {@code t10k-*} files test. By default 5 epochs; {@code --full} runs the recipe's 30.
 */
@Command(name = "LeNet5", description = "lenet5 on MNIST: summary, per-epoch history, Tribuo's evaluation and "
        + "pictures, next to the reference result. 5 epochs by default.")
public final class LeNet5 implements Common.Program {

    @Option(names = "--full", description = "lenet5's reference recipe: 30 epochs.")
    boolean full;

    @Mixin
    Common.MnistFolder mnist;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new LeNet5(), args);
    }

    @Override
    public void run() throws Exception {
        Common.TrainTest data = mnist.load();
        ZooEntry entry = ModelZoo.get("lenet5");
        System.out.println(data.description());
        System.out.println(entry.architecture().summary());
        System.out.println("reference recipe: " + ZooCatalog.describe(entry.recipe()));

        int epochCount = epochs.or(full ? entry.recipe().epochs() : 5);
        ZooModel model = ZooTrainer.builder("lenet5").epochs(epochCount).seed(1)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(data.train());
        Common.printHistory(model.history());
        LabelEvaluation evaluation = Common.evaluate(model, data.test());
        System.out.println("reference: " + entry.reference().map(Object::toString).orElse("(none given)"));

        Path folder = out.folder("lenet5");
        HistoryCsv.write(model.history(), folder.resolve(HistoryCsv.FILE_NAME));
        model.serializeToFile(folder.resolve("lenet5.model"));
        Common.writePictures(model, evaluation, "lenet5 on MNIST", folder);
        System.out.println("wrote history.csv, lenet5.model, training-curves.png and confusion-matrix.png to "
                + folder);
        model.close();
    }
}
