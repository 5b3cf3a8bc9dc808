package org.tribuozoo.cli;

import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.TrainingHistory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The per-epoch history file, {@code history.csv}, of every run folder: {@code zoo train},
 * {@code zoo reproduce --out}, {@code zoo go train} and the examples all write it here, so it has
 * one column set and one number format wherever it comes from.
 * <p>
 * Columns ({@link #HEADER}): {@code epoch}; {@code loss}, {@code accuracy}, {@code val_loss},
 * {@code val_accuracy} with 6 decimals; {@code learning_rate} in scientific notation with 6
 * significant digits (schedules take it down by orders of magnitude); {@code seconds} with 3
 * decimals; {@code examples}, the training examples of the epoch. A figure that does not exist
 * (NaN: the validation columns of a run without validation data) is an empty cell. Rows end in
 * {@code \n} on every platform.
 */
public final class HistoryCsv {

    /** The file's name in a run folder. */
    public static final String FILE_NAME = "history.csv";

    /** The first line. */
    public static final String HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,examples";

    private HistoryCsv() {
    }

    /**
     * The file's text.
     *
     * @param history the epochs of a training run
     * @return {@link #HEADER}, then one row per epoch, each line ending in {@code \n}
     */
    public static String text(TrainingHistory history) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EpochResult e : history.epochs()) {
            sb.append(e.epoch()).append(',')
                    .append(cell("%.6f", e.loss())).append(',')
                    .append(cell("%.6f", e.accuracy())).append(',')
                    .append(cell("%.6f", e.validationLoss())).append(',')
                    .append(cell("%.6f", e.validationAccuracy())).append(',')
                    .append(cell("%.5e", e.learningRate())).append(',')
                    .append(cell("%.3f", e.seconds())).append(',')
                    .append(e.examples()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes the file.
     *
     * @param history the epochs of a training run
     * @param file    where to write it, usually {@code run.file(HistoryCsv.FILE_NAME)} of a {@link RunFolder}
     * @throws IOException if the file cannot be written
     */
    public static void write(TrainingHistory history, Path file) throws IOException {
        Files.writeString(file, text(history));
    }

    private static String cell(String format, double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }
}
