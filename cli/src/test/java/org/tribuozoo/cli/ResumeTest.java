package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.cli.data.DataSpec;
import org.tribuozoo.tribuo.CheckpointFolder;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ZooModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} during epoch 2 of a real {@code zoo train} process, then {@code zoo resume}: the
 * run completes, and its run folder is the uninterrupted run's: the same files, a model whose
 * predictions are bit for bit the same, the same provenance (apart from timestamps), the same report.
 * And {@code zoo resume}'s one-line answers when there is nothing to resume.
 */
class ResumeTest {

    @TempDir
    Path tmp;

    /** Starts {@code zoo ARGS} in a new JVM, its output into {@code log}. */
    private static Process zoo(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ZooCommand.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    private static void assertEnds(Process p, Path log) throws Exception {
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the process ends: " + read(log));
        assertEquals(0, p.exitValue(), read(log));
    }

    @Test
    void zooTrainKilledInEpochTwoResumesToTheUninterruptedRunBitForBit() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        IdxFiles.writePair(data, "all", 3000, 28, 28, 9);
        List<String> train = List.of("train", "lenet5", "--train", "idx:" + data + ":all", "--test-split", "0.2",
                "--validation-split", "0.1", "--early-stopping", "5", "--epochs", "3", "--batch-size", "8",
                "--seed", "4", "--threads", "1");
        Path straight = tmp.resolve("straight");
        Path killed = tmp.resolve("killed");
        Path partial = tmp.resolve("killed" + RunFolder.PARTIAL_SUFFIX);
        Process uninterrupted = zoo(with(train, "--out", straight.toString()), tmp.resolve("straight.log"));
        Process victim = zoo(with(train, "--out", killed.toString()), tmp.resolve("killed.log"));
        try {
            // The first checkpoint is written at the end of epoch 1: kill -9 as soon as it is there.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!CheckpointFolder.holdsCheckpoint(partial)) {
                assertTrue(victim.isAlive(), () -> "training ended early: " + read(tmp.resolve("killed.log")));
                assertTrue(System.nanoTime() < deadline, "no checkpoint within 3 minutes");
                Thread.sleep(20);
            }
        } finally {
            victim.destroyForcibly();
        }
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(killed), "nothing under the final name");
        assertTrue(RunFolder.resumable(partial), "the partial folder holds the checkpoint and the command line");
        assertEquals("after epoch 1", CheckpointFolder.of(partial).latest().orElseThrow().position(),
                "killed during epoch 2");

        Process resume = zoo(List.of("resume", killed.toString()), tmp.resolve("resume.log"));
        assertEnds(resume, tmp.resolve("resume.log"));
        assertEnds(uninterrupted, tmp.resolve("straight.log"));
        assertTrue(read(tmp.resolve("resume.log")).contains("continuing lenet5 from its checkpoint after epoch 1"),
                read(tmp.resolve("resume.log")));
        assertFalse(Files.exists(partial), "the partial folder became the run folder");

        assertEquals(Set.copyOf(RunFiles.all()), files(killed), "a finished run folder, no checkpoint left");
        assertEquals(files(straight), files(killed));
        try (ZooModel a = ZooModel.load(straight.resolve(RunFiles.MODEL));
             ZooModel b = ZooModel.load(killed.resolve(RunFiles.MODEL))) {
            assertEquals(a.weights(), b.weights(), "weights, bit for bit");
            DataSpec spec = DataSpec.parse("idx:" + data + ":all");
            MutableDataset<Label> all = DataSets.load(spec.open(DataSpec.Role.TRAIN, null), spec);
            ReproduceCommand.Comparison c = ReproduceCommand.compare(a, b, all);
            assertEquals(3000, c.count());
            assertEquals(0, c.differing(), "every score of every prediction, bit for bit");
            assertEquals(3, b.history().epochs().size());
        }
        for (String same : List.of(RunFiles.EVALUATION, RunFiles.MISTAKES)) {
            assertEquals(Files.readString(straight.resolve(same)), Files.readString(killed.resolve(same)), same);
        }
        assertEquals(withoutSeconds(straight.resolve(RunFiles.HISTORY)), withoutSeconds(killed.resolve(RunFiles.HISTORY)));
        ModelProvenance p = ProvenanceJson.read(straight.resolve(RunFiles.PROVENANCE));
        ModelProvenance q = ProvenanceJson.read(killed.resolve(RunFiles.PROVENANCE));
        assertEquals(p.getTrainerProvenance(), q.getTrainerProvenance());
        assertEquals(p.getDatasetProvenance(), q.getDatasetProvenance());
        assertEquals(p.getInstanceProvenance(), q.getInstanceProvenance());

        ZooCommandTest.Run again = ZooCommandTest.run("resume", killed.toString());
        assertEquals(2, again.code());
        assertEquals("zoo: nothing to resume: the run in " + killed + " is finished", again.err().strip());
    }

    @Test
    void nothingToResumeIsOneLine() throws IOException {
        ZooCommandTest.Run none = ZooCommandTest.run("resume", tmp.resolve("never").toString());
        assertEquals(2, none.code());
        assertEquals("zoo: nothing to resume: no unfinished run in " + tmp.resolve("never.partial"), none.err().strip());

        // Killed before the end of its first epoch: a partial folder without a checkpoint.
        Files.createDirectories(tmp.resolve("early.partial"));
        ResumeRecord.ofThisProcess(List.of("train", "lenet5", "--train", "demo", "--out", tmp.resolve("early")
                .toString())).write(tmp.resolve("early.partial"));
        ZooCommandTest.Run early = ZooCommandTest.run("resume", tmp.resolve("early.partial").toString());
        assertEquals(2, early.code());
        assertEquals("zoo: nothing to resume: " + tmp.resolve("early.partial") + " holds no checkpoint (the run "
                + "stopped before its first epoch ended); start it again", early.err().strip());
    }

    private static Set<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /** history.csv without its seconds column, the one figure two runs never share. */
    private static List<String> withoutSeconds(Path history) throws IOException {
        return Files.readAllLines(history).stream().map(l -> l.replaceAll(",[^,]*(,[^,]*)$", ",$1")).toList();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
