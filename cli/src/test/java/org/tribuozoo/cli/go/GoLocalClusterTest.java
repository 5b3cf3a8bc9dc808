package org.tribuozoo.cli.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.cli.RunFolder;
import org.tribuozoo.cli.cluster.LocalCluster;
import org.tribuozoo.graph.TrainingCheckpoint;
import org.tribuozoo.tribuo.CheckpointFolder;
import org.tribuozoo.tribuo.ClusterProvenance;
import org.tribuozoo.tribuo.ZooModel;

/**
 * {@code zoo go train --local-cluster 2}: 1 ps and 2 worker processes on loopback ports. A worker
 * killed (SIGKILL) mid-run ends training with one line; the checkpoint written before stays loadable;
 * {@code zoo resume} starts a new local cluster and finishes the run, whose model records the
 * cluster's shape; no server process outlives a run.
 */
class GoLocalClusterTest {

    @Test
    void aKilledWorkerEndsTheRunInOneLineAndResumeFinishesIt(@TempDir Path tmp) throws Exception {
        Path shards = tmp.resolve("shards");
        GoCommandTest.Run convert = GoCommandTest.run("go", "convert", "--games",
                GoCommandTest.writeGames(tmp.resolve("games"), 40, 30, 7).toString(), "--out", shards.toString(),
                "--seed", "2", "--validation-fraction", "0.2", "--test-fraction", "0.2", "--threads", "1");
        assertEquals(0, convert.code(), convert.err());
        Path target = tmp.resolve("run");
        Path partial = tmp.resolve("run" + RunFolder.PARTIAL_SUFFIX);

        CompletableFuture<GoCommandTest.Run> training = CompletableFuture.supplyAsync(() -> GoCommandTest.run("go",
                "train", "--data", shards.toString(), "--filters", "4", "--chunk", "32", "--batch-size", "8",
                "--epochs", "2", "--threads", "1", "--tribuo-test-positions", "0", "--checkpoint-minutes", "0.0005",
                "--local-cluster", "2", "--out", target.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!CheckpointFolder.holdsCheckpoint(partial)) {
            assertFalse(training.isDone(), () -> "training ended before its first checkpoint: " + training.join());
            assertTrue(System.nanoTime() < deadline, "no checkpoint within three minutes");
            Thread.sleep(10);
        }
        ProcessHandle worker = servers().stream()
                .filter(p -> p.info().commandLine().orElse("").contains(LocalCluster.TASK_PROPERTY + "=worker:1 "))
                .findFirst().orElseThrow(() -> new AssertionError("no worker 1 process among " + servers()));
        worker.destroyForcibly();

        GoCommandTest.Run killed = training.get(3, TimeUnit.MINUTES);
        assertEquals(1, killed.code(), killed.out() + killed.err());
        List<String> lines = killed.err().lines().filter(l -> l.startsWith("zoo: ")).toList();
        assertEquals(2, lines.size(), killed.err());
        assertTrue(lines.get(0).startsWith("zoo: the unfinished run and its last checkpoint are kept in "), killed.err());
        assertTrue(lines.get(1).startsWith("zoo: optimizer step ") && lines.get(1).contains(" failed on the training "
                + "cluster (1 ps, 2 workers, master grpc://localhost:"), killed.err());
        assertFalse(killed.err().contains("\tat "), killed.err());
        assertTrue(servers().isEmpty(), "the local cluster's processes ended: " + servers());
        Optional<TrainingCheckpoint> last = CheckpointFolder.of(partial).latest();
        assertTrue(last.isPresent(), "the checkpoint written before the failure loads");
        assertTrue(last.get().examplesTrained() > 0);
        assertFalse(Files.exists(target));

        GoCommandTest.Run resumed = GoCommandTest.run("resume", target.toString());
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.err().contains("from its checkpoint"), resumed.err());
        assertTrue(servers().isEmpty(), "the second local cluster's processes ended: " + servers());
        try (ZooModel model = ZooModel.load(target.resolve(GoTrainCommand.MODEL))) {
            assertEquals(2, model.history().epochs().size());
            assertEquals(Optional.of(new ClusterProvenance.Shape(1, 2, 8)),
                    ClusterProvenance.of(model.getProvenance()));
        }
    }

    /** The {@code zoo cluster serve} processes this JVM started and that still run. */
    private static List<ProcessHandle> servers() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(LocalCluster.TASK_PROPERTY + "="))
                .toList();
    }
}
