package org.tribuozoo.tribuo;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ZooModel that nobody closes releases its TensorFlow session once unreachable. Twenty fold models
 * of Tribuo's {@code CrossValidation} (four rounds of five, {@link UnclosedFoldModels}), each dropped
 * unclosed, in a JVM where JavaCPP's own garbage-collected deallocation is switched off
 * ({@code org.bytedeco.javacpp.nopointergc}), so that only the model's cleaner can free a session:
 * the resident memory settles after the first round instead of growing by each fold's session.
 */
class UnclosedModelsTest {

    private static final int ROUNDS = 4;
    private static final int FOLDS = 5;
    /** What one fold model's session holds natively: its 3.2M float weights. */
    private static final double SESSION_MB = 12.8;

    @Test
    void twentyUnclosedFoldModelsLeaveNativeMemorySettled(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")),
                "skipped: no /proc/self/status to read the resident memory from");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Dorg.bytedeco.javacpp.nopointergc=true",
                "-cp", System.getProperty("java.class.path"), UnclosedFoldModels.class.getName(),
                Integer.toString(ROUNDS), Integer.toString(FOLDS))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TF_ENABLE_ONEDNN_OPTS", System.getenv().getOrDefault("TF_ENABLE_ONEDNN_OPTS", "1"));
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process child = pb.start();
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, child.exitValue(), Files.readString(log));

        List<Double> residentMb = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("resident-mb ")) {
                residentMb.add(Double.parseDouble(line.split(" ")[2]));
            }
        }
        assertEquals(ROUNDS, residentMb.size(), Files.readString(log));
        System.out.println("resident MB after each round of " + FOLDS + " unclosed fold models: " + residentMb);
        // After the first round (TensorFlow's start-up, the heap's growth) the process stays about where it
        // is (malloc's arenas move by some megabytes); leaked sessions would add 15 x 12.8 MB = 192 MB or
        // more over the last three rounds (213 MB measured without the cleaner).
        double growth = residentMb.get(ROUNDS - 1) - residentMb.get(0);
        assertTrue(growth < 5 * SESSION_MB, "resident memory grew by " + growth + " MB over "
                + (ROUNDS - 1) * FOLDS + " unclosed models after the first " + FOLDS + ": " + residentMb);
    }
}
