package org.tribuozoo.graph;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link CompiledNetwork#fit} run needs to continue bit for bit where it was: the
 * training loop hands one to the {@link FitOptions#checkpoints() checkpoint writer} after every
 * epoch (and, with a {@linkplain FitOptions#checkpointInterval() interval}, between the chunks of a
 * long epoch), and {@link CompiledNetwork#resume} continues from it.
 *
 * <p>The order of the data is not stored: it is a function of the source's seed and the position
 * ({@code epoch}, {@code chunksDone}), and a {@link TrainingData} replays its generators to that
 * position ({@link TrainingData#epochFrom}). Dropout masks are keyed by the chunk's seed and the
 * optimizer's step, which is in {@link #optimizer()}.
 *
 * @param epoch           the epoch being trained: every epoch before it is finished (the epoch after
 *                        the last when {@code finished})
 * @param chunksDone      chunks of {@code epoch} already trained (0 at an epoch's start)
 * @param progress        the running figures of those chunks ({@link EpochProgress#NONE} at an epoch's start)
 * @param weights         every parameter's values
 * @param optimizer       the optimizer's step counter and slots
 * @param learningRate    the base learning rate (a listener may have changed it)
 * @param history         every finished epoch, in order
 * @param earlyStopping   where early stopping stands
 * @param examplesTrained examples trained since the run began, for the example limit
 * @param elapsed         time since the run began, for the time limit
 * @param finished        true when training is over (its last epoch, early stopping or a limit); what
 *                        is left is restoring the best weights, if asked
 * @param stoppedEarly    true when early stopping or a limit ended training before its last epoch
 */
public record TrainingCheckpoint(int epoch, int chunksDone, EpochProgress progress, Weights weights,
                                 OptimizerState optimizer, double learningRate, List<EpochResult> history,
                                 EarlyStoppingState earlyStopping, long examplesTrained, Duration elapsed,
                                 boolean finished, boolean stoppedEarly) {

    /**
     * Checks that the checkpoint is consistent and keeps an unmodifiable copy of the history.
     *
     * @param epoch           the epoch being trained; at least 1
     * @param chunksDone      chunks of {@code epoch} already trained; not negative
     * @param progress        the running figures of those chunks
     * @param weights         every parameter's values
     * @param optimizer       the optimizer's step counter and slots
     * @param learningRate    the base learning rate; positive and finite
     * @param history         every finished epoch, {@code epoch - 1} of them
     * @param earlyStopping   where early stopping stands
     * @param examplesTrained examples trained since the run began; not negative
     * @param elapsed         time since the run began
     * @param finished        whether training is over
     * @param stoppedEarly    whether early stopping or a limit ended training
     * @throws NullPointerException     if an object component is null
     * @throws IllegalArgumentException if a count is out of range, the history does not hold
     *                                  {@code epoch - 1} epochs, or the learning rate is not positive and finite
     */
    public TrainingCheckpoint {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        Objects.requireNonNull(elapsed, "elapsed");
        history = List.copyOf(history);
        if (epoch < 1 || chunksDone < 0 || examplesTrained < 0) {
            throw new IllegalArgumentException("a checkpoint cannot be at epoch " + epoch + ", chunk " + chunksDone
                    + " after " + examplesTrained + " examples");
        }
        if (history.size() != epoch - 1) {
            throw new IllegalArgumentException("a checkpoint at epoch " + epoch + " must hold the history of "
                    + (epoch - 1) + " epochs, not " + history.size());
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("a checkpoint's learning rate must be positive, got " + learningRate);
        }
    }

    /**
     * Where the run stands, in words: {@code after epoch 2}, {@code in epoch 3 after 5 chunks},
     * {@code finished after epoch 4}.
     *
     * @return the position, for messages and logs
     */
    public String position() {
        if (finished) {
            return "finished after epoch " + (epoch - 1);
        }
        return chunksDone == 0 ? "after epoch " + (epoch - 1)
                : "in epoch " + epoch + " after " + chunksDone + (chunksDone == 1 ? " chunk" : " chunks");
    }

    /**
     * The history as {@link CompiledNetwork#fit} would return it if the run ended here.
     *
     * @return the finished epochs and whether training stopped early
     */
    public TrainingHistory trainingHistory() {
        return new TrainingHistory(history, stoppedEarly);
    }

    /**
     * The running figures of the chunks of an epoch trained so far.
     *
     * @param examples examples trained
     * @param lossSum  the sum over batches of the batch's mean loss times its size
     * @param correct  examples predicted right
     * @param batches  optimizer steps
     * @param seconds  wall time of those steps
     */
    public record EpochProgress(long examples, double lossSum, double correct, int batches, double seconds) {
        /** Nothing trained yet. */
        public static final EpochProgress NONE = new EpochProgress(0, 0, 0, 0, 0);
    }

    /**
     * Where Keras-style early stopping stands.
     *
     * @param bestValue   the best monitored figure so far; NaN before the first epoch
     * @param bestEpoch   the epoch it was reached in; 0 before the first epoch
     * @param epochsWithoutImprovement epochs in a row since then without improvement (Keras's {@code wait})
     * @param bestWeights that epoch's weights, kept when the rule restores the best weights
     */
    public record EarlyStoppingState(double bestValue, int bestEpoch, int epochsWithoutImprovement,
                                     Optional<Weights> bestWeights) {
        /** Before the first epoch. */
        public static final EarlyStoppingState START = new EarlyStoppingState(Double.NaN, 0, 0, Optional.empty());

        /**
         * Checks that the best weights are given as an optional.
         *
         * @param bestValue                the best monitored figure so far
         * @param bestEpoch                the epoch it was reached in
         * @param epochsWithoutImprovement epochs in a row without improvement
         * @param bestWeights              that epoch's weights; empty when not kept
         * @throws NullPointerException if {@code bestWeights} is null
         */
        public EarlyStoppingState {
            Objects.requireNonNull(bestWeights, "bestWeights");
        }
    }
}
