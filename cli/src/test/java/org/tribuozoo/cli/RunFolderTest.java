package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tribuozoo.tribuo.CheckpointFolder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failed or interrupted run never leaves a folder that looks complete; one that holds a checkpoint
 * keeps its partial folder for {@code zoo resume}.
 */
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
    void aLeftoverPartialFolderOfOursIsReplacedAndAnEmptyTargetIsFine() throws IOException {
        Files.createDirectories(tmp.resolve("run.partial"));
        Files.writeString(tmp.resolve("run.partial/" + RunFolder.MARKER), "left by a killed run");
        Files.writeString(tmp.resolve("run.partial/stale.txt"), "old");
        Files.createDirectories(tmp.resolve("run"));
        try (RunFolder run = RunFolder.create(tmp.resolve("run"))) {
            assertTrue(Files.isRegularFile(tmp.resolve("run.partial/" + RunFolder.MARKER)), "marked from the start");
            run.commit();
        }
        assertTrue(Files.isDirectory(tmp.resolve("run")));
        assertEquals(0, tmp.resolve("run").toFile().list().length, "neither the stale file nor the marker");
    }

    /** A NAME.partial folder someone else made (no marker) is never deleted, nor written into. */
    @Test
    void aForeignPartialFolderIsRefusedAndLeftAsItIs() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("run.partial"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        UserException e = assertThrows(UserException.class, () -> RunFolder.create(tmp.resolve("run")));
        assertEquals(foreign + " already exists and was not made by zoo (it has no " + RunFolder.MARKER + " file); "
                + "it is left as it is: move it away or choose another --out", e.getMessage());
        assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
        assertEquals(1, foreign.toFile().list().length);
        assertFalse(Files.exists(tmp.resolve("run")));
        // An empty one is someone else's too.
        Files.delete(foreign.resolve("notes.txt"));
        assertThrows(UserException.class, () -> RunFolder.create(tmp.resolve("run")));
        assertTrue(Files.isDirectory(foreign));
    }

    @Test
    void aReplacingFolderReplacesTheTargetOnlyWhenCommitted() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(target.resolve("old.txt"), "old");
        assertThrows(IllegalStateException.class, () -> {
            try (RunFolder run = RunFolder.createReplacing(target)) {
                Files.writeString(run.file("new.txt"), "new");
                throw new IllegalStateException("failed");
            }
        });
        assertEquals(Set.of("old.txt"), Set.of(target.toFile().list()), "a failed run leaves the old folder");
        try (RunFolder run = RunFolder.createReplacing(target)) {
            Files.writeString(run.file("new.txt"), "new");
            assertEquals(Set.of("old.txt"), Set.of(target.toFile().list()), "untouched until the commit");
            run.commit();
        }
        assertEquals(Set.of("new.txt"), Set.of(target.toFile().list()));
        assertEquals(Set.of("data"), Set.of(tmp.toFile().list()), "nothing left beside it");
    }

    @Test
    void aTargetHoldingFilesIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("run"));
        Files.writeString(tmp.resolve("run/x"), "x");
        assertThrows(UserException.class, () -> RunFolder.create(tmp.resolve("run")));
    }

    @Test
    void aResumableRunThatFailsBeforeItsFirstCheckpointLeavesNothing() {
        Path target = tmp.resolve("run");
        StringWriter notices = new StringWriter();
        assertThrows(IllegalStateException.class, () -> {
            try (RunFolder run = RunFolder.createResumable(target, ResumeRecord.ofThisProcess(List.of("train")),
                    new PrintWriter(notices))) {
                throw new IllegalStateException("bad data");
            }
        });
        assertFalse(Files.exists(tmp.resolve("run.partial")));
        assertEquals("", notices.toString());
    }

    @Test
    void aFailedRunThatHoldsACheckpointIsKeptForZooResumeAndCommitsWithoutIt() throws IOException {
        Path target = tmp.resolve("run");
        Path partial = tmp.resolve("run.partial");
        StringWriter notices = new StringWriter();
        ResumeRecord record = ResumeRecord.ofThisProcess(List.of("train", "lenet5", "--out", target.toString()));
        assertThrows(IllegalStateException.class, () -> {
            try (RunFolder run = RunFolder.createResumable(target, record, new PrintWriter(notices))) {
                Files.writeString(run.checkpoints().file(), "a checkpoint");
                throw new IllegalStateException("out of memory in the evaluation");
            }
        });
        assertTrue(RunFolder.resumable(partial), "kept");
        assertEquals("zoo: the unfinished run and its last checkpoint are kept in " + partial
                + ": continue it with 'zoo resume " + target + "', or delete that folder", notices.toString().strip());
        assertEquals(record, ResumeRecord.read(partial));
        UserException e = assertThrows(UserException.class, () -> RunFolder.create(target));
        assertTrue(e.getMessage().contains("zoo resume " + target), e.getMessage());

        try (RunFolder run = RunFolder.reopen(target, new PrintWriter(notices))) {
            Files.writeString(run.file("model.tribuo"), "model");
            run.commit();
        }
        assertEquals(Set.of("model.tribuo"), Set.of(target.toFile().list()), "no checkpoint, no resume record");
        assertFalse(Files.exists(partial));
    }

    /**
     * Interrupts a real {@code zoo train} process after its first checkpoint (SIGTERM, as Ctrl-C's
     * SIGINT runs the same shutdown hooks): nothing appears under the final name, and the partial
     * folder with the checkpoint stays for {@code zoo resume}, as standard error says. (A run
     * interrupted before its first checkpoint leaves nothing: see GoCommandTest.)
     */
    @Test
    void anInterruptedTrainingKeepsItsLastCheckpointForZooResume() throws Exception {
        Path target = tmp.resolve("killed");
        Path partial = tmp.resolve("killed" + RunFolder.PARTIAL_SUFFIX);
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        IdxFiles.writePair(data, "all", 1000, 28, 28, 9);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ZooCommand.class.getName(), "train", "lenet5",
                "--train", "idx:" + data + ":all", "--test-split", "0.1", "--epochs", "1000", "--batch-size", "8",
                "--threads", "1", "--out", target.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!CheckpointFolder.holdsCheckpoint(partial)) {
                assertTrue(p.isAlive(), () -> "training ended early: " + read(tmp.resolve("log.txt")));
                assertTrue(System.nanoTime() < deadline, "no checkpoint within two minutes");
                Thread.sleep(100);
            }
        } finally {
            p.destroy();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ends on SIGTERM");
        assertFalse(Files.exists(target), "no run folder after an interrupted run");
        assertTrue(RunFolder.resumable(partial), "the partial folder stays with its checkpoint");
        assertTrue(read(tmp.resolve("log.txt")).contains("zoo: interrupted; the unfinished run and its last "
                + "checkpoint are kept in " + partial + ": continue it with 'zoo resume " + target + "'"),
                read(tmp.resolve("log.txt")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
