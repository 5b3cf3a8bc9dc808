package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Same architecture, data, seeds and threads give bit-identical weights, in this process and another. */
class DeterminismTest {

    @Test
    void sameSeedSameBitsInOneProcess() throws Exception {
        assertEquals(DeterminismProbe.trainAndHash(2, 2), DeterminismProbe.trainAndHash(2, 2));
    }

    @Test
    void sameSeedSameBitsAcrossProcesses() throws Exception {
        String here = DeterminismProbe.trainAndHash(2, 2);
        // This JVM's intra-op pool is the first network's (an earlier test's may have set 1): the other JVM gets it.
        String intra = Integer.toString(NativeRuntime.intraOpThreadsInEffect());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DeterminismProbe.class.getName(), intra, "2");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String hash = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("HASH ")) {
                    hash = line.substring(5);
                }
            }
        }
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), output.toString());
        assertEquals(here, hash, output.toString());
    }
}
