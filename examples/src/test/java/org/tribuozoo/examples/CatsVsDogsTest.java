package org.tribuozoo.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cats-vs-dogs example on its generated two-class folder, end to end with one epoch. */
class CatsVsDogsTest {

    @Test
    void syntheticFolderIsReadWithTheBadFilesSkippedAndTrains(@TempDir Path tmp) throws Exception {
        Path folder = CatsVsDogs.writeSynthetic(Files.createDirectories(tmp.resolve("shapes")), 60, 3);
        CatsVsDogs.Result r = CatsVsDogs.train(folder, 1, 1);

        assertEquals(Map.of("circles", 60, "squares", 60), r.source().classCounts());
        assertEquals(List.of("broken.jpg", "notes.txt"),
                r.source().skipped().stream().map(s -> s.file().getFileName().toString()).sorted().toList());
        assertEquals(24, r.evaluation().getPredictions().size(), "20% of 120 images");
        assertEquals(List.of("circles", "squares"), r.model().labels().stream().sorted().toList());
        assertEquals(1, r.model().history().epochs().size());
        assertTrue(r.model().history().last().hasValidation(), "a validation split");
        assertEquals(72, r.model().history().last().examples(), "60% of 120 images train, the next 20% validate");
        r.model().close();
    }

    @Test
    void theProgramRunsWithoutDataOnItsSyntheticFolder(@TempDir Path tmp) {
        String[] args = {"--epochs", "1", "--per-class", "80", "--out", tmp.toString()};
        int code = Common.execute(new CatsVsDogs(), args);
        assertEquals(0, code);
        for (String f : List.of("catsdogs-cnn.model", "history.csv", "training-curves.png", "confusion-matrix.png")) {
            assertTrue(Files.isRegularFile(tmp.resolve(f)), f);
        }
    }
}
