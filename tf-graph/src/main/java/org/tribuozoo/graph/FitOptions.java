package org.tribuozoo.graph;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.tribuozoo.dsl.training.EarlyStopping;

/**
 * How one {@link CompiledNetwork#fit} run goes: epochs, batch size, validation, early stopping, limits,
 * who listens and who keeps checkpoints. What is trained, in which order, comes with the
 * {@link TrainingData}.
 *
 * @param epochs             the most passes over the data
 * @param batchSize          examples per optimizer step (the last batch of a chunk may be smaller)
 * @param validation         scores the network after each epoch, if present
 * @param earlyStopping      stops training, with Keras's semantics, when the monitored figure stops improving
 * @param maxExamples        stops once this many examples are trained (the last chunk is cut), if present
 * @param maxTime            stops before the next chunk once this much time has passed (a resumed run
 *                           counts the time before its checkpoint), if present
 * @param listener           watches the run
 * @param checkpoints        keeps a {@link TrainingCheckpoint} after every epoch, if present
 * @param checkpointInterval also hands {@code checkpoints} one between two chunks of an epoch once this
 *                           much time has passed since the last, if present (streamed data come in chunks;
 *                           data in memory are one chunk per epoch)
 */
public record FitOptions(int epochs, int batchSize, Optional<Validation> validation,
                         Optional<EarlyStopping> earlyStopping, OptionalLong maxExamples, Optional<Duration> maxTime,
                         TrainingListener listener, Optional<CheckpointWriter> checkpoints,
                         Optional<Duration> checkpointInterval) {

    /**
     * Checks each option on its own; {@link #check()} checks how they fit together.
     *
     * @param epochs             the most passes over the data; positive
     * @param batchSize          examples per optimizer step; positive
     * @param validation         the validation run after each epoch; empty for none
     * @param earlyStopping      the early-stopping rule; empty for none
     * @param maxExamples        the example limit; positive when present, empty for none
     * @param maxTime            the time limit; positive when present, empty for none
     * @param listener           watches the run; {@link TrainingListener#NONE} for no one
     * @param checkpoints        receives the checkpoints; empty for none
     * @param checkpointInterval the least time between two checkpoints within an epoch; not negative when
     *                           present (zero: after every chunk), empty for checkpoints after epochs only
     * @throws NullPointerException     if any option is null (absent ones are empty optionals)
     * @throws IllegalArgumentException if {@code epochs}, {@code batchSize}, the example limit or the time
     *                                  limit is not positive, or the checkpoint interval is negative
     */
    public FitOptions {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        Objects.requireNonNull(maxExamples, "maxExamples");
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (maxExamples.isPresent() && maxExamples.getAsLong() <= 0) {
            throw new IllegalArgumentException("the example limit must be positive, got " + maxExamples.getAsLong());
        }
        if (maxTime.isPresent() && (maxTime.get().isNegative() || maxTime.get().isZero())) {
            throw new IllegalArgumentException("the time limit must be positive, got " + maxTime.get());
        }
        if (checkpointInterval.isPresent() && checkpointInterval.get().isNegative()) {
            throw new IllegalArgumentException("the checkpoint interval must not be negative, got "
                    + checkpointInterval.get());
        }
    }

    /**
     * Checks that the options fit together (checked by {@link CompiledNetwork#fit}, so that the
     * {@code with...} calls may come in any order).
     *
     * @throws IllegalArgumentException when early stopping watches a validation figure without validation, or
     *                                  a checkpoint interval is given without a checkpoint writer
     */
    public void check() {
        if (earlyStopping.isPresent() && earlyStopping.get().monitor().needsValidation() && validation.isEmpty()) {
            throw new IllegalArgumentException("early stopping watches " + earlyStopping.get().monitor().configName()
                    + " but there is no validation data");
        }
        if (checkpointInterval.isPresent() && checkpoints.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint interval is given but no checkpoint writer");
        }
    }

    /**
     * Every epoch trained, no validation, no early stopping, no limits, no listener, no checkpoints.
     *
     * @param epochs    the number of passes over the data; positive
     * @param batchSize examples per optimizer step; positive
     * @return the options, to be refined with the {@code with...} methods
     * @throws IllegalArgumentException if either number is not positive
     */
    public static FitOptions of(int epochs, int batchSize) {
        return new FitOptions(epochs, batchSize, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                Optional.empty(), TrainingListener.NONE, Optional.empty(), Optional.empty());
    }

    /**
     * These options with a validation run after each epoch, in memory or streamed.
     *
     * @param v scores the network after each epoch; its figures feed the epoch results and early stopping
     * @return a copy of these options with the validation replaced
     * @throws NullPointerException if {@code v} is null
     */
    public FitOptions withValidation(Validation v) {
        return new FitOptions(epochs, batchSize, Optional.of(v), earlyStopping, maxExamples, maxTime, listener,
                checkpoints, checkpointInterval);
    }

    /**
     * Validation on examples held in memory.
     *
     * @param images  the held-out examples, shaped like the network's input
     * @param targets one target row per example, as wide as the network's output
     * @return a copy of these options with the validation replaced
     * @throws IllegalArgumentException if the numbers of examples and targets differ
     */
    public FitOptions withValidation(Images images, Targets targets) {
        return withValidation(Validation.of(images, targets));
    }

    /**
     * These options with an early-stopping rule, or without one.
     *
     * @param rule the rule; empty to train every epoch
     * @return a copy of these options with the rule replaced
     */
    public FitOptions withEarlyStopping(Optional<EarlyStopping> rule) {
        return new FitOptions(epochs, batchSize, validation, rule, maxExamples, maxTime, listener, checkpoints,
                checkpointInterval);
    }

    /**
     * These options with an early-stopping rule; one that monitors a validation figure needs
     * {@link #withValidation validation} too (checked by {@link #check()}).
     *
     * @param rule the rule
     * @return a copy of these options with the rule replaced
     * @throws NullPointerException if {@code rule} is null
     */
    public FitOptions withEarlyStopping(EarlyStopping rule) {
        return withEarlyStopping(Optional.of(rule));
    }

    /**
     * These options with a limit on the examples trained over the whole run.
     *
     * @param limit the most examples to train; positive
     * @return a copy of these options with the limit replaced
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public FitOptions withMaxExamples(long limit) {
        return new FitOptions(epochs, batchSize, validation, earlyStopping, OptionalLong.of(limit), maxTime, listener,
                checkpoints, checkpointInterval);
    }

    /**
     * These options with a limit on the run's wall time, checked before each chunk.
     *
     * @param limit the most time to train; positive
     * @return a copy of these options with the limit replaced
     * @throws IllegalArgumentException if {@code limit} is zero or negative
     */
    public FitOptions withMaxTime(Duration limit) {
        return new FitOptions(epochs, batchSize, validation, earlyStopping, maxExamples, Optional.of(limit), listener,
                checkpoints, checkpointInterval);
    }

    /**
     * These options with another listener; {@link TrainingListener#all} combines several.
     *
     * @param newListener watches the run
     * @return a copy of these options with the listener replaced
     * @throws NullPointerException if {@code newListener} is null
     */
    public FitOptions withListener(TrainingListener newListener) {
        return new FitOptions(epochs, batchSize, validation, earlyStopping, maxExamples, maxTime, newListener,
                checkpoints, checkpointInterval);
    }

    /**
     * A checkpoint after every epoch, handed to {@code writer}: what {@link CompiledNetwork#resume}
     * needs to continue the run bit for bit.
     *
     * @param writer keeps each checkpoint (on disk, in memory)
     * @return a copy of these options with the checkpoint writer replaced
     */
    public FitOptions withCheckpoints(CheckpointWriter writer) {
        return new FitOptions(epochs, batchSize, validation, earlyStopping, maxExamples, maxTime, listener,
                Optional.of(writer), checkpointInterval);
    }

    /**
     * Checkpoints after every epoch and, within an epoch of several chunks, after the first chunk that
     * ends {@code interval} or more after the last checkpoint.
     *
     * @param writer   keeps each checkpoint
     * @param interval the least time between two checkpoints within an epoch; zero for one after every chunk
     * @return a copy of these options with the checkpoint writer and interval replaced
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public FitOptions withCheckpoints(CheckpointWriter writer, Duration interval) {
        return new FitOptions(epochs, batchSize, validation, earlyStopping, maxExamples, maxTime, listener,
                Optional.of(writer), Optional.of(interval));
    }
}
