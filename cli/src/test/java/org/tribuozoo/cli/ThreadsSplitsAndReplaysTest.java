package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors of the right kind for the cases: a thread count the machine cannot run, a split that
 * leaves less than a batch to train on, and a provenance that points a replay at a system folder are
 * each one line and exit 2, before anything is trained or read.
 */
class ThreadsSplitsAndReplaysTest {

    @TempDir
    Path tmp;

    private String failsWithOneLine(String expected, String... args) {
        ZooCommandTest.Run r = ZooCommandTest.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("zoo: ") && r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        return r.err();
    }

    @Test
    void threadCountsBeyondTheMachineAreOneLine() {
        failsWithOneLine("--threads must be at most ", "train", "lenet5", "--train", "demo", "--threads", "5000",
                "--out", tmp.resolve("t").toString());
        failsWithOneLine("--threads must be at least 1, got 0", "train", "lenet5", "--train", "demo", "--threads", "0",
                "--out", tmp.resolve("t").toString());
        failsWithOneLine("--replicas must be at least 1, got 0", "train", "lenet5", "--train", "demo", "--replicas",
                "0", "--out", tmp.resolve("t").toString());
        failsWithOneLine("--replicas must be at most ", "train", "lenet5", "--train", "demo", "--replicas", "5000",
                "--out", tmp.resolve("t").toString());
        assertFalse(Files.exists(tmp.resolve("t" + RunFolder.PARTIAL_SUFFIX)), "refused before a folder is made");
    }

    /** The case: {@code --validation-split 0.99999} trained on one example and exited 0. */
    @Test
    void splitsLeavingLessThanABatchToTrainOnAreRefused() {
        failsWithOneLine("validation split 0.99999 of 6,000 examples leaves 1 for training, fewer than one batch (128) "
                + "and fewer than it holds out: choose a smaller split", "train", "lenet5", "--train", "demo",
                "--epochs", "1", "--threads", "2", "--validation-split", "0.99999", "--out", tmp.resolve("v").toString());
        failsWithOneLine("--test-split 0.995 of 6,000 examples leaves 30 for training, fewer than one batch (128) and "
                + "fewer than it keeps for testing: choose a smaller split", "train", "lenet5", "--train", "demo",
                "--epochs", "1", "--test-split", "0.995", "--out", tmp.resolve("v").toString());
        assertFalse(Files.exists(tmp.resolve("v")));
        assertFalse(Files.exists(tmp.resolve("v" + RunFolder.PARTIAL_SUFFIX)));
    }

    /** The case: a provenance whose data source was changed to {@code folder:/} walked the file system. */
    @Test
    void aReplayOfAProvenancePointingAtASystemFolderIsRefused() throws IOException {
        Path images = tmp.resolve("images");
        for (String label : new String[] {"bar", "dot"}) {
            Files.createDirectories(images.resolve(label));
            for (int i = 0; i < 6; i++) {
                BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSample(label.equals("bar") ? 14 : i, 14, 0, 255);
                assertTrue(ImageIO.write(image, "png", images.resolve(label + "/" + i + ".png").toFile()));
            }
        }
        Path run = tmp.resolve("run");
        ZooCommandTest.Run trained = ZooCommandTest.run("train", "lenet5", "--train", "folder:" + images,
                "--test-split", "0.25", "--epochs", "1", "--batch-size", "4", "--threads", "1", "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());
        Path tampered = Files.createDirectories(tmp.resolve("tampered"));
        Files.copy(run.resolve(RunFiles.MODEL), tampered.resolve(RunFiles.MODEL));
        Files.writeString(tampered.resolve("provenance.json"),
                Files.readString(run.resolve("provenance.json")).replace(images.toString(), "/"));
        failsWithOneLine("names /, the root of the file system; a replay reads data files only, never the root of a "
                + "file system, /proc, /sys or /dev", "reproduce", tampered.resolve("provenance.json").toString());
    }
}
