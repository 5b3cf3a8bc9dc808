package org.tribuozoo.graph;

/**
 * Keeps the checkpoints the training loop hands out (see {@link FitOptions#withCheckpoints}): in
 * memory, or in a file (tribuo-plugin's {@code CheckpointFolder} writes each atomically, replacing
 * the last). Called on the training thread between steps; a writer that fails (a full disk) throws,
 * and training stops with its exception rather than go on without the checkpoints it was asked for.
 */
@FunctionalInterface
public interface CheckpointWriter {

    /**
     * Keeps a checkpoint; the ones before it are no longer needed.
     *
     * @param checkpoint the run's state after an epoch, or between two chunks of one
     */
    void write(TrainingCheckpoint checkpoint);
}
