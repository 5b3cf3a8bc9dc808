package org.tribuozoo.go.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tribuozoo.go.io.SgfFiles;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.GameReplay;
import org.tribuozoo.go.sgf.GameRecord;
import org.tribuozoo.go.sgf.GameRecordReader;
import org.tribuozoo.go.testutil.TestData;

/**
 * Real games from the shared data folder (skipped when it is absent).
 *
 * <p>The expected sums are those of RocAlphaGo's reference features for the same five SGF files
 * (tests/test_data/hdf5/alphago-vs-lee-sedol-features.hdf5, features board, ones and
 * turns_since, i.e. planes 0-11 here, summed over every position of the game); a position-by-
 * position comparison of all 1,033 positions and their target moves matched exactly too.
 */
class ReferenceGamesTest {

    private static GameRecord game(String file) throws IOException {
        Path p = TestData.goData().resolve("alphago-lee-sedol-2016").resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(p), "missing " + p + "; skipping");
        return GameRecordReader.readFirst(Files.readAllBytes(p), file);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "20160312-Lee-Sedol-vs-AlphaGo.sgf; 176; 7527 7619 48390 63536 175 174 173 166 166 165 164 13963",
        "20160313-AlphaGo-vs-Lee-Sedol.sgf; 180; 7851 7943 49186 64980 179 177 176 176 175 174 173 14564",
        "AlphaGo-vs-Lee-Sedol-20160310.sgf; 211; 10772 10882 54517 76171 210 209 208 206 205 204 203 20209",
        "Lee-Sedol-vs-AlphaGo-20160309.sgf; 186; 8463 8560 50123 67146 185 184 183 182 181 178 177 15753",
        "Lee-Sedol-vs-AlphaGo-20160315.sgf; 280; 18150 18304 64626 101080 279 273 272 271 270 267 266 34556"})
    void colourOnesAndTurnsSinceMatchRocAlphaGo(String file, int positions, String sums) throws IOException {
        GameRecord g = game(file);
        long[] expected = Arrays.stream(sums.trim().split(" ")).mapToLong(Long::parseLong).toArray();
        long[] actual = new long[12];
        long[] planes = new long[361];
        FeaturePlanes fp = new FeaturePlanes();
        int[] count = {0};
        GameReplay.Outcome o = GameReplay.replay(g, new Board(19), (b, toMove, i, point) -> {
            if (point != GameRecord.PASS) {
                fp.compute(b, toMove, planes);
                int[] s = FeaturePlanes.planeSums(planes, 361);
                for (int k = 0; k < 12; k++) {
                    actual[k] += s[k];
                }
                count[0]++;
                // Legal-move planes agree with really playing each move (every 4th position, to
                // keep the suite fast), and sensible moves are legal.
                if (count[0] % 4 == 0) {
                    FeaturePlanesTest.oracle(b, toMove, planes);
                }
                for (int p = 0; p < 361; p++) {
                    if (((planes[p] >>> FeaturePlanes.SENSIBLENESS) & 1) != 0) {
                        assertTrue(b.isLegal(b.vertexOfPoint(p), toMove));
                    }
                }
            }
            return true;
        });
        assertNull(o.cut());
        assertEquals(positions, count[0]);
        assertArrayEquals(expected, actual);
    }

    @Test
    void kgsArchiveReplaysConsistently() {
        Path archive = TestData.goData().resolve("kgs-6d/KGS-2001-19-2298-.tar.gz");
        Assumptions.assumeTrue(Files.isRegularFile(archive), "missing " + archive + "; skipping");
        int games = 0;
        Board board = new Board(19);
        try (SgfFiles in = new SgfFiles(List.of(archive))) {
            for (SgfFiles.Entry e = in.next(); e != null && games < 300; e = in.next()) {
                for (GameRecordReader.Outcome o : GameRecordReader.read(e.data(), e.name())) {
                    GameReplay.Outcome r = GameReplay.replay(o.record(), board, null);
                    assertEquals(o.record().moveCount(), r.movesPlayed(), e.name());
                    assertNull(board.checkConsistency(), e.name());
                    games++;
                }
            }
        }
        assertEquals(300, games);
    }
}
