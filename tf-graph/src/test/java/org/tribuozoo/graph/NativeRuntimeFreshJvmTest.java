package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code java -cp} program, started with none of TensorFlow's variables in its environment
 * and no JVM flag, gets oneDNN and a silent native log; a user's own setting (an environment
 * variable, or a system property of the variable's name) wins over the library's. What TensorFlow
 * really read is seen in its own log: with log level 0 it prints "oneDNN custom operations are on"
 * exactly when oneDNN is on, and INFO lines from {@code I tensorflow/...}.
 */
class NativeRuntimeFreshJvmTest {

    private static final String ONEDNN_BANNER = "oneDNN custom operations are on";
    /** TensorFlow's native INFO line: {@code 2026-11-28 19:42:42.228655: I tensorflow/...}. */
    private static final Pattern NATIVE_INFO = Pattern.compile("(?m)^\\S+ \\S+: I tensorflow/");

    @TempDir
    Path dir;

    /** The probe's standard output and standard error. */
    private record Run(String out, String err) {
        boolean says(String line) {
            return out.lines().anyMatch(line::equals);
        }
    }

    private Run probe(Map<String, String> environment, String... jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeRuntimeProbe.class.getName()));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove(NativeRuntime.ONEDNN_VARIABLE);
        pb.environment().remove(NativeRuntime.LOG_LEVEL_VARIABLE);
        pb.environment().putAll(environment);
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the probe JVM finished");
        Run run = new Run(Files.readString(out), Files.readString(err));
        assertEquals(0, p.exitValue(), run.toString());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("HASH [0-9a-f]{64}")), "it trained: " + run);
        return run;
    }

    @Test
    void plainJavaGetsOneDnnAndASilentNativeLog() throws Exception {
        Run run = probe(Map.of());
        assertTrue(run.says("ONEDNN 1 LIBRARY_DEFAULT"), run.toString());
        assertTrue(run.says("LOGLEVEL 2 LIBRARY_DEFAULT"), run.toString());
        assertTrue(run.says("ENABLED true"), run.toString());
        assertFalse(run.err().contains("tensorflow/"), "no native log line: " + run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("ENVIRONMENT oneDNN on, TensorFlow 2.")), run.out());
    }

    @Test
    void tensorFlowReadsTheOneDnnSettingPutInTheEnvironment() throws Exception {
        // The user's log level 0 wins over the library's 2; oneDNN is left to the library.
        Run run = probe(Map.of(NativeRuntime.LOG_LEVEL_VARIABLE, "0"));
        assertTrue(run.says("LOGLEVEL 0 ENVIRONMENT"), run.toString());
        assertTrue(NATIVE_INFO.matcher(run.err()).find(), "native INFO lines shown: " + run.err());
        assertTrue(run.err().contains(ONEDNN_BANNER), run.err());
    }

    @Test
    void anEnvironmentVariableOfTheUserWins() throws Exception {
        Run run = probe(Map.of(NativeRuntime.ONEDNN_VARIABLE, "0", NativeRuntime.LOG_LEVEL_VARIABLE, "0"));
        assertTrue(run.says("ONEDNN 0 ENVIRONMENT"), run.toString());
        assertTrue(run.says("ENABLED false"), run.toString());
        assertTrue(NATIVE_INFO.matcher(run.err()).find(), "native INFO lines shown: " + run.err());
        assertFalse(run.err().contains(ONEDNN_BANNER), run.err());
    }

    @Test
    void aSystemPropertyOfTheUserWinsEvenOverTheEnvironment() throws Exception {
        Run run = probe(Map.of(NativeRuntime.ONEDNN_VARIABLE, "1", NativeRuntime.LOG_LEVEL_VARIABLE, "2"),
                "-D" + NativeRuntime.ONEDNN_VARIABLE + "=0", "-D" + NativeRuntime.LOG_LEVEL_VARIABLE + "=0");
        assertTrue(run.says("ONEDNN 0 SYSTEM_PROPERTY"), run.toString());
        assertTrue(run.says("LOGLEVEL 0 SYSTEM_PROPERTY"), run.toString());
        assertTrue(NATIVE_INFO.matcher(run.err()).find(), "native INFO lines shown: " + run.err());
        assertFalse(run.err().contains(ONEDNN_BANNER), run.err());
    }
}
