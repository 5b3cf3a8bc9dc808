package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.TrainingHistory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one writer of {@code history.csv}: its exact text for a known history. */
class HistoryCsvTest {

    @Test
    void oneRowPerEpochWithFixedPrecisionAndEmptyCellsForMissingFigures(@TempDir Path tmp) throws IOException {
        TrainingHistory history = new TrainingHistory(List.of(
                new EpochResult(1, 0.69314718, 0.5, 0.6123456789, 0.625, 0.001, 1.23456, 480),
                new EpochResult(2, 0.1, 1.0, Double.NaN, Double.NaN, 2.5e-5, 10, 512),
                new EpochResult(3, Double.NaN, 0.0, 0.25, 0.75, Double.NaN, 0.0004, 0)), false);

        String expected = """
                epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,examples
                1,0.693147,0.500000,0.612346,0.625000,1.00000e-03,1.235,480
                2,0.100000,1.000000,,,2.50000e-05,10.000,512
                3,,0.000000,0.250000,0.750000,,0.000,0
                """;
        assertEquals(expected, HistoryCsv.text(history));

        Path file = tmp.resolve(HistoryCsv.FILE_NAME);
        HistoryCsv.write(history, file);
        assertEquals(expected, Files.readString(file));
    }

    @Test
    void aHistoryWithoutEpochsIsTheHeaderAlone() {
        assertEquals(HistoryCsv.HEADER + "\n", HistoryCsv.text(new TrainingHistory(List.of(), false)));
    }
}
