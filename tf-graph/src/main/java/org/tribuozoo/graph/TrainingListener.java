package org.tribuozoo.graph;

import java.util.List;

/**
 * Watches a training run as it goes: progress displays, history files, logs. Listening never changes
 * what is trained; a listener may read the network's weights at the end of an epoch, or change its
 * learning rate for the next one ({@link CompiledNetwork#setLearningRate}).
 */
public interface TrainingListener {

    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Training begins.
     *
     * @param network         the network's name
     * @param epochs          the most epochs the run will train
     * @param batchesPerEpoch optimizer steps in a full epoch
     */
    default void trainingStarted(String network, int epochs, int batchesPerEpoch) {
    }

    /**
     * One optimizer step ended.
     *
     * @param epoch    1 for the first epoch
     * @param batch    1 for the epoch's first batch
     * @param batches  batches in a full epoch
     * @param loss     mean training loss over the epoch's examples so far
     * @param accuracy fraction of the epoch's examples so far predicted right
     */
    default void batchFinished(int epoch, int batch, int batches, double loss, double accuracy) {
    }

    /**
     * An epoch ended, validation included.
     *
     * @param result  the epoch's figures
     * @param network the network after the epoch
     */
    default void epochFinished(EpochResult result, CompiledNetwork network) {
    }

    /** Training ended, normally or not. */
    default void trainingFinished() {
    }

    /**
     * Every listener given, in order.
     *
     * @param listeners the listeners; none gives a listener that does nothing
     * @return a listener that passes each event to every listener, in the order given
     * @throws NullPointerException if a listener is null
     */
    static TrainingListener all(TrainingListener... listeners) {
        List<TrainingListener> each = List.of(listeners);
        return new TrainingListener() {
            @Override
            public void trainingStarted(String network, int epochs, int batchesPerEpoch) {
                each.forEach(l -> l.trainingStarted(network, epochs, batchesPerEpoch));
            }

            @Override
            public void batchFinished(int epoch, int batch, int batches, double loss, double accuracy) {
                each.forEach(l -> l.batchFinished(epoch, batch, batches, loss, accuracy));
            }

            @Override
            public void epochFinished(EpochResult result, CompiledNetwork network) {
                each.forEach(l -> l.epochFinished(result, network));
            }

            @Override
            public void trainingFinished() {
                each.forEach(TrainingListener::trainingFinished);
            }
        };
    }
}
