package org.tribuozoo.graph;

/**
 * Called after each epoch. It may read the weights, change the learning rate for the next epoch
 * ({@link CompiledNetwork#setLearningRate}), or stop training.
 */
@FunctionalInterface
public interface EpochListener {

    /** A listener that never stops training. */
    EpochListener NONE = (result, network) -> true;

    /**
     * @return true to go on, false to stop after this epoch
     */
    boolean onEpochEnd(EpochResult result, CompiledNetwork network);
}
