package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.TrainingListener;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The terminal progress bar draws an epoch's batches and its final figures, through progressbar
 * and its jline (the only jline on the class path: OLCUT's is left out).
 */
class ConsoleProgressTest {

    @Test
    void drawsEachEpochWithItsFinalFigures() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            TrainingListener progress = ConsoleProgress.always();
            progress.trainingStarted("lenet5", 2, 4);
            for (int batch = 1; batch <= 4; batch++) {
                progress.batchFinished(1, batch, 4, 0.5, 0.75);
            }
            progress.epochFinished(new EpochResult(1, 0.5, 0.75, 0.625, 0.8125, 0.001, 1.0, 128), null);
            progress.batchFinished(2, 1, 4, 0.25, 0.875);
            progress.trainingFinished();
        } finally {
            System.setErr(saved);
        }
        String shown = err.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("epoch 1/2"), shown);
        assertTrue(shown.contains("4/4"), "the whole epoch's batches: " + shown);
        // The line is cut at the width of the (here absent, so 80-column) terminal.
        assertTrue(shown.contains("loss 0.5000 acc 0.7500 val_loss 0.6"), "the epoch's final figures: " + shown);
        assertTrue(shown.contains("epoch 2/2"), "a new bar for the next epoch: " + shown);
    }
}
