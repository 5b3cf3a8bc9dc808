package org.tribuozoo.graph;

/** Training produced a NaN or infinite loss; the message names the epoch and batch. */
public final class TrainingDivergedException extends ArithmeticException {

    /** 1 for the first epoch. */
    private final int epoch;
    /** 1 for the first batch of the epoch. */
    private final int batch;

    /**
     * A divergence, with a message that names where it happened and what to try.
     *
     * @param epoch the epoch the loss diverged in, 1 for the first
     * @param batch the batch of the epoch, 1 for the first
     * @param loss  the loss that batch gave: NaN or infinite
     */
    public TrainingDivergedException(int epoch, int batch, float loss) {
        super("training diverged: the loss became " + loss + " in epoch " + epoch + ", batch " + batch
                + " (lower the learning rate, or check the data for NaN or infinite values)");
        this.epoch = epoch;
        this.batch = batch;
    }

    /**
     * The epoch the loss diverged in.
     *
     * @return 1 for the first epoch
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The batch of the epoch whose loss diverged.
     *
     * @return 1 for the first batch of the epoch
     */
    public int batch() {
        return batch;
    }
}
