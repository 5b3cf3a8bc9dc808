package org.tribuozoo.examples;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.cli.HistoryCsv;
import org.tribuozoo.examples.Common.UserError;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.Cifar10DataSource;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooCatalog;
import org.tribuozoo.zoo.ZooEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Redoes the CIFAR-10 exercises: one of the three CIFAR-10 networks of the zoo
 * ({@code cifar10-cnn}, the default; {@code cifar10-keras-maxnorm}, SGD with max-norm constraints;
 * {@code cifar10-tf-lowlevel}, RMSProp with N(0, 0.01) weights and no biases) trained with its
 * recipe on CIFAR-10's binary batch files and evaluated by Tribuo on {@code test_batch.bin}.
 * <p>
 * CIFAR-10 is not in ../shared/data: give {@code --data DIR}, the folder of the official binary
 * version ({@code data_batch_1.bin} .. {@code data_batch_5.bin}, {@code test_batch.bin},
 * {@code batches.meta.txt}). By default it trains 1 epoch on {@code data_batch_1.bin} (10,000
 * images); {@code --full} trains on all five batches for the recipe's epochs.
 * {@code --synthetic} instead generates a small SYNTHETIC data set in CIFAR-10's binary format
 * (coloured noise whose mean colour depends on the class; not CIFAR-10) to show the pipeline
 * runs end to end; its accuracy says nothing about the networks.
 */
@Command(name = "Cifar10", description = "A CIFAR-10 network of the zoo trained with its recipe on CIFAR-10's "
        + "binary batches and evaluated by Tribuo on test_batch.bin. By default 1 epoch on data_batch_1.bin.")
public final class Cifar10 implements Common.Program {

    static final Set<String> MODELS = Set.of("cifar10-cnn", "cifar10-keras-maxnorm", "cifar10-tf-lowlevel");
    static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "cifar10-cnn", description = "cifar10-cnn "
            + "(default), cifar10-keras-maxnorm or cifar10-tf-lowlevel.")
    String name;

    @Option(names = "--full", description = "All five training batches for the recipe's epochs.")
    boolean full;

    @Option(names = "--data", paramLabel = "CIFAR10_DIR", description = "The folder of CIFAR-10's binary version "
            + "(data_batch_1.bin .. data_batch_5.bin, test_batch.bin); not in ../shared/data.")
    Path dataFolder;

    @Option(names = "--synthetic", description = "Generated SYNTHETIC stand-in data in CIFAR-10's format instead "
            + "(shows the pipeline runs; 3 epochs).")
    boolean synthetic;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new Cifar10(), args);
    }

    @Override
    public void run() throws Exception {
        if (!MODELS.contains(name)) {
            throw new UserError("--model must be one of cifar10-cnn, cifar10-keras-maxnorm, cifar10-tf-lowlevel; got '"
                    + name + "'");
        }
        Path dir;
        if (synthetic) {
            dir = writeSynthetic(Files.createTempDirectory("synthetic-cifar10-"), 500, 200, 7);
            System.out.println("SYNTHETIC DATA, not CIFAR-10: " + dir + " holds random images in CIFAR-10's binary "
                    + "format (500 per training batch, 200 test), mean colour by class; accuracy here only shows "
                    + "that the pipeline runs");
        } else {
            if (dataFolder == null) {
                throw new UserError("CIFAR-10 is not in ../shared/data: download the binary version from "
                        + "https://www.cs.toronto.edu/~kriz/cifar.html (cifar-10-binary.tar.gz), unpack it and give "
                        + "--data DIR, or run with --synthetic for a generated stand-in");
            }
            dir = dataFolder;
        }

        if (!Files.isDirectory(dir)) {
            throw new UserError("CIFAR-10 folder not found: " + dir);
        }
        Path firstBatch = batchFolder(dir).resolve("data_batch_1.bin");
        if (!Files.isRegularFile(firstBatch)) {
            throw new UserError("CIFAR-10 training batch not found: " + firstBatch + " (give --data the folder of the "
                    + "binary version: data_batch_1.bin .. data_batch_5.bin, test_batch.bin)");
        }
        boolean allBatches = full || synthetic;
        Cifar10DataSource trainSource = allBatches ? Cifar10DataSource.training(dir)
                : new Cifar10DataSource(List.of(firstBatch), meta(dir));
        MutableDataset<Label> train = new MutableDataset<>(trainSource);
        MutableDataset<Label> test = new MutableDataset<>(Cifar10DataSource.test(dir));

        ZooEntry entry = ModelZoo.get(name);
        System.out.println(entry.architecture().summary());
        System.out.println("reference recipe: " + ZooCatalog.describe(entry.recipe()));
        System.out.printf(Locale.ROOT, "training on %,d images, testing on %,d%n", train.size(), test.size());

        int epochCount = epochs.or(full ? entry.recipe().epochs() : synthetic ? 3 : 1);
        ZooModel model = ZooTrainer.builder(name).epochs(epochCount).seed(1).listener(ConsoleProgress.whenOnTerminal())
                .build().train(train);
        Common.printHistory(model.history());
        LabelEvaluation evaluation = Common.evaluate(model, test);
        System.out.println("reference: " + entry.reference().map(Object::toString).orElse("(none given)")
                + (synthetic ? " (this run: SYNTHETIC data)" : ""));

        Path folder = out.folder("cifar10");
        HistoryCsv.write(model.history(), folder.resolve(HistoryCsv.FILE_NAME));
        model.serializeToFile(folder.resolve(name + ".model"));
        Common.writePictures(model, evaluation, name + (synthetic ? " on SYNTHETIC data" : " on CIFAR-10"), folder);
        System.out.println("wrote history.csv, " + name + ".model, training-curves.png and confusion-matrix.png to "
                + folder);
        model.close();
    }

    private static Path batchFolder(Path dir) {
        Path nested = dir.resolve(Cifar10DataSource.ARCHIVE_FOLDER);
        return Files.isDirectory(nested) ? nested : dir;
    }

    private static Path meta(Path dir) {
        Path meta = batchFolder(dir).resolve(Cifar10DataSource.META_FILE);
        return Files.isRegularFile(meta) ? meta : null;
    }

    /**
     * Writes a SYNTHETIC data set in CIFAR-10's binary format: five training batches and a test
     * batch of records (one label byte, then the red, green and blue 32x32 planes), each image
     * noise around a mean colour that depends on its class, plus {@code batches.meta.txt}.
     *
     * @return {@code dir}
     */
    static Path writeSynthetic(Path dir, int perTrainingBatch, int testCount, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), syntheticBatch(perTrainingBatch, rng));
        }
        Files.write(dir.resolve(Cifar10DataSource.TEST_BATCH), syntheticBatch(testCount, rng));
        Files.write(dir.resolve(Cifar10DataSource.META_FILE), CLASSES);
        return dir;
    }

    private static byte[] syntheticBatch(int count, SplittableRandom rng) {
        byte[] out = new byte[count * Cifar10DataSource.RECORD_BYTES];
        for (int i = 0; i < count; i++) {
            int label = i % 10;
            int at = i * Cifar10DataSource.RECORD_BYTES;
            out[at] = (byte) label;
            for (int c = 0; c < 3; c++) {
                int mean = 40 + 40 * ((label >> c) & 1) + 60 * ((label / 8 + c) % 2); // 10 distinct colours
                for (int p = 0; p < 1024; p++) {
                    int v = mean + rng.nextInt(-60, 61);
                    out[at + 1 + c * 1024 + p] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return out;
    }
}
