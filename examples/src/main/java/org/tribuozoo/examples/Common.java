package org.tribuozoo.examples;

import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.datasource.IDXDataSource;
import org.tribuozoo.cli.pictures.ConfusionMatrixHeatMap;
import org.tribuozoo.cli.pictures.TrainingCurves;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.IdxImages;
import org.tribuozoo.tribuo.data.Splits;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What every example shares: running it as a picocli command (its options are its fields, the
 * shared ones the mixins below), where the data is, where its outputs go, the evaluation printout,
 * and one-line errors with exit code 2 for problems the user can fix (missing data, a bad option,
 * a malformed file).
 */
final class Common {

    /** Where the examples write when no {@code --out} is given (ignored by git). */
    static final Path DEFAULT_OUT = Path.of("runs", "examples");

    /** Fashion-MNIST's class names, label "0" to "9". */
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Common() {
    }

    /** A problem the user can fix: printed as one line, exit code 2. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }

    /** An example: a picocli {@code @Command} whose fields are its options, run by {@link #execute}. */
    interface Program {
        /** Runs the example once its options are set. */
        void run() throws Exception;
    }

    /** {@code --help} and {@code --verbose}: every example takes them ({@link #execute} adds them). */
    static final class StandardOptions {
        @Option(names = "--help", usageHelp = true, description = "Print the options and exit.")
        boolean help;

        @Option(names = "--verbose", description = "Print the stack trace of an error.")
        boolean verbose;
    }

    /** {@code --epochs N}: at least 1, checked before any data is looked for. */
    static final class Epochs {
        @Option(names = "--epochs", paramLabel = "N", converter = AtLeastOne.class,
                description = "Passes over the training data (default: the example's, given above).")
        Integer epochs;

        /** The number given, else {@code otherwise}. */
        int or(int otherwise) {
            return epochs != null ? epochs : otherwise;
        }
    }

    /** {@code --data MNIST_DIR}: the MNIST examples' data folder. */
    static final class MnistFolder {
        @Option(names = "--data", paramLabel = "MNIST_DIR", description = "The folder of MNIST's IDX files "
                + "(default: ../shared/data/mnist).")
        Path dir;

        /** MNIST's training and test parts from the folder given or the shared one. */
        TrainTest load() throws IOException {
            return idx(dir, "MNIST", "mnist");
        }
    }

    /** {@code --out DIR}: where an example writes its files. */
    static final class OutFolder {
        @Option(names = "--out", paramLabel = "DIR",
                description = "The folder for the files written (default: one under runs/examples).")
        Path dir;

        /** {@code --out DIR}, else {@code runs/examples/NAME}; created. */
        Path folder(String name) throws IOException {
            Path folder = dir != null ? dir : DEFAULT_OUT.resolve(name);
            Files.createDirectories(folder);
            return folder;
        }
    }

