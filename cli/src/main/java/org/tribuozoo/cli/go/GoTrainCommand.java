package org.tribuozoo.cli.go;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.cli.HistoryCsv;
import org.tribuozoo.cli.ResumableCommand;
import org.tribuozoo.cli.ResumeRecord;
import org.tribuozoo.cli.RunFolder;
import org.tribuozoo.cli.ThreadsOption;
import org.tribuozoo.cli.cluster.ClusterOptions;
import org.tribuozoo.cli.UserException;
import org.tribuozoo.go.data.Split;
import org.tribuozoo.go.policy.PolicyTrainer;
import org.tribuozoo.go.policy.PolicyTrainingResult;
import org.tribuozoo.go.policy.PositionExamples;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.tribuo.CheckpointFolder;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ZooModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zoo go train}: trains alphago-policy-K on a converted folder, streaming its positions, and
 * writes a run folder with the model file, its provenance, its ONNX export, the per-epoch history
 * and a results summary (test move-prediction accuracy next to the two baselines).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train alphago-policy-K on a folder written by 'zoo go convert' (positions stream from disk "
                + "with a random board symmetry each) and report move-prediction accuracy on its test games next to "
                + "two baselines.")
final class GoTrainCommand implements Callable<Integer>, ResumableCommand {

    /** Files of the run folder. */
    static final String MODEL = "model.tribuo";
    static final String PROVENANCE = "provenance.json";
    static final String ONNX = "model.onnx";
    static final String RESULTS = "results.txt";
    static final String HISTORY = HistoryCsv.FILE_NAME;

    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A converted folder.")
    Path data;

