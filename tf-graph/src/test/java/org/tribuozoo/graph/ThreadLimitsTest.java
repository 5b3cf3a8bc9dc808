package org.tribuozoo.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thread counts are checked before TensorFlow starts a thread: one message, never a native abort or a hang. */
class ThreadLimitsTest {

    @Test
    void theMaximumIsFourPerCoreAtLeast64AndNeverAbove1024() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.min(1024, Math.max(64, 4 * cores)), ThreadLimits.maximum());
        assertTrue(ThreadLimits.problem(1).isEmpty());
        assertTrue(ThreadLimits.problem(ThreadLimits.maximum()).isEmpty());
        assertEquals("must be at least 1, got 0", ThreadLimits.problem(0).orElseThrow());
        assertEquals("must be at most " + ThreadLimits.maximum() + " on this machine (4 per core of its " + cores
                + (cores == 1 ? " core" : " cores") + ", at least 64, never more than 1024), got 100000",
                ThreadLimits.problem(100_000).orElseThrow());
    }

    @Test
    void trainingAndInferenceRefuseCountsBeyondTheMaximum() {
        TrainingConfig config = TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.sgd());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config.withThreads(5000, 1)).getMessage()
                .startsWith("intraOpThreads must be at most "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config.withThreads(1, -2)).getMessage()
                .startsWith("interOpThreads must be at least 1"));
        Architecture tiny = Architecture.builder("tiny").input(1, 1, 2).add(Flatten.layer()).add(Dense.units(2)).build();
        Weights weights;
        try (CompiledNetwork n = CompiledNetwork.compile(tiny, config.withThreads(1, 1))) {
            weights = n.weights();
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CompiledNetwork.forInference(tiny, weights, 1, 100_000)).getMessage()
                .startsWith("interOpThreads must be at most "));
    }

    @Test
    void theUsersProcessLimitAndTasksAreReadFromProc(@TempDir Path proc) throws IOException {
        Path self = Files.createDirectories(proc.resolve("self"));
        Files.writeString(self.resolve("limits"), """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max processes             400                  1000                 processes
                Max open files            1024                 4096                 files
                """);
        assertEquals(OptionalLong.of(400), ThreadLimits.processLimit(self));
        Files.writeString(self.resolve("limits"), "Max processes             unlimited            unlimited  processes\n");
        assertEquals(OptionalLong.empty(), ThreadLimits.processLimit(self));
        assertEquals(OptionalLong.empty(), ThreadLimits.processLimit(proc.resolve("missing")));

        process(proc, 17, 1000, 35);
        process(proc, 18, 1000, 1);
        process(proc, 19, 0, 500);
        Files.createDirectories(proc.resolve("sys"));
        assertEquals(36, ThreadLimits.userTasks(proc, 1000), "the user's threads in all its processes");
        assertEquals(500, ThreadLimits.userTasks(proc, 0));
    }

    private static void process(Path proc, int pid, int uid, int threads) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("status"), "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nThreads:\t" + threads + "\n");
    }
}
