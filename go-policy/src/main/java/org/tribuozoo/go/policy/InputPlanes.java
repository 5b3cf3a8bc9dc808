package org.tribuozoo.go.policy;

import java.util.function.BiFunction;

import org.tribuozoo.go.GoDataException;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.tribuo.data.ImageLayout;

/**
 * The planes a policy network reads: the first {@code count} of the 48 feature planes of every point.
 * All 48 is the paper's full network; 4 is its "stone colour + ones" ablation (planes 0-2 own,
 * opponent, empty; plane 3 ones). Shards always hold all 48 planes, so the selection is made when
 * positions are fed to a network, and a trained model's input shape (19 x 19 x count) says which
 * planes it reads.
 *
 * @param count how many of the leading planes, 1..48
 */
public record InputPlanes(int count) {

    /** All 48 planes. */
    public static final InputPlanes ALL = new InputPlanes(FeaturePlanes.COUNT);
    /** AlphaGo's "stone colour + ones" feature set: planes 0-3. */
    public static final InputPlanes COLOUR_AND_ONES = new InputPlanes(4);

    /**
     * @throws IllegalArgumentException when {@code count} is not in 1..48
     */
    public InputPlanes {
        if (count < 1 || count > FeaturePlanes.COUNT) {
            throw new IllegalArgumentException("planes must be in 1.." + FeaturePlanes.COUNT + ", got " + count);
        }
    }

    /**
     * The planes a trained policy model reads, from its input shape.
     *
     * @throws GoDataException naming the model when its input is not a 19x19 board of 1 to 48 planes
     */
    public static InputPlanes of(ImageLayout modelInput, String model) {
        if (modelInput.height() != BoardLabels.SIZE || modelInput.width() != BoardLabels.SIZE
                || modelInput.channels() > FeaturePlanes.COUNT) {
            throw new GoDataException("model " + model + " takes " + modelInput.height() + "x" + modelInput.width()
                    + "x" + modelInput.channels() + " inputs, not a 19x19 board of 1 to " + FeaturePlanes.COUNT
                    + " feature planes; train one with zoo go train");
        }
        return new InputPlanes(modelInput.channels());
    }

    /** The network input: 19 x 19 x {@code count}, channels last. */
    public ImageLayout layout() {
        return new ImageLayout(BoardLabels.SIZE, BoardLabels.SIZE, count);
    }

    /**
     * The selected planes of {@code n} positions given with all 48 (NHWC); the array itself when all
     * 48 are selected.
     */
    public float[] select(float[] allPlanes, int n) {
        int points = n * BoardLabels.POINTS;
        if (count == FeaturePlanes.COUNT) {
            return allPlanes.length == points * count ? allPlanes
                    : java.util.Arrays.copyOf(allPlanes, points * count);
        }
        float[] out = new float[points * count];
        for (int p = 0; p < points; p++) {
            System.arraycopy(allPlanes, p * FeaturePlanes.COUNT, out, p * count, count);
        }
        return out;
    }

    /**
     * A predictor that takes positions with all 48 planes and hands {@code predictor} only the selected
     * ones, so evaluations, baselines and symmetry averaging work on full positions whatever the
     * network reads.
     *
     * @param predictor maps (NHWC selected planes of {@code n} positions, n) to {@code n x 361} probabilities
     */
    public BiFunction<float[], Integer, float[]> feeding(BiFunction<float[], Integer, float[]> predictor) {
        return (allPlanes, n) -> predictor.apply(select(allPlanes, n), n);
    }
}
