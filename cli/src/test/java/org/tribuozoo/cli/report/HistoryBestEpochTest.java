package org.tribuozoo.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.dsl.training.EarlyStopping;

/** The report's best epoch follows the training loop's rule, min_delta included. */
class HistoryBestEpochTest {

    @Test
    void anEpochIsBetterOnlyByMoreThanMinDelta(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("history.csv");
        Files.writeString(csv, "epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,examples\n"
                + "1,0.9,0.70,0.500,0.80,1e-3,5,100\n"
                + "2,0.8,0.75,0.495,0.805,1e-3,5,100\n"
                + "3,0.7,0.80,0.400,0.90,1e-3,5,100\n"
                + "4,0.6,0.85,0.399,0.905,1e-3,5,100\n");
        RunFolderResult.History history = RunFolderResult.History.read(csv);
        assertEquals(4, history.best(EarlyStopping.Monitor.VAL_LOSS, 0));
        assertEquals(3, history.best(EarlyStopping.Monitor.VAL_LOSS, 0.01));
        assertEquals(4, history.best(EarlyStopping.Monitor.VAL_ACCURACY, 0));
        assertEquals(3, history.best(EarlyStopping.Monitor.VAL_ACCURACY, 0.01));
    }
}
