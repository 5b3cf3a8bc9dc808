package org.tribuozoo.examples;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.cli.pictures.ImageGrid;
import org.tribuozoo.cli.pictures.Pictures;
import org.tribuozoo.cli.pictures.Tiles;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.tribuo.ImageTensors;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.Augmentation;
import org.tribuozoo.tribuo.data.DemoDataSource;
import org.tribuozoo.tribuo.data.ImageLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Redoes the data augmentation exercise: random rotations up to 20 degrees, width and height
 * shifts up to 20% and horizontal flips, drawn afresh each epoch from the trainer's seed. Trains
 * {@code fashion-cnn} on a small slice of Fashion-MNIST twice, without and with augmentation, and
 * compares training and test accuracy; writes a picture of test images next to augmented copies
 * ({@code augmented-samples.png}: the first column is the original).
 * <p>
 * By default the first 3,000 training images for 8 epochs (small data is where augmentation
 * matters); {@code --full} takes the whole training file for 5 epochs. {@code --demo} uses the
 * built-in generated shapes instead of Fashion-MNIST.
 */
@Command(name = "Augmented", description = "fashion-cnn on a slice of Fashion-MNIST without and with "
        + "augmentation (rotations to 20 degrees, shifts to 20%%, horizontal flips): training and test accuracy, "
        + "augmented-samples.png. The first 3,000 training images for 8 epochs by default.")
public final class Augmented implements Common.Program {

    @Option(names = "--full", description = "The whole training file for 5 epochs.")
    boolean full;

    @Option(names = "--data", paramLabel = "FASHION_MNIST_DIR", description = "The folder of Fashion-MNIST's IDX "
            + "files (default: ../shared/data/fashion-mnist).")
    Path dataFolder;

    @Option(names = "--demo", description = "The built-in generated shapes instead of Fashion-MNIST.")
    boolean demo;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new Augmented(), args);
    }

    @Override
    public void run() throws Exception {
        Common.TrainTest data = demo
                ? new Common.TrainTest(new MutableDataset<>(DemoDataSource.train()),
                new MutableDataset<>(DemoDataSource.test()), 0, "the built-in demo shapes (6,000 train, 1,000 test)")
                : Common.idx(dataFolder, "Fashion-MNIST", "fashion-mnist");
        MutableDataset<Label> train = full ? data.train() : Common.first(data.train(), 3_000);
        int epochCount = epochs.or(full ? 5 : 8);
        System.out.println(data.description());
        System.out.printf(Locale.ROOT, "fashion-cnn, %d epochs on %,d training images, tested on %,d%n", epochCount,
                train.size(), data.test().size());

        Augmentation augmentation = Augmentation.builder()
                .rotation(20).widthShift(0.2).heightShift(0.2).horizontalFlip(true).build();
        ZooModel plain = ZooTrainer.builder("fashion-cnn").epochs(epochCount).seed(1)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(train);
        ZooModel augmented = ZooTrainer.builder("fashion-cnn").augmentation(augmentation).epochs(epochCount).seed(1)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(train);

        System.out.println("without augmentation:");
        Common.printHistory(plain.history());
        System.out.println("with " + augmentation + ":");
        Common.printHistory(augmented.history());
        System.out.println("                      last-epoch training accuracy   test accuracy");
        for (ZooModel m : List.of(plain, augmented)) {
            EpochResult last = m.history().last();
            double test = new LabelEvaluator().evaluate(m, data.test()).accuracy();
            String name = m == plain ? "without augmentation" : "with augmentation";
            System.out.printf(Locale.ROOT, "%-22s %30.4f %15.4f%n", name, last.accuracy(), test);
        }

        Path folder = out.folder("augmented");
        writeSamples(augmentation, data.test(), folder.resolve("augmented-samples.png"));
        System.out.println("wrote augmented-samples.png (each row: a test image, then 7 augmented copies) to "
                + folder);
        plain.close();
        augmented.close();
    }

    /** Eight test images, each followed by seven augmented copies drawn with a fixed seed. */
    static void writeSamples(Augmentation augmentation, MutableDataset<Label> test, Path file) throws Exception {
        ImageLayout layout = ImageLayout.MNIST;
        ImageTensors pixels = new ImageTensors(layout, 1 / 255.0, 0);
        SplittableRandom rng = new SplittableRandom(42);
        ImageGrid grid = new ImageGrid("each row: a test image, then 7 augmented copies", 8);
        for (int i = 0; i < 8; i++) {
            float[] image = pixels.image(test.getExample(i));
            grid.add(Tiles.image(image, 0, 28, 28, 1, 0, 1, 3), "original");
            for (int k = 0; k < 7; k++) {
                grid.add(Tiles.image(augmentation.apply(image, layout, rng), 0, 28, 28, 1, 0, 1, 3), "");
            }
        }
        Pictures.writePng(grid.render(""), file);
    }
}
