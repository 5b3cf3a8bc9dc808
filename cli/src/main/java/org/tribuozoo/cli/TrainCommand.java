package org.tribuozoo.cli;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuozoo.cli.data.DataSpec;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.tribuo.data.Splits;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code zoo train NAME --train SPEC ...}: trains a zoo network on a data set, evaluates it on a
 * test set and writes a run folder (see {@link RunFiles}). Settings not given come from the zoo
 * entry's reference recipe. {@code zoo train --from MODEL_FILE ...} starts instead from a model
 * file's network and weights (transfer learning and fine-tuning; see {@link Transfer}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a zoo network, evaluate it, and write a run folder: the model file, provenance.json, "
                + "evaluation.txt, history.csv, training curves, the confusion matrix and misclassified images.",
                "Data specs: idx:IMAGES_FILE,LABELS_FILE | idx:DIR:PREFIX | cifar10:DIR | folder:DIR | demo.",
                "Options not given come from the network's reference recipe (zoo summary NAME shows it).",
                "Transfer learning: zoo train --from MODEL_FILE --freeze-up-to LAYER --new-head N --train SPEC ...; "
                        + "then fine-tuning: zoo train --from RUN/model.tribuo --unfreeze --learning-rate 1e-5 ..."})
public final class TrainCommand implements Callable<Integer>, ResumableCommand {

    /** Keys of the run provenance that {@code zoo reproduce} reads to rebuild the test data. */
    public static final String TRAIN_DATA_KEY = "zoo-train-data";
    public static final String TEST_DATA_KEY = "zoo-test-data";
    public static final String TEST_SPLIT_KEY = "zoo-test-split";

    @Parameters(paramLabel = "NAME", arity = "0..1",
            description = "A zoo name, for example lenet5 (zoo list shows them all); not with --from.")
    String name;

    @Option(names = "--train", required = true, paramLabel = "SPEC", description = "The training data.")
    String train;

    @Option(names = "--test", paramLabel = "SPEC",
            description = "The test data (default: the data's own test part for demo and cifar10).")
    String test;

    @Option(names = "--test-split", paramLabel = "F",
            description = "Keep the last fraction F of the training data, in file order, as the test set.")
    Double testSplit;

    @Option(names = "--epochs", paramLabel = "E", description = "Passes over the training data.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Examples per step (per worker on a cluster).")
    Integer batchSize;

    @picocli.CommandLine.Mixin
    org.tribuozoo.cli.cluster.ClusterOptions cluster;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the first weights, shuffling and dropout.")
    Long seed;

