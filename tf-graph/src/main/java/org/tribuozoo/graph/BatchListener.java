package org.tribuozoo.graph;

/** Called after each optimizer step, for progress displays; it must be quick and must not touch the network. */
@FunctionalInterface
public interface BatchListener {

    /** A listener that does nothing. */
    BatchListener NONE = (epoch, batch, batches, loss, accuracy) -> { };

    /**
     * @param epoch    1 for the first epoch
     * @param batch    1 for the epoch's first batch
     * @param batches  batches in the epoch
     * @param loss     mean training loss over the epoch's examples so far
     * @param accuracy fraction of the epoch's examples so far predicted right
     */
    void onBatchEnd(int epoch, int batch, int batches, double loss, double accuracy);
}
