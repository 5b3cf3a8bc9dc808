package org.tribuozoo.examples;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.cli.HistoryCsv;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.ImageFolderDataSource;
import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.tribuo.data.Splits;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Redoes the cats-versus-dogs exercise: images read from one folder per class, turned grey and
 * resized to 50x50, unreadable files skipped and counted; a seeded 60/20/20 train, validation and
 * test split; the {@code catsdogs-cnn} network (fashion-cnn-2x2's layers with one sigmoid output,
 * 8,897 parameters) trained with binary cross-entropy; Tribuo's evaluation.
 * <p>
 * Give {@code --data DIR} with a subfolder per class (for example Kaggle's PetImages with
 * {@code Cat/} and {@code Dog/}). Without it, the example generates a SYNTHETIC two-class folder
 * (circles and squares, 1,000 colour images each or {@code --per-class N}, plus one corrupt JPEG
 * and one text file to show the skipping) in a temporary folder and trains on that. By default
 * 5 epochs (the recipe) on real data, 20 on the synthetic shapes.
 */
@Command(name = "CatsVsDogs", description = "catsdogs-cnn on a folder of class folders (grey 50x50, unreadable "
        + "files skipped), a seeded 60/20/20 split, binary cross-entropy, Tribuo's evaluation. Without --data, a "
        + "SYNTHETIC circles-vs-squares folder. 5 epochs (the recipe) on real data, 20 on the synthetic shapes.")
public final class CatsVsDogs implements Common.Program {

    static final ImageLayout GREY_50 = new ImageLayout(50, 50, 1);

    @Option(names = "--data", paramLabel = "IMAGE_FOLDER", description = "A folder with one subfolder of images per "
            + "class, for example Kaggle's PetImages (Cat/, Dog/).")
    Path data;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "1000", description = "Images per class of the "
            + "synthetic folder (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new CatsVsDogs(), args);
    }

    @Override
    public void run() throws Exception {
        Path folder;
        if (data != null) {
            folder = data;
        } else {
            folder = writeSynthetic(Files.createTempDirectory("synthetic-shapes-"), perClass, 3);
            System.out.printf(Locale.ROOT, "SYNTHETIC DATA, not cats and dogs: %s holds generated circles/ and "
                    + "squares/ (%,d colour PNGs each) plus a corrupt JPEG and a text file that must be skipped%n",
                    folder, perClass);
        }
        // The recipe's 5 epochs on real data; the synthetic shapes need about 20 to be told apart well.
        Result r = train(folder, epochs.or(data != null ? ModelZoo.get("catsdogs-cnn").recipe().epochs() : 20), 1);
        Path written = out.folder("cats-vs-dogs");
        HistoryCsv.write(r.model().history(), written.resolve(HistoryCsv.FILE_NAME));
        r.model().serializeToFile(written.resolve("catsdogs-cnn.model"));
        Common.writePictures(r.model(), r.evaluation(), "catsdogs-cnn on " + folder.getFileName(), written);
        System.out.println("wrote history.csv, catsdogs-cnn.model, training-curves.png and confusion-matrix.png to "
                + written);
        r.model().close();
    }

    /**
     * What one run produced.
     *
     * @param source     the folder source, with its skipped files
     * @param model      the trained model
     * @param evaluation Tribuo's evaluation on the test part
     */
    record Result(ImageFolderDataSource source, ZooModel model, LabelEvaluation evaluation) {
    }

    /** Reads the folder, splits it 80/20 by the seed, trains catsdogs-cnn and evaluates it. */
    static Result train(Path folder, int epochs, long seed) {
        ImageFolderDataSource source = new ImageFolderDataSource(folder, GREY_50);
        System.out.println(source.summary());
        System.out.println("images per class: " + source.classCounts());

        // A seeded 60/20/20 split. The trainer holds out the *last* part of its data for validation, as Keras
        // does, and folders are read class by class, so the seeded validation part goes at the end.
        Splits.Parts<Label> parts = Splits.seeded(source, 0.2, 0.2, seed);
        MutableDataset<Label> train = new MutableDataset<>(parts.train());
        parts.validation().forEach(train::add);
        double validationSplit = (parts.validation().size() + 0.5) / train.size();
        MutableDataset<Label> test = new MutableDataset<>(parts.test());
        System.out.printf(Locale.ROOT, "training on %,d images, validating on %,d, testing on %,d (a seeded split)%n",
                parts.train().size(), parts.validation().size(), test.size());
        System.out.println(ModelZoo.get("catsdogs-cnn").architecture().summary());
        System.out.println("recipe: " + ZooCatalog.describe(ModelZoo.get("catsdogs-cnn").recipe()));

        ZooModel model = ZooTrainer.builder("catsdogs-cnn").epochs(epochs).validationSplit(validationSplit).seed(seed)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(train);
        Common.printHistory(model.history());
        System.out.println("the sigmoid output is the probability of '" + model.labels().get(1) + "'");
        return new Result(source, model, Common.evaluate(model, test));
    }

    /**
     * Writes a SYNTHETIC two-class image folder: {@code circles/} and {@code squares/}, each with
     * {@code perClass} 64x64 colour PNGs of one filled (three in four) or outlined shape of random
     * size, position and colours, with speckle noise; plus {@code circles/broken.jpg} (not an
     * image) and {@code squares/notes.txt}.
     *
     * @return {@code dir}
     */
    static Path writeSynthetic(Path dir, int perClass, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        for (String shape : new String[] {"circles", "squares"}) {
            Path classDir = Files.createDirectories(dir.resolve(shape));
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(new Color(rng.nextInt(0, 90), rng.nextInt(0, 90), rng.nextInt(0, 90)));
                g.fillRect(0, 0, 64, 64);
                g.setColor(new Color(rng.nextInt(140, 256), rng.nextInt(140, 256), rng.nextInt(140, 256)));
                g.setStroke(new BasicStroke(rng.nextInt(2, 6)));
                int size = rng.nextInt(20, 44);
                int x = rng.nextInt(4, 64 - size - 3);
                int y = rng.nextInt(4, 64 - size - 3);
                boolean filled = rng.nextInt(4) != 0; // three in four filled, the rest outlined
                if (shape.equals("circles")) {
                    if (filled) {
                        g.fillOval(x, y, size, size);
                    } else {
                        g.drawOval(x, y, size, size);
                    }
                } else if (filled) {
                    g.fillRect(x, y, size, size);
                } else {
                    g.drawRect(x, y, size, size);
                }
                for (int n = 0; n < 40; n++) { // speckle noise
                    img.setRGB(rng.nextInt(64), rng.nextInt(64), rng.nextInt(0x1000000));
                }
                g.dispose();
                Path file = classDir.resolve(String.format(Locale.ROOT, "%s-%04d.png", shape, i));
                ImageIO.write(img, "png", file.toFile());
            }
        }
        Files.write(dir.resolve("circles").resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Files.writeString(dir.resolve("squares").resolve("notes.txt"), "not an image\n");
        return dir;
    }
}
