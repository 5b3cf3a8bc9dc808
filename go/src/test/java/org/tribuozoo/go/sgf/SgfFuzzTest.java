package org.tribuozoo.go.sgf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.GameReplay;

/**
 * Fuzzes what {@code zoo go convert} does with the bytes of one SGF file: parse, read every game,
 * replay it by the rules and compute the 48 feature planes of every position. Whatever the bytes,
 * {@link GameRecordReader#read} returns outcomes (a game, or the reason it was skipped) and never
 * throws, and replaying a game it returned never fails.
 * <p>
 * The build runs this over the committed inputs in {@code SgfFuzzTestInputs/gamesFromAnyBytes/}
 * (test resources); {@code JAZZER_FUZZ=1} fuzzes it (see docs/reliability.md).
 */
class SgfFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void gamesFromAnyBytes(byte[] data) {
        List<GameRecordReader.Outcome> outcomes = GameRecordReader.read(data, "fuzz.sgf");
        assertTrue(!outcomes.isEmpty(), "at least one outcome");
        FeaturePlanes features = new FeaturePlanes();
        for (GameRecordReader.Outcome o : outcomes) {
            assertEquals(o.record() == null, o.skipped() != null, "a game or a reason: " + o);
            if (o.record() == null) {
                continue;
            }
            GameRecord game = o.record();
            Board board = new Board(game.size());
            long[] planes = new long[game.size() * game.size()];
            GameReplay.Outcome replay = GameReplay.replay(game, board, (b, toMove, index, point) -> {
                features.compute(b, toMove, planes);
                return true;
            });
            assertTrue(replay.movesPlayed() <= game.moveCount(), "no more moves than the record holds");
        }
    }
}
