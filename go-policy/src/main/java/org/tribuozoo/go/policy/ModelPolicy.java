package org.tribuozoo.go.policy;

import java.util.List;
import java.util.function.BiFunction;

import org.tribuozoo.go.GoDataException;
import org.tribuozoo.graph.Images;
import org.tribuozoo.tribuo.ZooModel;

/**
 * A trained policy model (a {@link ZooModel} written by {@code zoo go train}) as a predictor over full
 * positions: it takes the NHWC planes of {@code n} positions with all 48 planes, feeds the model the
 * planes it was trained on (read from its input shape, see {@link InputPlanes}) in batches, and gives
 * back {@code n x 361} probabilities in point order, whatever the order of the model's output ids.
 * This is what {@link MovePredictionEvaluator} and {@link SymmetryEnsemble} take.
 */
public final class ModelPolicy {

    private ModelPolicy() {
    }

    /**
     * @param model a policy model
     * @param name  how to name the model in an error (its file)
     * @throws org.tribuozoo.go.GoDataException naming the model when it is not a 19x19 policy network
     *                                          of 1 to 48 planes and 361 Go-coordinate labels
     */
    public static BiFunction<float[], Integer, float[]> of(ZooModel model, String name) {
        InputPlanes inputs = InputPlanes.of(model.imageLayout(), name);
        List<String> labels = model.labels();
        int[] pointOfId = new int[BoardLabels.POINTS];
        if (labels.size() != BoardLabels.POINTS) {
            throw notAPolicy(name, labels.size() + " labels");
        }
        for (int id = 0; id < labels.size(); id++) {
            pointOfId[id] = BoardLabels.unitLabels().indexOf(labels.get(id));
            if (pointOfId[id] < 0) {
                throw notAPolicy(name, "the label " + labels.get(id));
            }
        }
        return inputs.feeding((planes, n) -> {
            float[] byId = model.probabilities(Images.of(planes, n, BoardLabels.SIZE, BoardLabels.SIZE,
                    inputs.count()));
            float[] byPoint = new float[byId.length];
            for (int i = 0; i < n; i++) {
                int base = i * BoardLabels.POINTS;
                for (int id = 0; id < BoardLabels.POINTS; id++) {
                    byPoint[base + pointOfId[id]] = byId[base + id];
                }
            }
            return byPoint;
        });
    }

    private static GoDataException notAPolicy(String name, String what) {
        return new GoDataException("model " + name + " has " + what
                + ", not the 361 points of a 19x19 board (A19 .. T1); train one with zoo go train");
    }
}
