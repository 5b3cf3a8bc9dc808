package org.tribuozoo.cli.go;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import org.tribuozoo.cli.UserException;
import org.tribuozoo.go.data.Split;
import org.tribuozoo.go.policy.ModelPolicy;
import org.tribuozoo.go.policy.MovePredictionEvaluator;
import org.tribuozoo.go.policy.MovePredictionResult;
import org.tribuozoo.go.policy.TargetCounts;
import org.tribuozoo.tribuo.ZooModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zoo go evaluate MODEL_FILE --data DIR}: a trained policy model's move-prediction accuracy on
 * the test split of a converted folder, in the lines {@code zoo go train} prints (accuracy, top-5,
 * loss, the two baselines), and with {@code --symmetries} also averaged over the 8 board symmetries
 * on the same positions. The model's input shape says which planes it reads.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score a policy network written by 'zoo go train' on the test split of a folder written by "
                + "'zoo go convert': move-prediction accuracy, top-5, mean loss and the two baselines, and with "
                + "--symmetries the same averaged over the 8 rotations and reflections of the board.")
final class GoEvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL_FILE", description = "A model file written by zoo go train.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "A converted folder; its test split is scored, its train split gives the most frequent "
                    + "move of the second baseline.")
    Path data;

    @Option(names = "--symmetries",
            description = "Also score the network averaged over the 8 board symmetries (8 predictions a position).")
    boolean symmetries;

    @Option(names = "--max-positions", paramLabel = "N", defaultValue = "0",
            description = "Score the first N test positions only (default: 0, the whole test split).")
    long maxPositions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(data)) {
            throw new UserException("no such folder: " + data);
        }
        if (maxPositions < 0) {
            throw new UserException("--max-positions must not be negative, got " + maxPositions);
        }
        try (ZooModel model = ZooModel.load(modelFile)) {
            BiFunction<float[], Integer, float[]> policy = GoCommand.userErrors(
                    () -> ModelPolicy.of(model, modelFile.toString()));
            int mostFrequent = GoCommand.userErrors(() -> TargetCounts.of(data, Split.TRAIN)).mostFrequent();
            MovePredictionResult single;
            Optional<MovePredictionResult> averaged;
            if (symmetries) {
                MovePredictionEvaluator.WithSymmetries both = GoCommand.userErrors(() ->
                        MovePredictionEvaluator.evaluateWithSymmetries(policy, data, Split.TEST, maxPositions,
                                mostFrequent));
                single = both.single();
                averaged = Optional.of(both.averaged());
            } else {
                single = GoCommand.userErrors(() -> MovePredictionEvaluator.evaluate(policy, data, Split.TEST,
                        maxPositions, mostFrequent));
                averaged = Optional.empty();
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%s (%s, %d input planes) on the test split of %s%n", modelFile,
                    model.architecture().name(), model.imageLayout().channels(), data);
            o.print(testLines(single, averaged));
        }
        return 0;
    }

    /**
     * The test lines of {@code zoo go train} and {@code zoo go evaluate}: the single-orientation
     * result with its baselines, each line prefixed {@code test: }, then, when given, the network's
     * lines averaged over the 8 symmetries (same positions, hence the same baselines).
     */
    static String testLines(MovePredictionResult single, Optional<MovePredictionResult> averaged) {
        StringBuilder s = new StringBuilder(prefixed("test: ", single.summary()));
        averaged.ifPresent(a -> s.append(prefixed("test, 8 symmetries: ", a.networkSummary())));
        return s.toString();
    }

    private static String prefixed(String prefix, String lines) {
        StringBuilder s = new StringBuilder();
        for (String line : lines.split("\\R")) {
            s.append(prefix).append(line).append(System.lineSeparator());
        }
        return s.toString();
    }
}
