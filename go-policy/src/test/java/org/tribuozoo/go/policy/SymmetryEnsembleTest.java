package org.tribuozoo.go.policy;

import org.junit.jupiter.api.Test;

import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
