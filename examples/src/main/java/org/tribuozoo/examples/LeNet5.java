package org.tribuozoo.examples;

import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuozoo.examples.Common.Options;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooCatalog;
import org.tribuozoo.zoo.ZooEntry;

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
public final class LeNet5 {

    static final String USAGE = "LeNet5 [--full] [--epochs N] [--data MNIST_DIR] [--out DIR]";

    public static void main(String[] args) {
        Common.main(args, USAGE, LeNet5::run);
    }

    static void run(Options o) throws Exception {
        Common.TrainTest data = Common.idx(o, "MNIST", "mnist");
        ZooEntry entry = ModelZoo.get("lenet5");
        System.out.println(data.description());
        System.out.println(entry.architecture().summary());
        System.out.println("reference recipe: " + ZooCatalog.describe(entry.recipe()));

        int epochs = o.epochs(o.full() ? entry.recipe().epochs() : 5);
        ZooModel model = ZooTrainer.builder("lenet5").epochs(epochs).seed(1).build().train(data.train());
        Common.printHistory(model.history());
        LabelEvaluation evaluation = Common.evaluate(model, data.test());
        System.out.println("reference: " + entry.reference().map(Object::toString).orElse("(none given)"));

        Path out = o.out("lenet5");
        Common.writeHistory(model.history(), out.resolve("history.csv"));
        model.serializeToFile(out.resolve("lenet5.model"));
        Common.writePictures(model, evaluation, "lenet5 on MNIST", out);
        System.out.println("wrote history.csv, lenet5.model, training-curves.png and confusion-matrix.png to " + out);
        model.close();
    }
}
