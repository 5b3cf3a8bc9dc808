package org.tribuozoo.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.TrainingListener;

import java.util.Locale;

/**
 * A progress bar per epoch on the terminal, with the running loss and accuracy, drawn on
 * standard error. {@link #whenOnTerminal()} gives one only when a terminal is attached, so logs
 * and pipes never fill with redraws. The library trains unwatched by default: the commands and
 * the examples hand this to the trainer ({@code ZooTrainer.Builder.listener},
 * {@code PolicyTrainer.train}).
 */
public final class ConsoleProgress implements TrainingListener {

    private int epochs;
    private ProgressBar bar;

    private ConsoleProgress() {
    }

    /** A progress display when standard streams are a terminal, else {@link TrainingListener#NONE}. */
    public static TrainingListener whenOnTerminal() {
        return System.console() != null ? new ConsoleProgress() : TrainingListener.NONE;
    }

    /** A progress display even without a terminal (it then prints a line per update). */
    public static TrainingListener always() {
        return new ConsoleProgress();
    }

    @Override
    public synchronized void trainingStarted(String network, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
    }

    @Override
    public synchronized void batchFinished(int epoch, int batch, int batches, double loss, double accuracy) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
        }
        bar.stepTo(batch);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.4f", loss, accuracy));
    }

    @Override
    public synchronized void epochFinished(EpochResult result, CompiledNetwork network) {
        if (bar != null) {
            bar.setExtraMessage(result.hasValidation()
                    ? String.format(Locale.ROOT, "loss %.4f acc %.4f val_loss %.4f val_acc %.4f", result.loss(),
                    result.accuracy(), result.validationLoss(), result.validationAccuracy())
                    : String.format(Locale.ROOT, "loss %.4f acc %.4f", result.loss(), result.accuracy()));
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void trainingFinished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