    /** A whole number of at least 1. */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a whole number, got '" + value + "'");
            }
            if (n < 1) {
                throw new TypeConversionException("must be at least 1, got " + n);
            }
            return n;
        }
    }

    /** Runs an example and exits the JVM with its exit code (0 success, 2 bad input, 1 failure). */
    static void main(Program program, String[] args) {
        System.exit(execute(program, args));
    }

    /** Runs an example and returns its exit code; used by {@link #main} and by the tests. */
    static int execute(Program program, String... args) {
        quietLogging();
        long start = System.nanoTime();
        StandardOptions standard = new StandardOptions();
        CommandLine commandLine = new CommandLine(program).addMixin("standard", standard)
                .setOverwrittenOptionsAllowed(true) // a repeated option: the last one counts
                .setUsageHelpWidth(100);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            String hint = e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? " (did you mean " + String.join(", ", u.getSuggestions()) + "?)" : "";
            System.err.println("error: " + e.getMessage() + hint + "; see " + commandLine.getCommandName()
                    + " --help");
            return 2;
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return 0;
        }
        try {
            program.run();
            System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (UserError | IllegalArgumentException e) {
            // The library reports missing, truncated or malformed data and bad settings this way.
            if (standard.verbose) {
                e.printStackTrace();
            }
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    /** One short line per log record: the trainer logs each epoch ("epoch 1: loss ..."). */
    static void quietLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "  %5$s%6$s%n");
        }
    }

    // ------------------------------------------------------------------ data

    /**
     * The shared data folder: the {@code tribuozoo.shared.data} system property (set by the build
     * for tests), else {@code ../shared/data} from the repository root (or from a module folder).
     */
    static Path sharedData() {
        String prop = System.getProperty("tribuozoo.shared.data");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p : List.of(Path.of("..", "shared", "data"), Path.of("..", "..", "shared", "data"))) {
            if (Files.isDirectory(p)) {
                return p.normalize();
            }
        }
        return Path.of("..", "shared", "data");
    }

    /**
     * The data folder of an example: {@code given} ({@code --data DIR}), else
     * {@code ../shared/data/FOLDER}; every listed file must be in it, otherwise a one-line
     * {@link UserError}.
     */
    static Path dataFolder(Path given, String what, String folder, String... files) {
        Path dir = given != null ? given : sharedData().resolve(folder);
        for (String f : files) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new UserError(what + " not found: " + dir.resolve(f) + " is missing (give --data DIR, a folder "
                        + "holding " + String.join(" and ", files) + ")");
            }
        }
        return dir;
    }

    /**
     * A training and a test set.
     *
     * @param train       the training data
     * @param test        the test data
     * @param testOffset  the position in its file of the first test image (8,000 when the test set is the
     *                    last 2,000 images of MNIST's t10k file)
     * @param description where they came from, for the printout
     */
    record TrainTest(MutableDataset<Label> train, MutableDataset<Label> test, int testOffset, String description) {
    }

    /**
     * MNIST-family IDX data from {@code given} ({@code --data DIR}) or {@code ../shared/data/FOLDER}
     * (see {@link #dataFolder}): with {@code train-*} files in the folder, those for training and the
     * {@code t10k-*} files for testing; with only the {@code t10k-*} files (as in ../shared/data/mnist),
     * the first 80% of them for training and the last 20% for testing, in file order.
     */
    static TrainTest idx(Path given, String what, String folder) throws IOException {
        Path dir = dataFolder(given, what, folder, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        IDXDataSource<Label> t10k = IdxImages.load(dir, "t10k");
        boolean hasTrain = Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"));
        if (hasTrain) {
            IDXDataSource<Label> train = IdxImages.load(dir, "train");
            return new TrainTest(new MutableDataset<>(train), new MutableDataset<>(t10k), 0,
                    what + " " + dir + ": train file for training, t10k file for testing");
        }
        Splits.Parts<Label> parts = Splits.lastFraction(t10k, 0.2);
        return new TrainTest(new MutableDataset<>(parts.train()), new MutableDataset<>(parts.test()),
                parts.train().size(), what + " " + dir + ": t10k file split in file order, first 80% for training, "
                + "last 20% for testing");
    }

    /** The first {@code n} examples of a dataset (all of them when it is smaller), keeping its provenance. */
    static MutableDataset<Label> first(MutableDataset<Label> data, int n) {
        if (data.size() <= n) {
            return data;
        }
        MutableDataset<Label> out = new MutableDataset<>(data.getProvenance().getSourceProvenance(),
                data.getOutputFactory());
        for (int i = 0; i < n; i++) {
            out.add(data.getExample(i));
        }
        return out;
    }

    // ------------------------------------------------------------------ printing

    /** The training history as a table. */
    static void printHistory(TrainingHistory history) {
        System.out.println("epoch      loss  accuracy  val_loss  val_accuracy  seconds");
        for (EpochResult r : history.epochs()) {
            System.out.printf(Locale.ROOT, "%5d  %8.4f  %8.4f  %8s  %12s  %7.1f%n", r.epoch(), r.loss(), r.accuracy(),
                    r.hasValidation() ? String.format(Locale.ROOT, "%.4f", r.validationLoss()) : "-",
                    r.hasValidation() ? String.format(Locale.ROOT, "%.4f", r.validationAccuracy()) : "-",
                    r.seconds());
        }
        if (history.stoppedEarly()) {
            System.out.println("(stopped early)");
        }
    }

    /**
     * Evaluates with Tribuo's {@link LabelEvaluator} and prints its report, the confusion matrix (labels
     * in sorted order) and the line {@code test accuracy: 0.9876}.
     */
    static LabelEvaluation evaluate(ZooModel model, Dataset<Label> test) {
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, test);
        List<Label> order = new ArrayList<>();
        model.labels().stream().sorted(Comparator.comparing(Common::labelSortKey))
                .forEach(l -> order.add(new Label(l)));
        ((LabelConfusionMatrix) evaluation.getConfusionMatrix()).setLabelOrder(order);
        System.out.println(evaluation);
        System.out.println(evaluation.getConfusionMatrix());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", evaluation.accuracy());
        return evaluation;
    }

    /**
     * Writes {@code training-curves.png} (loss and accuracy per epoch, with the validation curves
     * when there are some) and {@code confusion-matrix.png} (a heat map of the evaluation's matrix),
     * drawn by the zoo command's picture classes.
     */
    static void writePictures(ZooModel model, LabelEvaluation evaluation, String title, Path out) throws IOException {
        TrainingCurves.write(model.history(), title, out.resolve("training-curves.png"));
        LabelConfusionMatrix matrix = (LabelConfusionMatrix) evaluation.getConfusionMatrix();
        List<Label> order = matrix.getLabelOrder();
        long[][] counts = new long[order.size()][order.size()];
        for (int t = 0; t < order.size(); t++) {
            for (int p = 0; p < order.size(); p++) {
                counts[t][p] = Math.round(matrix.confusion(order.get(p), order.get(t)));
            }
        }
        ConfusionMatrixHeatMap.write(order.stream().map(Label::getLabel).toList(), counts, title,
                out.resolve("confusion-matrix.png"));
    }

    /** The mean cross-entropy of the evaluation's predictions: the mean of -ln(score of the true label). */
    static double logLoss(LabelEvaluation evaluation) {
        double sum = 0;
        for (Prediction<Label> p : evaluation.getPredictions()) {
            Label truth = p.getOutputScores().get(p.getExample().getOutput().getLabel());
            sum -= Math.log(Math.max(truth == null ? 0 : truth.getScore(), 1e-7));
        }
        return sum / evaluation.getPredictions().size();
    }

    /** Numeric labels sort as numbers ("2" before "10"), others alphabetically after them. */
    private static String labelSortKey(String label) {
        return label.matches("\\d{1,9}") ? String.format("%09d", Integer.parseInt(label)) : "~" + label;
    }
}
