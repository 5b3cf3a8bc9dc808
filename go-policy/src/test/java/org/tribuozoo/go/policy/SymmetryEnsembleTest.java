package org.tribuozoo.go.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.go.GoData;
import org.tribuozoo.go.data.Batch;
import org.tribuozoo.go.data.ConvertOptions;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Split;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.testutil.RandomGames;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymmetryEnsembleTest {

    static final int SIZE = 3;
    static final int POINTS = 9;
    static final int PLANES = 2;

    /** Probabilities proportional to plane 0 at each point: it moves with the board, so it is symmetric. */
    static final BiFunction<float[], Integer, float[]> FOLLOWS_THE_BOARD = (in, n) -> {
        float[] out = new float[n * POINTS];
        for (int i = 0; i < n; i++) {
            float total = 0;
            for (int p = 0; p < POINTS; p++) {
                total += in[(i * POINTS + p) * PLANES];
            }
            for (int p = 0; p < POINTS; p++) {
                out[i * POINTS + p] = in[(i * POINTS + p) * PLANES] / total;
            }
        }
        return out;
    };

    @Test
    void aPredictorThatFollowsTheBoardIsUnchanged() {
        float[] in = new float[2 * POINTS * PLANES];
        for (int k = 0; k < in.length; k += PLANES) {
            in[k] = 1 + k % 7;
        }
        float[] plain = FOLLOWS_THE_BOARD.apply(in, 2);
        float[] averaged = SymmetryEnsemble.averaged(FOLLOWS_THE_BOARD, SIZE, PLANES).apply(in, 2);
        assertArrayEquals(plain, averaged, 1e-6f);
    }

    @Test
    void aPredictorBlindToTheBoardIsSpreadOverTheImagesOfItsPoint() {
        // Always "the top-left corner": averaged over the 8 symmetries, each corner gets a quarter.
        BiFunction<float[], Integer, float[]> corner = (in, n) -> {
            float[] out = new float[n * POINTS];
            out[0] = 1f;
            return out;
        };
        float[] averaged = SymmetryEnsemble.averaged(corner, SIZE, PLANES).apply(new float[POINTS * PLANES], 1);
        assertArrayEquals(new float[] {0.25f, 0, 0.25f, 0, 0, 0, 0.25f, 0, 0.25f}, averaged, 1e-6f);
    }

    @Test
    void transformMovesWholePoints() {
        float[] in = new float[POINTS * PLANES];
        in[0] = 5;
        in[1] = 6;
        int[] table = org.tribuozoo.go.data.Symmetry.ROTATE_90.table(SIZE);
        float[] out = SymmetryEnsemble.transform(in, 1, POINTS, PLANES, table);
        assertEquals(5, out[table[0] * PLANES]);
        assertEquals(6, out[table[0] * PLANES + 1]);
        assertEquals(2, table[0], "rotating clockwise takes the top-left corner to the top-right");
    }

    /**
     * A policy that is not symmetric: it favours empty points whose right-hand neighbour is an own
     * stone. Averaged over the 8 symmetries, "right" becomes each of the four directions twice, so the
     * averaged probability of a point is the mean over the four directions of that direction's
     * softmax, computed here without the symmetry tables; the evaluation of the averaged policy on a
     * real test split must agree with it position by position.
     */
    @Test
    void theAveragedAccuracyOfALopsidedPolicyAgreesWithADirectComputation(@TempDir Path tmp) throws Exception {
        Path games = RandomGames.write(tmp.resolve("games"), 12, 40, 7);
        Path data = tmp.resolve("shards");
        GoData.convert(ConvertOptions.of(List.of(games), data).withSeed(1).withFractions(0.2, 0.5).withThreads(1));
        int[][] east = {{0, 1}};
        int[][] fourWays = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}};
        BiFunction<float[], Integer, float[]> lopsided = (in, n) -> direct(in, n, east);
        int frequent = 0;

        MovePredictionResult averaged = MovePredictionEvaluator.evaluate(
                SymmetryEnsemble.averaged(lopsided, 19, FeaturePlanes.COUNT), data, Split.TEST, 0, frequent);
        MovePredictionResult single = MovePredictionEvaluator.evaluate(lopsided, data, Split.TEST, 0, frequent);

        long positions = 0;
        long correct = 0;
        long top5 = 0;
        double loss = 0;
        try (PositionReader reader = GoData.reader(data, Split.TEST, PositionReader.Options.sequential())) {
            Batch batch = reader.newBatch(64);
            for (int n = reader.next(batch); n > 0; n = reader.next(batch)) {
                float[] expected = direct(batch.inputs, n, fourWays);
                float[] got = SymmetryEnsemble.averaged(lopsided, 19, FeaturePlanes.COUNT)
                        .apply(java.util.Arrays.copyOf(batch.inputs, n * batch.inputsPerPosition()), n);
                assertArrayEquals(expected, got, 1e-6f);
                for (int i = 0; i < n; i++) {
                    float p = expected[i * 361 + batch.targets[i]];
                    int above = 0;
                    for (int q = 0; q < 361; q++) {
                        above += q != batch.targets[i] && expected[i * 361 + q] >= p ? 1 : 0;
                    }
                    correct += above == 0 ? 1 : 0;
                    top5 += above < 5 ? 1 : 0;
                    loss += -Math.log(p);
                    positions++;
                }
            }
        }
        assertTrue(positions > 100, "positions " + positions);
        assertEquals(positions, averaged.positions());
        assertEquals(correct, averaged.correct());
        assertEquals(top5, averaged.correctTop5());
        assertTrue(top5 > 0, "the averaged policy finds some moves: " + top5);
        assertEquals(loss / positions, averaged.meanLoss(), 1e-5);
        assertTrue(Math.abs(single.meanLoss() - averaged.meanLoss()) > 1e-3,
                "the policy is not symmetric: " + single.meanLoss() + " vs " + averaged.meanLoss());
        assertEquals(single.uniformLegal(), averaged.uniformLegal(), 0, "same positions, same baseline");

        MovePredictionResult first50 = MovePredictionEvaluator.evaluate(lopsided, data, Split.TEST, 50, frequent);
        assertEquals(50, first50.positions());
    }

    /**
     * The mean over the given directions of softmax(2 empty(q) + 3 own(q + direction)) over the 361
     * points, for each of {@code n} 19x19 positions of 48 planes.
     */
    static float[] direct(float[] in, int n, int[][] directions) {
        float[] out = new float[n * 361];
        for (int i = 0; i < n; i++) {
            for (int[] d : directions) {
                double[] score = new double[361];
                double total = 0;
                for (int r = 0; r < 19; r++) {
                    for (int c = 0; c < 19; c++) {
                        int nr = r + d[0];
                        int nc = c + d[1];
                        boolean ownNeighbour = nr >= 0 && nr < 19 && nc >= 0 && nc < 19
                                && in[(i * 361 + nr * 19 + nc) * 48] != 0f;
                        double e = Math.exp(2 * in[(i * 361 + r * 19 + c) * 48 + 2] + (ownNeighbour ? 3 : 0));
                        score[r * 19 + c] = e;
                        total += e;
                    }
                }
                for (int q = 0; q < 361; q++) {
                    out[i * 361 + q] += (float) (score[q] / total / directions.length);
                }
            }
        }
        return out;
    }
}
