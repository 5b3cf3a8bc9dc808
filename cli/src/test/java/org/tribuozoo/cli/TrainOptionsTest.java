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
                "--replicas", "3", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        // The trainer's settings as recorded: "key" : "rotationDegrees", "value" : "20.0", ...
        String provenance = Files.readString(run.resolve("provenance.json")).replaceAll("\\s+", " ");
        assertTrue(provenance.contains("\"key\" : \"rotationDegrees\", \"value\" : \"20.0\""), "augmentation recorded");
        assertTrue(provenance.contains("\"key\" : \"horizontalFlip\", \"value\" : \"true\""), "flip recorded");
        assertTrue(provenance.contains("\"key\" : \"patience\", \"value\" : \"1\""), "patience recorded");
        assertTrue(provenance.contains("\"key\" : \"restoreBestWeights\", \"value\" : \"true\""), "restore recorded");
        // --threads is the inter-op count, intra-op automatic; the replicas asked for, and as they ran.
        assertTrue(provenance.contains("\"key\" : \"interOpThreads\", \"value\" : \"2\""), provenance);
        assertTrue(provenance.contains("\"key\" : \"intraOpThreads\", \"value\" : \"0\""), provenance);
        assertTrue(provenance.contains("\"key\" : \"replicas\", \"value\" : \"3\""), provenance);
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
        r = ZooCommandTest.run("train", "lenet5", "--train", "demo", "--epochs", "1", "--early-stopping", "2",
                "--monitor", "val_accuracy", "--out", dir.resolve("run").toString());
        assertEquals(2, r.code());
        assertEquals("zoo: early stopping on val_accuracy needs a validation split: give --validation-split F, or "
                + "--monitor loss or accuracy", r.err().strip());
        r = ZooCommandTest.run("train", "lenet5", "--train", "demo", "--monitor", "val_accuracy", "--out",
                dir.resolve("run").toString());
        assertEquals("zoo: --monitor needs --early-stopping PATIENCE (at least 1), the rule it sets up", r.err().strip());
        r = ZooCommandTest.run("train", "lenet5", "--train", "demo", "--early-stopping", "2", "--monitor", "val_acc",
                "--validation-split", "0.1", "--out", dir.resolve("run").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().lines().count() == 1 && r.err().contains("--monitor: unknown early-stopping "
                + "monitor 'val_acc'"), r.err());
        assertTrue(Files.notExists(dir.resolve("run")));
    }

    /**
     * The lecture's early stopping on validation accuracy, as fashion-cnn-2x2's reference recipe runs it
     * (validation split 0.2, patience 10): here patience 1 on demo data, where the accuracy reaches 1.0
     * early, so that the run stops before its epochs are done and keeps the best epoch.
     */
    @Test
    void earlyStoppingWatchesValidationAccuracyWhenAsked(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        ZooCommandTest.Run r = ZooCommandTest.run("train", "fashion-cnn-2x2", "--train", "demo", "--epochs", "6",
                "--batch-size", "64", "--early-stopping", "1", "--monitor", "val_accuracy", "--seed", "1",
                "--threads", "2", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        String provenance = Files.readString(run.resolve("provenance.json")).replaceAll("\\s+", " ");
        assertTrue(provenance.contains("\"key\" : \"monitor\", \"value\" : \"val_accuracy\""), provenance);
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        double[] accuracy = history.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[4])).toArray();
        // Keras's rule: stop after the first epoch that does not beat the best so far by more than 0 (patience 1).
        int stop = accuracy.length;
        for (int e = 1; e < accuracy.length; e++) {
            double best = java.util.Arrays.stream(accuracy, 0, e).max().orElseThrow();
            if (!(accuracy[e] > best)) {
                stop = e + 1;
                break;
            }
        }
        assertEquals(stop, accuracy.length, "stopped where val_accuracy stopped improving: " + history);
    }
}
