package org.tribuozoo.cli.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.tribuozoo.cli.UserException;
import org.tribuozoo.cli.ZooCommand;
import org.tribuozoo.graph.ClusterSpec;

/**
 * A cluster of 1 ps and N worker processes on this machine's loopback interface: {@code zoo cluster
 * serve} processes started with this JVM's Java and class path on free ports, ended (destroyed: a
 * TensorFlow server stops only with its process) when closed, when starting fails, and when this JVM
 * exits. For {@code --local-cluster N}: the distributed path tested and shown on one machine.
 */
public final class LocalCluster implements AutoCloseable {

    /** Names a server process's task on its command line: {@code -Dtribuozoo.cluster.task=worker:1}. */
    public static final String TASK_PROPERTY = "-Dtribuozoo.cluster.task";

    /** How long a server process may take to start (a JVM and TensorFlow's native library). */
    private static final long START_SECONDS = 120;

    private final ClusterSpec spec;
    private final Path file;
    private final List<Process> processes = new ArrayList<>();
    private final Thread cleanup = new Thread(this::destroyAll, "zoo-local-cluster-cleanup");

    private LocalCluster(ClusterSpec spec, Path file) {
        this.spec = spec;
        this.file = file;
    }

    /**
     * Starts 1 ps and {@code workers} worker processes and waits until each serves.
     *
     * @throws UserException if {@code workers} is not positive or a process does not start
     */
    public static LocalCluster start(int workers) throws IOException {
        if (workers < 1 || workers > 64) {
            throw new UserException("--local-cluster must be in 1..64 workers, got " + workers);
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ports.add(freePort());
        }
        ClusterSpec spec = ClusterSpec.loopback(freePort(), ports);
        Path file = Files.createTempFile("zoo-local-cluster-", ".json");
        Files.writeString(file, spec.toJson());
        LocalCluster cluster = new LocalCluster(spec, file);
        Runtime.getRuntime().addShutdownHook(cluster.cleanup);
        try {
            List<CompletableFuture<String>> ready = new ArrayList<>();
            ready.add(cluster.launch(ClusterSpec.PS, 0));
            for (int i = 0; i < workers; i++) {
                ready.add(cluster.launch(ClusterSpec.WORKER, i));
            }
            for (CompletableFuture<String> r : ready) {
                String failure = r.get(START_SECONDS, TimeUnit.SECONDS);
                if (failure != null) {
                    throw new UserException("the local cluster did not start: " + failure);
                }
            }
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.close();
            throw new UserException("interrupted while starting the local cluster");
        } catch (ExecutionException | TimeoutException e) {
            cluster.close();
            throw new UserException("the local cluster did not start within " + START_SECONDS + " s");
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The cluster the processes form. */
    public ClusterSpec spec() {
        return spec;
    }

    /**
     * Starts one task's process; the future completes with null once it serves, or with the reason it
     * ended before.
     */
    private CompletableFuture<String> launch(String job, int task) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The label first: it names the task in ps and in ProcessHandle's command line, which Linux
        // truncates to 4,096 bytes (the class path comes after).
        // A server's work is TensorFlow's native code: the quick JIT tier and the serial collector start the
        // JVM with least CPU, which N + 1 servers on one machine share.
        List<String> command = List.of(java, TASK_PROPERTY + "=" + job + ":" + task, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"),
                ZooCommand.class.getName(), "cluster", "serve", "--cluster", file.toString(), "--job", job,
                "--task", Integer.toString(task));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        synchronized (processes) {
            processes.add(p);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                // Read to the end, so that the server never blocks on a full pipe.
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(ClusterServeCommand.READY)) {
                        ready.complete(null);
                    } else if (lines.size() < 20) {
                        lines.add(line);
                    }
                }
            } catch (IOException ended) {
                // The process is gone.
            }
            String last = lines.stream().filter(l -> l.startsWith("zoo: ")).findFirst()
                    .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
            ready.complete(job + " task " + task + " ended: " + last);
        }, "zoo-local-cluster-" + job + task);
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private void destroyAll() {
        synchronized (processes) {
            for (Process p : processes) {
                p.destroyForcibly();
            }
            for (Process p : processes) {
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            processes.clear();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary file: the system cleans it up.
        }
    }

    /** Ends every process of the cluster. */
    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs or has run.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
