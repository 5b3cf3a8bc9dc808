package org.tribuozoo.graph;

import java.util.Objects;

/**
 * Scores the network after each epoch: held-out examples in memory, or streamed (a split too large to
 * hold) by an implementation of its own.
 */
public interface Validation {

    /**
     * Loss and accuracy of the network on the validation data, with the inference path.
     *
     * @param network the network being trained, with its current weights
     * @return the mean loss and the accuracy over every validation example
     */
    Evaluation evaluate(CompiledNetwork network);

    /**
     * Checks, before training starts, that the validation data fit the network. By default nothing
     * is checked (a streamed split finds out as it reads).
     *
     * @param network the network to be trained
     * @throws IllegalArgumentException naming what does not fit
     */
    default void checkFits(CompiledNetwork network) {
    }

    /**
     * Validation on examples held in memory.
     *
     * @param images  the held-out examples
     * @param targets one target row per example
     * @return a validation that evaluates the network on all of them
     * @throws NullPointerException     if either is null
     * @throws IllegalArgumentException if the numbers of examples and targets differ
     */
    static Validation of(Images images, Targets targets) {
        return new InMemory(images, targets);
    }

    /**
     * Held-out examples in memory.
     *
     * @param images  the held-out examples
     * @param targets one target row per example
     */
    record InMemory(Images images, Targets targets) implements Validation {
        /**
         * Checks that there is one target per example.
         *
         * @param images  the held-out examples
         * @param targets one target row per example
         * @throws NullPointerException     if either is null
         * @throws IllegalArgumentException if the numbers of examples and targets differ
         */
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
