package org.tribuozoo.cli.go;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import org.tribuozoo.cli.UserException;
import org.tribuozoo.go.GamePosition;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.Coordinates;
import org.tribuozoo.go.sgf.GameRecord;
import org.tribuozoo.go.policy.BoardLabels;
import org.tribuozoo.go.policy.ModelPolicy;
import org.tribuozoo.go.policy.SymmetryEnsemble;
import org.tribuozoo.tribuo.ZooModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zoo go predict MODEL_FILE FILE.sgf --before-move N}: a trained policy network's most likely
 * next moves, with probabilities, and an ASCII board marking them.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Show a policy network's most likely next moves for the position before move N of an SGF "
                + "game, with probabilities and an ASCII board (X black, O white, 1..9 the candidates by rank).")
final class GoPredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL_FILE", description = "A model file written by zoo go train.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "FILE.sgf", description = "An SGF file (its first game is used).")
    Path sgf;

    @Option(names = "--before-move", required = true, paramLabel = "N",
            description = "The move to predict; 1 is the starting position.")
    int beforeMove;

    @Option(names = "--top", paramLabel = "T", defaultValue = "5",
            description = "How many moves to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--symmetries",
            description = "Average the network over the 8 rotations and reflections of the board.")
    boolean symmetries;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (top < 1 || top > BoardLabels.POINTS) {
            throw new UserException("--top must be in 1.." + BoardLabels.POINTS + ", got " + top);
        }
        GamePosition position = GoCommand.userErrors(() -> GamePosition.of(sgf, beforeMove));
        if (position.size() != BoardLabels.SIZE) {
            throw new UserException(sgf + " is a " + position.size() + "x" + position.size()
                    + " game; policy networks play 19x19");
        }
        List<Map.Entry<String, Double>> ranked;
        try (ZooModel model = ZooModel.load(modelFile)) {
            // The model's probabilities in point order, fed the planes it was trained on.
            BiFunction<float[], Integer, float[]> byPoint = GoCommand.userErrors(
                    () -> ModelPolicy.of(model, modelFile.toString()));
            float[] probabilities = (symmetries
                    ? SymmetryEnsemble.averaged(byPoint, BoardLabels.SIZE, FeaturePlanes.COUNT)
                    : byPoint).apply(position.planes(), 1);
            ranked = new ArrayList<>();
            for (int q = 0; q < BoardLabels.POINTS; q++) {
                ranked.add(Map.entry(BoardLabels.label(q), (double) probabilities[q]));
            }
        }
        ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Double>> best = ranked.subList(0, top);

        PrintWriter o = spec.commandLine().getOut();
        String played = position.played() == GameRecord.PASS ? "pass" : Coordinates.toGo(position.played());
        int playedRank = -1;
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).getKey().equals(played)) {
                playedRank = i + 1;
            }
        }
        o.printf(Locale.ROOT, "%s, before move %d: %s to move; move played: %s%s%n", sgf, beforeMove,
                position.toMove() == Board.BLACK ? "Black" : "White", played,
                playedRank > 0 ? " (rank " + playedRank + " of " + ranked.size() + ")" : "");
        for (int i = 0; i < best.size(); i++) {
            o.printf(Locale.ROOT, "%3d. %-4s %6.2f%%%n", i + 1, best.get(i).getKey(), 100 * best.get(i).getValue());
        }
        o.println();
        o.print(AsciiBoard.draw(position, best.stream().map(Map.Entry::getKey).toList(),
                position.played() == GameRecord.PASS ? -1 : position.played()));
        return 0;
    }
}
