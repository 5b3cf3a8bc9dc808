package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zoo train}'s augmentation and early-stopping options. */
class TrainOptionsTest {

    @Test
    void augmentationAndEarlyStoppingReachTheTrainer(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        ZooCommandTest.Run r = ZooCommandTest.run("train", "lenet5", "--train", "demo", "--epochs", "2",
                "--validation-split", "0.2", "--early-stopping", "1", "--augment", "--seed", "3", "--threads", "2",
                "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        // The trainer's settings as recorded: "key" : "rotationDegrees", "value" : "20.0", ...
        String provenance = Files.readString(run.resolve("provenance.json")).replaceAll("\\s+", " ");
        assertTrue(provenance.contains("\"key\" : \"rotationDegrees\", \"value\" : \"20.0\""), "augmentation recorded");
        assertTrue(provenance.contains("\"key\" : \"horizontalFlip\", \"value\" : \"true\""), "flip recorded");
        assertTrue(provenance.contains("\"key\" : \"patience\", \"value\" : \"1\""), "patience recorded");
        assertTrue(provenance.contains("\"key\" : \"restoreBestWeights\", \"value\" : \"true\""), "restore recorded");
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals(3, history.size(), "a header and two epochs: " + history);
        assertTrue(!history.get(1).split(",")[3].isEmpty(), "validation loss recorded: " + history);
    }

    @Test
    void earlyStoppingWithoutValidationIsOneLine(@TempDir Path dir) {
        ZooCommandTest.Run r = ZooCommandTest.run("train", "lenet5", "--train", "demo", "--epochs", "1",
                "--early-stopping", "2", "--out", dir.resolve("run").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().lines().count() == 1 && r.err().contains("needs a validation split"), r.err());
    }
}
