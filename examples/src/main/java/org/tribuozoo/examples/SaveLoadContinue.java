package org.tribuozoo.examples;

import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Redoes the save / load / continue exercise: trains {@code lenet5} on MNIST, saves it as a Tribuo
 * model file, loads it back, checks that the loaded model's scores on every test image are
 * identical to the original's bit for bit, predicts one image (top 3 labels), then continues
 * training from the loaded model's weights and shows the accuracy before and after.
 * <p>
 * Continued training starts from the saved weights; the optimizer's state (Adam's moment
 * estimates) is not in the model file and starts afresh. By default 1 epoch, then 2 more;
 * {@code --epochs N} sets both.
 */
@Command(name = "SaveLoadContinue", description = "lenet5 on MNIST: train, save, load, check identical "
        + "predictions, predict one image, continue training from the file. 1 epoch, then 2 more by default.")
public final class SaveLoadContinue implements Common.Program {

    @Mixin
    Common.MnistFolder mnist;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new SaveLoadContinue(), args);
    }

    @Override
    public void run() throws Exception {
        Common.TrainTest data = mnist.load();
        System.out.println(data.description());
        Path folder = out.folder("save-load-continue");
        Path file = folder.resolve("lenet5.model");
        LabelEvaluator evaluator = new LabelEvaluator();

        ZooModel model = ZooTrainer.builder("lenet5").epochs(epochs.or(1)).seed(1)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(data.train());
        double before = evaluator.evaluate(model, data.test()).accuracy();
        model.serializeToFile(file);
        System.out.printf(Locale.ROOT, "trained %d epoch(s): test accuracy %.4f; saved %s (%,d bytes)%n",
                model.history().epochs().size(), before, file, Files.size(file));

        ZooModel loaded = ZooModel.load(file);
        List<Prediction<Label>> a = model.predict(data.test());
        List<Prediction<Label>> b = loaded.predict(data.test());
        long differing = 0;
        for (int i = 0; i < a.size(); i++) {
            for (String label : model.labels()) {
                double x = a.get(i).getOutputScores().get(label).getScore();
                double y = b.get(i).getOutputScores().get(label).getScore();
                if (Double.doubleToLongBits(x) != Double.doubleToLongBits(y)) {
                    differing++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "loaded %s: %s; scores identical to the original's on all %,d test images: %s%n",
                file.getFileName(), loaded, a.size(), differing == 0 ? "yes" : "NO, " + differing + " scores differ");

        Example<Label> first = data.test().getExample(0);
        Prediction<Label> one = loaded.predict(first);
        System.out.printf(Locale.ROOT, "test image %d (label %s): predicted %s; top 3:", data.testOffset(),
                first.getOutput().getLabel(), one.getOutput().getLabel());
        one.getOutputScores().values().stream().sorted(Comparator.comparingDouble(Label::getScore).reversed()).limit(3)
                .forEach(l -> System.out.printf(Locale.ROOT, " %s %.4f", l.getLabel(), l.getScore()));
        System.out.println();

        // Continue from the file's weights; the provenance of the new model records the file it started from.
        ZooModel continued = ZooTrainer.builder("lenet5").startFrom(file).epochs(epochs.or(2)).seed(2)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(data.train());
        Common.printHistory(continued.history());
        double after = evaluator.evaluate(continued, data.test()).accuracy();
        System.out.printf(Locale.ROOT, "test accuracy: %.4f after the first run, %.4f after continuing%n", before,
                after);
        continued.serializeToFile(folder.resolve("lenet5-continued.model"));
        System.out.println("wrote lenet5.model and lenet5-continued.model to " + folder);
        model.close();
        loaded.close();
        continued.close();
    }
}