    @Option(names = "--validation-split", paramLabel = "F",
            description = "Hold out the last fraction F of the training data for validation each epoch.")
    Double validationSplit;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU cores for TensorFlow (default: every core). Reproducing a run bit for bit needs "
                    + "the same count.")
    Integer threads;

    @Option(names = "--replicas", paramLabel = "N",
            description = "Cut each batch into N slices trained side by side, their gradients added (default: one "
                    + "per thread, or 1 for a network with batch normalisation; 1 splits each op over the threads "
                    + "instead). Reproducing a run bit for bit needs the same count.")
    Integer replicas;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop when the --monitor quantity has not improved for PATIENCE epochs, keeping the best "
                    + "epoch's weights; 0 or less turns the recipe's early stopping off.")
    Integer earlyStopping;

    @Option(names = "--monitor", paramLabel = "QUANTITY", description = "What --early-stopping watches: val_loss "
            + "(default) or val_accuracy, which need a validation split, or loss or accuracy.")
    String monitor;

    @Option(names = "--augment", description = "Online augmentation each epoch: rotations up to 20 degrees, shifts "
            + "up to 20%% and horizontal flips, drawn from the seed.")
    boolean augment;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "The optimizer's learning rate (default: "
            + "the recipe's; 0.001 with --from, whose optimizer is Adam). Small, say 1e-5, to fine-tune.")
    Double learningRate;

    @Option(names = "--from", paramLabel = "MODEL_FILE", description = "Start from this model file's network and "
            + "weights instead of a zoo network NAME: a run's model.tribuo, or a Keras model from zoo import-keras. "
            + "Adam, batch 32, 10 epochs unless given.")
    Path from;

    @Option(names = "--freeze-up-to", paramLabel = "LAYER", description = "With --from: do not train LAYER and every "
            + "layer it depends on (the layer names: the summary printed by import-keras, or zoo summary NAME).")
    String freezeUpTo;

    @Option(names = "--new-head", paramLabel = "N", description = "With --from: keep the network up to a layer and "
            + "put a new head on it, started fresh: global pooling if that layer outputs an image, then Dense N with "
            + "softmax (N: the number of labels).")
    Integer newHead;

    @Option(names = "--head-on", paramLabel = "LAYER", description = "The layer the new head goes on (default: "
            + "--freeze-up-to's LAYER, else the input of the network's classifier, replacing it).")
    String headOn;

    @Option(names = "--head-pooling", paramLabel = "avg|max|none", description = "The new head's global pooling "
            + "(default: avg on an image, none on a vector).")
    String headPooling;

    @Option(names = "--unfreeze", description = "With --from: train every layer, also those frozen in the model "
            + "file (fine-tuning after a new head has been trained; give a small --learning-rate).")
    boolean unfreeze;

    @Option(names = "--from-scratch", description = "With --from: the same network (and new head), but every weight "
            + "starts from its initialiser, not the model file's: the baseline of a transfer run.")
    boolean fromScratch;

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (default: runs/NAME-TIMESTAMP).")
    Path out;

    @Spec
    CommandSpec spec;

    /** Set when {@code zoo resume} continues this run. */
    private boolean resuming;

    @Override
    public Integer call() throws Exception {
        return run();
    }

    @Override
    public Integer resume() throws Exception {
        resuming = true;
        return run();
    }

    @Override
    public Path target() {
        return out;
    }

    private Integer run() throws Exception {
        checkOptions();
        Transfer transfer = from == null ? null : Transfer.of(from,
                new Transfer.Options(newHead, headOn, Transfer.pooling(headPooling), freezeUpTo, unfreeze, fromScratch));
        String title = transfer != null ? transfer.name() : name;
        ImageLayout networkInput = transfer != null ? transfer.model().imageLayout()
                : ImageLayout.of(ModelZoo.get(name).input());
        DataSpec trainSpec = DataSets.parse(train);
        DataSpec testSpec = test == null ? null : DataSets.parse(test);
        if (testSpec == null && testSplit == null && !DataSets.hasOwnTestPart(trainSpec)) {
            throw new UserException("no test data: give --test SPEC or --test-split F (" + trainSpec
                    + " has no test part of its own)");
        }

        // Checked from the files' headers, before reading any image: the network takes the image size.
        ImageLayout layout = DataSets.layoutOf(trainSpec, networkInput);
        if (transfer != null) {
            DataSets.requireLayout(trainSpec, networkInput, "the model " + from);
        } else {
            ZooEntry entry = ModelZoo.get(name);
            entry.architecture(layout.shape(), entry.classes());
        }
        if (testSpec != null) {
            DataSets.requireLayout(testSpec, layout, "the training data " + trainSpec);
        }

        ConfigurableDataSource<Label> trainSource = trainSpec.open(DataSpec.Role.TRAIN, layout);
        ConfigurableDataSource<Label> testSource;
        if (testSplit != null) {
            Splits.Parts<Label> parts = Splits.lastFraction(trainSource, testSplit);
            trainSource = parts.train();
            testSource = parts.test();
        } else {
            testSource = testSpec != null ? testSpec.open(DataSpec.Role.TEST, layout)
                    : trainSpec.open(DataSpec.Role.TEST, layout);
        }
        MutableDataset<Label> trainData = DataSets.load(trainSource, trainSpec);
        MutableDataset<Label> testData = DataSets.load(testSource, testSpec != null ? testSpec : trainSpec);
        DataSets.requireKnownLabels(testData, trainData.getOutputInfo().getDomain().stream()
                .map(Label::getLabel).toList(), testSpec != null ? testSpec : trainSpec);

        if (transfer != null) {
            transfer.requireLabels(trainData.getOutputIDInfo(), trainSpec);
        }
        ZooTrainer trainer = trainer(transfer != null ? transfer.trainer() : ZooTrainer.builder(name).imageLayout(layout));
        // Splits that leave less than a batch to train on, refused before anything starts.
        int batch = trainer.trainingRecipe().batchSize();
        if (testSplit != null && trainData.size() < batch && trainData.size() < testData.size()) {
            throw new UserException(String.format(java.util.Locale.ROOT, "--test-split %s of %,d examples leaves "
                    + "%,d for training, fewer than one batch (%d) and fewer than it keeps for testing: choose a "
                    + "smaller split", testSplit, trainData.size() + testData.size(), trainData.size(), batch));
        }
        trainer.validationExamples(trainData.size());
        Path target = out != null ? out : Path.of("runs", title + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (org.tribuozoo.cli.cluster.ClusterOptions.Started on = cluster.start();
             RunFolder run = resuming ? RunFolder.reopen(target, err)
                : RunFolder.createResumable(target, resumeRecord(target), err)) {
            if (transfer != null) {
                err.println(transfer.describe());
            }
            err.printf("%s %s on %,d images (%s), testing on %,d; writing %s%n", resuming ? "resuming" : "training",
                    title, trainData.size(), trainSpec, testData.size(), run.target());
            // Progress: the trainer's log line per epoch (see ConsoleLog), and on a terminal a
            // progress bar over each epoch's batches (ConsoleProgress, set in trainer()). A
            // checkpoint after every epoch in the partial folder, for zoo resume.
            ZooTrainer placed = on.spec() == null ? trainer : trainer.withCluster(on.spec());
            ZooModel model = placed.withCheckpoints(run.checkpoints())
                    .train(trainData, runProvenance(trainSpec, testSpec));
            EvaluationReport report = EvaluationReport.of(model, testData);
            RunFiles.writeAll(run, model, report, resumeRecord(target));
            model.close();
            run.commit();
            String text = report.text();
            int last = text.lastIndexOf(report.accuracyLine());
            o.print(text.substring(0, last));
            o.println("run folder: " + run.target() + " (" + String.join(", ", RunFiles.all()) + ")");
            o.println(report.accuracyLine());
        }
        return 0;
    }

    /** This command line, with the run folder named even when it was left to the default. */
    private ResumeRecord resumeRecord(Path target) {
        List<String> args = new ArrayList<>(spec.root().commandLine().getParseResult().originalArgs());
        if (out == null) {
            args.add("--out");
            args.add(target.toAbsolutePath().toString());
        }
        return ResumeRecord.ofThisProcess(args);
    }

    private void checkOptions() {
        if ((name == null) == (from == null)) {
            throw new UserException(name == null ? "give a zoo network NAME, or --from MODEL_FILE to start from a "
                    + "model file" : "give either a zoo network NAME or --from MODEL_FILE, not both (with --from the "
                    + "network is the model file's)");
        }
        if (from == null) {
            for (String option : new String[] {freezeUpTo == null ? null : "--freeze-up-to",
                    newHead == null ? null : "--new-head", headOn == null ? null : "--head-on",
                    headPooling == null ? null : "--head-pooling", unfreeze ? "--unfreeze" : null,
                    fromScratch ? "--from-scratch" : null}) {
                if (option != null) {
                    throw new UserException(option + " needs --from MODEL_FILE (the network and weights to start "
                            + "from)");
                }
            }
        }
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new UserException("--learning-rate must be positive, got " + learningRate);
        }
        if (test != null && testSplit != null) {
            throw new UserException("give either --test or --test-split, not both");
        }
        if (testSplit != null && !(testSplit > 0 && testSplit < 1)) {
            throw new UserException("--test-split must be between 0 and 1 (exclusive), got " + testSplit);
        }
        if (validationSplit != null && !(validationSplit >= 0 && validationSplit < 1)) {
            throw new UserException("--validation-split must be at least 0 and below 1, got " + validationSplit);
        }
        if (monitor != null && (earlyStopping == null || earlyStopping < 1)) {
            throw new UserException("--monitor needs --early-stopping PATIENCE (at least 1), the rule it sets up");
        }
        positive("--epochs", epochs);
        positive("--batch-size", batchSize);
        ThreadsOption.check(threads);
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new UserException(option + " must be at least 1, got " + value);
        }
    }

    /** The trainer: the zoo entry's (or the model file's) recipe, with the options given on the command line on top. */
    private ZooTrainer trainer(ZooTrainer.Builder b) {
        b.listener(ConsoleProgress.whenOnTerminal());
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (validationSplit != null) {
            b.validationSplit(validationSplit);
        }
        if (threads != null) {
            b.threads(Parallelism.AUTOMATIC, threads);
        }
        if (replicas != null) {
            ThreadsOption.check(replicas, "--replicas");
            b.replicas(replicas);
        }
        if (earlyStopping != null) {
            if (earlyStopping > 0) {
                b.earlyStopping(new org.tribuozoo.dsl.training.EarlyStopping(monitor(), earlyStopping, 0.0, true));
            } else {
                b.noEarlyStopping();
            }
        }
        if (augment) {
            b.augmentation(org.tribuozoo.tribuo.data.Augmentation.builder().rotation(20).widthShift(0.2)
                    .heightShift(0.2).horizontalFlip(true).build());
        }
        return b.build();
    }

    /** The quantity early stopping watches, checked against the validation split (given, or the recipe's). */
    private org.tribuozoo.dsl.training.EarlyStopping.Monitor monitor() {
        org.tribuozoo.dsl.training.EarlyStopping.Monitor m;
        try {
            m = monitor == null ? org.tribuozoo.dsl.training.EarlyStopping.Monitor.VAL_LOSS
                    : org.tribuozoo.dsl.training.EarlyStopping.Monitor.fromConfigName(monitor);
        } catch (IllegalArgumentException e) {
            throw new UserException("--monitor: " + e.getMessage(), e);
        }
        double split = validationSplit != null ? validationSplit : name != null
                ? ModelZoo.get(name).recipe().validationSplit() : 0;
        if (m.needsValidation() && split == 0) {
            throw new UserException("early stopping on " + m.configName() + " needs a validation split: give "
                    + "--validation-split F, or --monitor loss or accuracy");
        }
        return m;
    }

    /**
     * What the run's provenance records beyond the trainer and the training data: the specs and the
     * test split, so that {@code zoo reproduce} can rebuild the test set from the provenance file.
     */
    private Map<String, Provenance> runProvenance(DataSpec trainSpec, DataSpec testSpec) {
        Map<String, Provenance> p = new LinkedHashMap<>();
        p.put(TRAIN_DATA_KEY, new StringProvenance(TRAIN_DATA_KEY, trainSpec.toString()));
        p.put(TEST_DATA_KEY, new StringProvenance(TEST_DATA_KEY, testSpec == null ? "" : testSpec.toString()));
        p.put(TEST_SPLIT_KEY, new DoubleProvenance(TEST_SPLIT_KEY, testSplit == null ? 0.0 : testSplit));
        return p;
    }
}
