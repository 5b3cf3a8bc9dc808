package org.tribuozoo.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tribuozoo.tribuo.ZooTrainer;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training display: on a terminal a progress bar over the epochs whose message shows the last
 * epoch's loss and accuracy (and validation figures); elsewhere (a pipe, a log file, CI) one plain
 * line per epoch.
 *
 * <p>{@link ZooTrainer} has no listener hook in its public API; it logs one record per finished
 * epoch ({@code "epoch N: loss ..., accuracy ..."}, the form of {@code EpochResult.toString()})
 * through java.util.logging. This display listens on the trainer's logger for as long as it is
 * open, so it advances once per epoch; a per-batch bar needs a hook in the trainer.
 */
final class TrainingProgress extends Handler implements AutoCloseable {

    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private static final Logger TRAINER_LOG = Logger.getLogger(ZooTrainer.class.getName());

    /** An epoch record: its number, then its figures. */
    private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+): (.*)$");

    private final PrintWriter lines;
    private final ProgressBar bar;
    private final boolean previousUseParent;

    private TrainingProgress(PrintWriter lines, ProgressBar bar) {
        this.lines = lines;
        this.bar = bar;
        this.previousUseParent = TRAINER_LOG.getUseParentHandlers();
        setFormatter(new SimpleFormatter());
    }

    /**
     * Starts the display for a run of at most {@code epochs} epochs.
     *
     * @param err      where plain lines go
     * @param epochs   the planned number of epochs (early stopping may end sooner)
     * @param terminal whether standard error is an interactive terminal
     */
    static TrainingProgress start(PrintWriter err, int epochs, boolean terminal) {
        ProgressBar bar = terminal ? new ProgressBarBuilder()
                .setTaskName("training")
                .setInitialMax(epochs)
                .setUnit(" epochs", 1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .build() : null;
        TrainingProgress p = new TrainingProgress(err, bar);
        TRAINER_LOG.setUseParentHandlers(false);
        TRAINER_LOG.addHandler(p);
        return p;
    }

    /** Whether this JVM's standard streams are an interactive terminal. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = getFormatter().formatMessage(record);
        Matcher m = EPOCH.matcher(message);
        if (bar != null && m.matches()) {
            bar.stepTo(Long.parseLong(m.group(1)));
            bar.setExtraMessage(compact(m.group(2)));
            return;
        }
        if (bar != null) {
            // Other records (early stopping, restored weights) go in the bar's message, so they
            // never tear the bar's line apart.
            bar.setExtraMessage(message);
            return;
        }
        synchronized (lines) {
            lines.println(message);
            lines.flush();
        }
    }

    /**
     * The epoch's figures short enough for the bar's line on an 80-column terminal:
     * {@code loss 0.1234 acc 0.9876 val_loss 0.2345 val_acc 0.9500}, without the throughput.
     */
    static String compact(String figures) {
        return figures.replaceAll(",\\s*[^,]* examples/s", "").replace("accuracy", "acc").replace(",", "");
    }

    @Override
    public void flush() {
        lines.flush();
    }

    @Override
    public void close() {
        TRAINER_LOG.removeHandler(this);
        TRAINER_LOG.setUseParentHandlers(previousUseParent);
        if (bar != null) {
            bar.close();
        }
        lines.flush();
    }
}
