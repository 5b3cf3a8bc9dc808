package org.tribuozoo.tribuo;

import org.tribuozoo.graph.EpochResult;

/**
 * Watches a training run as it goes, for progress displays. Not part of a trainer's configuration
 * or provenance: watching never changes what is trained.
 */
public interface TrainingMonitor {

    /** A monitor that shows nothing. */
    TrainingMonitor NONE = new TrainingMonitor() {
    };

    /** Training of a network begins. */
    default void trainingStarted(String network, int epochs, int batchesPerEpoch) {
    }

    /** One optimizer step ended; loss and accuracy are the epoch's running means. */
    default void batchFinished(int epoch, int batch, int batches, double loss, double accuracy) {
    }

    /** An epoch ended, validation included. */
    default void epochFinished(EpochResult result) {
    }

    /** Training ended, normally or not. */
    default void trainingFinished() {
    }
}
