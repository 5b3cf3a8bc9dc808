package org.tribuozoo.graph;

/**
 * The figures of one finished epoch.
 *
 * @param epoch              1 for the first epoch
 * @param loss               mean training loss over the epoch's examples (with dropout active)
 * @param accuracy           fraction of training examples predicted right during the epoch
 * @param validationLoss     mean loss on the validation data at the end of the epoch; NaN without
 * @param validationAccuracy accuracy on the validation data; NaN without
 * @param learningRate       the optimizer's base rate in the epoch's last step
 * @param seconds            wall time of the epoch's training steps (validation excluded)
 * @param examples           training examples seen in the epoch
 */
public record EpochResult(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy,
                          double learningRate, double seconds, int examples) {

    /**
     * Training throughput of the epoch.
     *
     * @return examples trained per second of the epoch's training steps; NaN when no time was measured
     */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }

    /**
     * Whether the epoch was scored on validation data.
     *
     * @return true when {@link #validationLoss()} and {@link #validationAccuracy()} are figures, not NaN
     */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "epoch %d: loss %.4f, accuracy %.4f%s, %.0f examples/s", epoch, loss, accuracy,
                hasValidation() ? String.format(java.util.Locale.ROOT, ", val_loss %.4f, val_accuracy %.4f",
                        validationLoss, validationAccuracy) : "", examplesPerSecond());
    }
}
