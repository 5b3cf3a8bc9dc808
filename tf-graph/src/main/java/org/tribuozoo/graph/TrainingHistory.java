package org.tribuozoo.graph;

import java.util.List;

/**
 * The epochs of one {@link CompiledNetwork#fit} call.
 *
 * @param epochs       one result per finished epoch, in order
 * @param stoppedEarly true when a listener stopped training before the last epoch
 */
public record TrainingHistory(List<EpochResult> epochs, boolean stoppedEarly) {

    /**
     * Keeps an unmodifiable copy of the epochs.
     *
     * @param epochs       one result per finished epoch, in order; may be empty
     * @param stoppedEarly whether training stopped before the last epoch
     * @throws NullPointerException if {@code epochs} is or holds null
     */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /**
     * The last finished epoch.
     *
     * @return the result of the last epoch in {@link #epochs()}
     * @throws IllegalStateException if no epoch finished
     */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch finished");
        }
        return epochs.get(epochs.size() - 1);
    }
}
