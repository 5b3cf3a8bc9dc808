package org.tribuozoo.go.policy;

import org.tribuozoo.go.data.Symmetry;

import java.util.function.BiFunction;

/**
 * A policy averaged over the 8 symmetries of the board, as AlphaGo's 57.0% figure (K=256) was
 * measured: each position is rotated and reflected 8 ways, the network scores each version, and
 * each version's probabilities are mapped back to the original board and averaged.
 */
public final class SymmetryEnsemble {
    private static final Symmetry[] ALL = Symmetry.values();

    private SymmetryEnsemble() {
    }

    /**
     * The symmetry-averaged form of a predictor.
     *
     * @param predictor maps (NHWC planes of {@code n} positions, n) to {@code n x size²} probabilities, point-major
     * @param size      the board size
     * @param planes    planes per point
     * @return a predictor of the same form whose output is the average over the 8 symmetries
     */
    public static BiFunction<float[], Integer, float[]> averaged(BiFunction<float[], Integer, float[]> predictor,
                                                                int size, int planes) {
        return (inputs, n) -> average(predictor, inputs, n, size, planes, predictor.apply(inputs, n));
    }

    /**
     * The symmetry average of {@code n} positions whose identity orientation the predictor has already
     * scored: the other 7 orientations are scored, and the sums are the same as {@link #averaged}'s.
     *
     * @param identity the predictor's output for {@code inputs} as they are
     */
    static float[] average(BiFunction<float[], Integer, float[]> predictor, float[] inputs, int n, int size,
                           int planes, float[] identity) {
        int points = size * size;
        float[] sum = new float[n * points];
        for (Symmetry s : ALL) {
            int[] table = s.table(size);
            float[] seen = s == Symmetry.IDENTITY ? identity
                    : predictor.apply(transform(inputs, n, points, planes, table), n);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < points; p++) {
                    // The transformed board holds point p at table[p]; its score belongs to p.
                    sum[i * points + p] += seen[i * points + table[p]];
                }
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= ALL.length;
        }
        return sum;
    }

    /** The planes of {@code n} positions with every point moved to {@code table[point]}. */
    static float[] transform(float[] inputs, int n, int points, int planes, int[] table) {
        float[] out = new float[n * points * planes];
        for (int i = 0; i < n; i++) {
            int base = i * points * planes;
            for (int p = 0; p < points; p++) {
                System.arraycopy(inputs, base + p * planes, out, base + table[p] * planes, planes);
            }
        }
        return out;
    }
}
