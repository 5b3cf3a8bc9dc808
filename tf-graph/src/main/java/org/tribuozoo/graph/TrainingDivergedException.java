package org.tribuozoo.graph;

/** Training produced a NaN or infinite loss; the message names the epoch and batch. */
public final class TrainingDivergedException extends ArithmeticException {

    private final int epoch;
    private final int batch;

    public TrainingDivergedException(int epoch, int batch, float loss) {
        super("training diverged: the loss became " + loss + " in epoch " + epoch + ", batch " + batch
                + " (lower the learning rate, or check the data for NaN or infinite values)");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 1 for the first epoch. */
    public int epoch() {
        return epoch;
    }

    /** 1 for the first batch of the epoch. */
    public int batch() {
        return batch;
    }
}
