package org.tribuozoo.go.policy;

import java.util.Optional;

import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.tribuo.ZooModel;

/**
 * What {@link PolicyTrainer#train} produced.
 *
 * @param model            the trained network as a Tribuo model (labels: Go coordinates)
 * @param test             move-prediction accuracy on the test split, with the two baselines
 * @param testAveraged     the same on the same positions, the network averaged over the 8 board symmetries
 *                         ({@link SymmetryEnsemble}); empty when the trainer was told not to compute it
 * @param history          per epoch: training loss and accuracy, validation loss and accuracy
 * @param trainedPositions positions trained on, over all epochs
 * @param trainingSeconds  time spent in optimizer steps (reading and decoding chunks included in
 *                         neither this nor validation)
 * @param totalSeconds     the whole run: counting targets, training, validation and test
 * @param stoppedAtLimit   whether the time or position limit ended training before the last epoch ended
 */
public record PolicyTrainingResult(ZooModel model, MovePredictionResult test,
                                   Optional<MovePredictionResult> testAveraged, TrainingHistory history,
                                   long trainedPositions, double trainingSeconds, double totalSeconds,
                                   boolean stoppedAtLimit) {

    /** Training throughput: positions per second of optimizer steps. */
    public double positionsPerSecond() {
        return trainingSeconds > 0 ? trainedPositions / trainingSeconds : Double.NaN;
    }
}
