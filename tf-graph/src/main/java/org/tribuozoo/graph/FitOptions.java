package org.tribuozoo.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * How one {@link CompiledNetwork#fit} call runs.
 *
 * @param epochs         passes over the data
 * @param batchSize      examples per optimizer step (the last batch of an epoch may be smaller)
 * @param seed           seeds the shuffling and the dropout masks
 * @param shuffle        whether to reshuffle the examples each epoch
 * @param validation     data evaluated after each epoch, if any
 * @param listener       called after each epoch
 * @param batchListener  called after each optimizer step (progress displays)
 */
public record FitOptions(int epochs, int batchSize, long seed, boolean shuffle, Optional<Validation> validation,
                         EpochListener listener, BatchListener batchListener) {

    /** Options without a per-batch listener. */
    public FitOptions(int epochs, int batchSize, long seed, boolean shuffle, Optional<Validation> validation,
                      EpochListener listener) {
        this(epochs, batchSize, seed, shuffle, validation, listener, BatchListener.NONE);
    }

    /** Validation examples and their targets. */
    public record Validation(Images images, Targets targets) {
        public Validation {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(targets, "targets");
            if (images.count() != targets.count()) {
                throw new IllegalArgumentException("validation has " + images.count() + " examples but "
                        + targets.count() + " targets");
            }
        }
    }

    public FitOptions {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(batchListener, "batchListener");
    }

    /** Shuffled training without validation. */
    public static FitOptions of(int epochs, int batchSize, long seed) {
        return new FitOptions(epochs, batchSize, seed, true, Optional.empty(), EpochListener.NONE);
    }

    public FitOptions withValidation(Images images, Targets targets) {
        return new FitOptions(epochs, batchSize, seed, shuffle, Optional.of(new Validation(images, targets)), listener,
                batchListener);
    }

    public FitOptions withListener(EpochListener newListener) {
        return new FitOptions(epochs, batchSize, seed, shuffle, validation, newListener, batchListener);
    }

    public FitOptions withBatchListener(BatchListener newListener) {
        return new FitOptions(epochs, batchSize, seed, shuffle, validation, listener, newListener);
    }

    public FitOptions withShuffle(boolean newShuffle) {
        return new FitOptions(epochs, batchSize, seed, newShuffle, validation, listener, batchListener);
    }
}
