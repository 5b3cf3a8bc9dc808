package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failed or interrupted run never leaves a folder that looks complete. */
class RunFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aCommittedRunAppearsUnderItsNameInOneStep() throws IOException {
        Path target = tmp.resolve("run");
        try (RunFolder run = RunFolder.create(target)) {
            Files.writeString(run.file("a.txt"), "a");
            assertFalse(Files.exists(target), "nothing under the final name while writing");
            assertTrue(Files.isRegularFile(tmp.resolve("run.partial/a.txt")));
            run.commit();
        }
        assertEquals("a", Files.readString(target.resolve("a.txt")));
        assertFalse(Files.exists(tmp.resolve("run.partial")));
    }

    @Test
    void aFailedRunLeavesNothing() throws IOException {
        Path target = tmp.resolve("run");
        assertThrows(IllegalStateException.class, () -> {
            try (RunFolder run = RunFolder.create(target)) {
                Files.writeString(run.file("model.tribuo"), "half");
                throw new IllegalStateException("training diverged");
            }
        });
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(tmp.resolve("run.partial")));
    }

    @Test
    void aLeftoverPartialFolderIsReplacedAndAnEmptyTargetIsFine() throws IOException {
        Files.createDirectories(tmp.resolve("run.partial"));
        Files.writeString(tmp.resolve("run.partial/stale.txt"), "old");
        Files.createDirectories(tmp.resolve("run"));
        try (RunFolder run = RunFolder.create(tmp.resolve("run"))) {
            run.commit();
        }
        assertTrue(Files.isDirectory(tmp.resolve("run")));
        assertFalse(Files.exists(tmp.resolve("run/stale.txt")));
    }

    @Test
    void aTargetHoldingFilesIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("run"));
        Files.writeString(tmp.resolve("run/x"), "x");
        assertThrows(UserException.class, () -> RunFolder.create(tmp.resolve("run")));
    }

    /**
     * Kills a real {@code zoo train} process in the middle of training (SIGTERM, as Ctrl-C's SIGINT
     * runs the same shutdown hooks) and checks that neither the run folder nor its partial folder
     * is left.
     */
    @Test
    void anInterruptedTrainingLeavesNoRunFolder() throws Exception {
        Path target = tmp.resolve("killed");
        Path partial = tmp.resolve("killed" + RunFolder.PARTIAL_SUFFIX);
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        IdxFiles.writePair(data, "all", 3000, 28, 28, 9);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ZooCommand.class.getName(), "train", "lenet5",
                "--train", "idx:" + data + ":all", "--test-split", "0.1", "--epochs", "1000", "--batch-size", "8",
                "--threads", "1", "--out", target.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(tmp.resolve("log.txt")).contains("epoch 1: loss")) {
                assertTrue(p.isAlive(), () -> "training ended early: " + read(tmp.resolve("log.txt")));
                assertTrue(System.nanoTime() < deadline, "no epoch within a minute");
                Thread.sleep(100);
            }
            assertTrue(Files.isDirectory(partial), "the run is being written into the partial folder");
        } finally {
            p.destroy();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ends on SIGTERM");
        assertFalse(Files.exists(target), "no run folder after an interrupted run");
        assertFalse(Files.exists(partial), "the partial folder is removed");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