    @Option(names = "--filters", required = true, paramLabel = "K", description = "Filters per convolution.")
    int filters;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "1",
            description = "Passes over the train split (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "16",
            description = "Positions per SGD step, per worker on a cluster (default: ${DEFAULT-VALUE}, the reference recipe).")
    int batchSize;

    @Option(names = "--learning-rate", paramLabel = "R", defaultValue = "0.003",
            description = "SGD learning rate (default: ${DEFAULT-VALUE}, the reference recipe).")
    double learningRate;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0",
            description = "SGD momentum (default: ${DEFAULT-VALUE}, plain SGD as in the reference recipe).")
    double momentum;

    @Option(names = "--max-minutes", paramLabel = "M", defaultValue = "0",
            description = "Stop training after M minutes (default: 0, no limit); validation and test follow.")
    double maxMinutes;

    @Option(names = "--max-positions", paramLabel = "N", defaultValue = "0",
            description = "Stop training after N positions (default: 0, no limit).")
    long maxPositions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the first weights, symmetries and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "4096",
            description = "Positions held in memory and trained per step of the stream (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--planes", paramLabel = "N", defaultValue = "48",
            description = "Train on the first N of the 48 feature planes (default: ${DEFAULT-VALUE}; 4 is AlphaGo's "
                    + "'stone colour + ones' ablation: own, opponent, empty, ones).")
    int planes;

    @Option(names = "--test-symmetries", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also score the test split averaged over the 8 board symmetries (default: on; "
                    + "--no-test-symmetries skips it, which costs 8 predictions per test position).")
    boolean testSymmetries;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Native threads (default: 0, every available core).")
    int threads;

    @Option(names = "--tribuo-test-positions", paramLabel = "N", defaultValue = "2000",
            description = "Test positions also evaluated as a Tribuo dataset with LabelEvaluator (default: "
                    + "${DEFAULT-VALUE}; 0 skips it).")
    int tribuoTestPositions;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", defaultValue = "10",
            description = "Also checkpoint within an epoch, between chunks, every M minutes (default: "
                    + "${DEFAULT-VALUE}); a checkpoint follows every epoch anyway.")
    double checkpointMinutes;

    @Option(names = "--out", required = true, paramLabel = "RUNDIR",
            description = "The run folder to create (must not exist, or be empty).")
    Path out;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    /** Set when {@code zoo resume} continues this run. */
    private boolean resuming;

    @Override
    public Integer call() throws IOException {
        return run();
    }

    @Override
    public Integer resume() throws IOException {
        resuming = true;
        return run();
    }

    @Override
    public Path target() {
        return out;
    }

    private Integer run() throws IOException {
        if (!Files.isDirectory(data)) {
            throw new UserException("no such folder: " + data);
        }
        if (threads != 0) {
            ThreadsOption.check(threads); // 0: every available core
        }
        if (tribuoTestPositions < 0) {
            throw new UserException("--tribuo-test-positions must not be negative, got " + tribuoTestPositions);
        }
        if (!(checkpointMinutes > 0) || !Double.isFinite(checkpointMinutes)) {
            throw new UserException("--checkpoint-minutes must be positive, got " + checkpointMinutes);
        }
        PolicyTrainer trainer;
        try {
            trainer = PolicyTrainer.builder(filters).epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                    .momentum(momentum).maxMinutes(maxMinutes).maxPositions(maxPositions).seed(seed)
                    .chunkPositions(chunk).threads(threads).planes(planes).testSymmetries(testSymmetries).build();
        } catch (PropertyException e) {
            throw new UserException(e.getMsg(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Written as OUT.partial and renamed to OUT once complete, as zoo train does, with its checkpoints.
        try (ClusterOptions.Started on = cluster.start();
             RunFolder run = resuming ? RunFolder.reopen(out, err) : RunFolder.createResumable(out,
                ResumeRecord.ofThisProcess(spec.root().commandLine().getParseResult().originalArgs()), err)) {
            CheckpointFolder checkpoints = run.checkpoints()
                    .every(Duration.ofNanos((long) (checkpointMinutes * 60e9)));
            PolicyTrainingResult result = GoCommand.userErrors(
                    () -> trainer.train(data, ConsoleProgress.whenOnTerminal(), checkpoints, on.spec()));
            try (ZooModel model = result.model()) {
                String tribuoLine = "";
                if (tribuoTestPositions > 0) {
                    MutableDataset<Label> test = GoCommand.userErrors(
                            () -> PositionExamples.dataset(data, Split.TEST, tribuoTestPositions,
                                    trainer.inputPlanes()));
                    LabelEvaluation e = quietly(() -> new LabelEvaluator().evaluate(model, test));
                    tribuoLine = String.format(Locale.ROOT,
                            "Tribuo LabelEvaluator on the first %,d test positions: accuracy %.2f%%%n", test.size(),
                            100 * e.accuracy());
                }
                String summary = summary(result) + tribuoLine;
                model.serializeToFile(run.file(MODEL));
                ProvenanceJson.write(model.getProvenance(), run.file(PROVENANCE));
                model.saveONNXModel("org.tribuozoo", 1, run.file(ONNX));
                HistoryCsv.write(result.history(), run.file(HISTORY));
                Files.writeString(run.file(RESULTS), trainer + System.lineSeparator() + summary);
                run.commit();
                o.print(summary);
                o.println("run folder: " + run.target() + " (" + String.join(", ", MODEL, PROVENANCE, ONNX, RESULTS,
                        HISTORY) + ")");
            }
        }
        return 0;
    }

    /**
     * Runs a Tribuo evaluation with Tribuo's per-label warnings muted: with 361 labels and a couple
     * of thousand positions, most points are never predicted, and Tribuo warns once for each.
     */
    private static <T> T quietly(Supplier<T> evaluation) {
        Level before = TRIBUO_LOG.getLevel();
        TRIBUO_LOG.setLevel(Level.SEVERE);
        try {
            return evaluation.get();
        } finally {
            TRIBUO_LOG.setLevel(before);
        }
    }

    private static String summary(PolicyTrainingResult r) {
        String training = String.format(Locale.ROOT, "trained on %,d positions in %.1f min of SGD steps: %.0f "
                        + "positions/s%s%n", r.trainedPositions(), r.trainingSeconds() / 60, r.positionsPerSecond(),
                r.stoppedAtLimit() ? " (stopped at the limit)" : "");
        StringBuilder epochs = new StringBuilder();
        for (EpochResult e : r.history().epochs()) {
            epochs.append(String.format(Locale.ROOT, "epoch %d: %,d positions, training accuracy %.2f%%, validation "
                            + "accuracy %.2f%%%n", e.epoch(), e.examples(), 100 * e.accuracy(),
                    100 * e.validationAccuracy()));
        }
        return training + epochs + GoEvaluateCommand.testLines(r.test(), r.testAveraged());
    }
}
