package org.tribuozoo.graph;

import java.util.Objects;

/**
 * Scores the network after each epoch: held-out examples in memory, or streamed (a split too large to
 * hold) by an implementation of its own.
 */
public interface Validation {

    /** Loss and accuracy of the network on the validation data, with the inference path. */
    Evaluation evaluate(CompiledNetwork network);

    /**
     * Checks, before training starts, that the validation data fit the network.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    default void checkFits(CompiledNetwork network) {
    }

    /** Validation on examples held in memory. */
    static Validation of(Images images, Targets targets) {
        return new InMemory(images, targets);
    }

    /** Held-out examples in memory. */
    record InMemory(Images images, Targets targets) implements Validation {
        public InMemory {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(targets, "targets");
            if (images.count() != targets.count()) {
                throw new IllegalArgumentException("validation has " + images.count() + " examples but "
                        + targets.count() + " targets");
            }
        }

        @Override
        public Evaluation evaluate(CompiledNetwork network) {
            return network.evaluate(images, targets);
        }

        @Override
        public void checkFits(CompiledNetwork network) {
            network.checkData(images, targets, "validation");
        }
    }
}
