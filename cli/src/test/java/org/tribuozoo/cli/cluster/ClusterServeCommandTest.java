package org.tribuozoo.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.cli.ZooCommand;

/** {@code zoo cluster serve} and the training commands' cluster options refuse bad input in one line, exit 2. */
class ClusterServeCommandTest {

    private static void refused(String expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZooCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, code, out + "" + err);
        assertEquals("zoo: " + expected, err.toString().strip());
    }

    @Test
    void badClusterFilesJobsAndTasksAreOneLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.json");
        refused("no such cluster file: " + missing, "cluster", "serve", "--cluster", missing.toString(), "--job", "ps",
                "--task", "0");
        Path file = dir.resolve("cluster.json");
        Files.writeString(file, "{\"ps\": [\"localhost:1\"], \"worker\": [\"localhost:1\"]}");
        refused(file + ": job 'worker' task 0 has the address localhost:1 of job 'ps' task 0; every task needs a "
                + "port of its own", "cluster", "serve", "--cluster", file.toString(), "--job", "ps", "--task", "0");
        Files.writeString(file, "{\"ps\": [\"localhost:1\"], \"worker\": [\"localhost:2\"]}");
        refused("--job must be ps or worker, got 'chief'", "cluster", "serve", "--cluster", file.toString(), "--job",
                "chief", "--task", "0");
        refused("job 'worker' has tasks 0..0, not 3", "cluster", "serve", "--cluster", file.toString(), "--job",
                "worker", "--task", "3");
        refused("--cluster and --local-cluster exclude each other", "go", "train", "--data", dir.toString(),
                "--filters", "4", "--cluster", file.toString(), "--local-cluster", "2", "--out",
                dir.resolve("run").toString());
        refused("--local-cluster must be in 1..64 workers, got 0", "go", "train", "--data", dir.toString(),
                "--filters", "4", "--local-cluster", "0", "--out", dir.resolve("run").toString());
    }
}
