package org.tribuozoo.examples;

import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.cli.pictures.ImageGrid;
import org.tribuozoo.cli.pictures.Pictures;
import org.tribuozoo.cli.pictures.Tiles;
import org.tribuozoo.tribuo.ImageTensors;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.zoo.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Redoes the MNIST CNN exercise: {@code mnist-cnn} (3,156,098 parameters; Adam, sparse categorical
 * cross-entropy, batch 32), then the list of wrongly predicted test images with their index in
 * the test file, true label, predicted label and confidence (the reference run got 83 wrong of
 * 10,000), written to {@code mistakes.csv}, and a picture grid of the first ones captioned
 * "label / predicted" ({@code mistakes.png}), with the training curves and the confusion matrix
 * as pictures (drawn by the zoo command's picture classes).
 * <p>
 * Trains on the first 8,000 images of MNIST's t10k file and tests on the last 2,000. By default
 * 2 epochs; {@code --full} runs the recipe's 5.
 */
@Command(name = "MnistCnnMistakes", description = "mnist-cnn on MNIST and the wrongly predicted test images: "
        + "listed, in mistakes.csv and drawn in mistakes.png. 2 epochs by default.")
public final class MnistCnnMistakes implements Common.Program {

    @Option(names = "--full", description = "mnist-cnn's reference recipe: 5 epochs.")
    boolean full;

    @Mixin
    Common.MnistFolder mnist;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new MnistCnnMistakes(), args);
    }

    @Override
    public void run() throws Exception {
        Common.TrainTest data = mnist.load();
        System.out.println(data.description());
        int epochCount = epochs.or(full ? ModelZoo.get("mnist-cnn").recipe().epochs() : 2);
        ZooModel model = ZooTrainer.builder("mnist-cnn").epochs(epochCount).seed(1)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(data.train());
        Common.printHistory(model.history());
        LabelEvaluation evaluation = Common.evaluate(model, data.test());

        List<Prediction<Label>> predictions = evaluation.getPredictions();
        StringBuilder csv = new StringBuilder("index,label,predicted,confidence\n");
        ImageGrid grid = new ImageGrid("mnist-cnn: wrongly predicted test images (label / predicted)", 10);
        ImageTensors pixels = new ImageTensors(model.imageLayout(), 1 / 255.0, 0);
        int wrong = 0;
        System.out.println("wrongly predicted test images (index in the t10k file, label, predicted, confidence):");
        System.out.println("index  label  predicted  confidence");
        for (int i = 0; i < predictions.size(); i++) {
            Prediction<Label> p = predictions.get(i);
            String label = p.getExample().getOutput().getLabel();
            String predicted = p.getOutput().getLabel();
            if (!label.equals(predicted)) {
                wrong++;
                int index = data.testOffset() + i;
                double confidence = p.getOutput().getScore();
                System.out.printf(Locale.ROOT, "%5d  %5s  %9s  %10.4f%n", index, label, predicted, confidence);
                csv.append(String.format(Locale.ROOT, "%d,%s,%s,%.6f%n", index, label, predicted, confidence));
                if (grid.size() < 50) {
                    float[] image = pixels.image(p.getExample());
                    grid.add(Tiles.image(image, 0, 28, 28, 1, 0, 1, 3), label + " / " + predicted);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d wrong of %,d test images (%.2f%%)%n", wrong, predictions.size(),
                100.0 * wrong / predictions.size());

        Path folder = out.folder("mnist-cnn-mistakes");
        Files.writeString(folder.resolve("mistakes.csv"), csv);
        Pictures.writePng(grid.render("no mistakes"), folder.resolve("mistakes.png"));
        Common.writePictures(model, evaluation, "mnist-cnn on MNIST", folder);
        System.out.println("wrote mistakes.csv, mistakes.png (the first " + grid.size() + " mistakes, captioned "
                + "label / predicted), training-curves.png and confusion-matrix.png to " + folder);
        model.close();
    }
}
