package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.ServerDef;

/** Cluster files: TensorFlow's ClusterSpec shape read, and every kind of bad file refused in one line. */
class ClusterSpecTest {

    @Test
    void readsTheJobsInTaskOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cluster.json");
        Files.writeString(file, "{\"ps\": [\"10.0.0.1:2222\"],\n \"worker\": [\"host-a:2223\", \"[::1]:2224\"]}");
        ClusterSpec c = ClusterSpec.read(file);
        assertEquals(List.of("10.0.0.1:2222"), c.ps());
        assertEquals(List.of("host-a:2223", "[::1]:2224"), c.workers());
        assertEquals("grpc://host-a:2223", c.target());
        assertEquals("1 ps, 2 workers", c.toString());
        assertEquals(c, ClusterSpec.parse(c.toJson()));
    }

    @Test
    void serverDefNamesTheTaskAndHoldsTheWholeCluster() {
        ClusterSpec c = ClusterSpec.loopback(5000, List.of(5001, 5002));
        ServerDef d = c.serverDef("worker", 1);
        assertEquals("worker", d.getJobName());
        assertEquals(1, d.getTaskIndex());
        assertEquals("grpc", d.getProtocol());
        assertEquals(2, d.getCluster().getJobCount());
        assertEquals("localhost:5000", d.getCluster().getJob(0).getTasksOrThrow(0));
        assertEquals("localhost:5002", d.getCluster().getJob(1).getTasksOrThrow(1));
        assertEquals("job 'worker' has tasks 0..1, not 2",
                assertThrows(IllegalArgumentException.class, () -> c.serverDef("worker", 2)).getMessage());
        assertEquals("unknown job 'chief'; the jobs are 'ps' and 'worker'",
                assertThrows(IllegalArgumentException.class, () -> c.serverDef("chief", 0)).getMessage());
    }

    @Test
    void badFilesAreRefusedNamingTheCulprit(@TempDir Path dir) throws IOException {
        assertRefused(dir, "{\"worker\": [\"a:1\"]}",
                "no job 'ps': a cluster needs the jobs 'ps' and 'worker'");
        assertRefused(dir, "{\"ps\": [\"a:1\"], \"worker\": []}", "job 'worker' has no tasks");
        assertRefused(dir, "{\"ps\": [\"a:1\"], \"worker\": [\"host-b\"]}", "job 'worker' task 0: 'host-b' is not host:port");
        assertRefused(dir, "{\"ps\": [\"a:1\"], \"worker\": [\"b:2\", \"b:99999\"]}",
                "job 'worker' task 1: port 99999 is outside 1..65535");
        assertRefused(dir, "{\"ps\": [\"a:1\"], \"worker\": [\"b:2\", \"a:1\"]}",
                "job 'worker' task 1 has the address a:1 of job 'ps' task 0; every task needs a port of its own");
        assertRefused(dir, "{\"ps\": [\"a:1\"], \"worker\": [\"b:2\"], \"chief\": [\"c:3\"]}",
                "unknown job 'chief'; the jobs are 'ps' and 'worker'");
        assertRefused(dir, "{\"ps\": \"a:1\", \"worker\": [\"b:2\"]}", "job 'ps' is not a list of \"host:port\" strings");
        assertRefused(dir, "{\"ps\": [1], \"worker\": [\"b:2\"]}", "job 'ps' task 0: 1 is not a \"host:port\" string");
        assertRefused(dir, "[\"a:1\"]", "a cluster file is a JSON object {\"ps\": [\"host:port\", ...], "
                + "\"worker\": [\"host:port\", ...]}");
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"ps\": [\"a:1\"");
        String message = assertThrows(IllegalArgumentException.class, () -> ClusterSpec.read(file)).getMessage();
        assertEquals(file + ": not JSON: ", message.substring(0, (file + ": not JSON: ").length()));
        assertEquals("no such cluster file: " + dir.resolve("missing.json"), assertThrows(IllegalArgumentException.class,
                () -> ClusterSpec.read(dir.resolve("missing.json"))).getMessage());
    }

    private static void assertRefused(Path dir, String json, String expected) throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, json);
        assertEquals(file + ": " + expected,
                assertThrows(IllegalArgumentException.class, () -> ClusterSpec.read(file)).getMessage());
    }
}
