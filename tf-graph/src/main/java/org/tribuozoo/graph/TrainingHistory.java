package org.tribuozoo.graph;

import java.util.List;

/**
 * The epochs of one {@link CompiledNetwork#fit} call.
 *
 * @param epochs       one result per finished epoch, in order
 * @param stoppedEarly true when a listener stopped training before the last epoch
 */
public record TrainingHistory(List<EpochResult> epochs, boolean stoppedEarly) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The last finished epoch. */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch finished");
        }
        return epochs.get(epochs.size() - 1);
    }
}
