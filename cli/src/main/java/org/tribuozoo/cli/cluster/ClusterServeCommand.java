package org.tribuozoo.cli.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.tribuozoo.cli.UserException;
import org.tribuozoo.graph.ClusterServer;
import org.tribuozoo.graph.ClusterSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zoo cluster serve}: starts the TensorFlow server of one task of a cluster and serves until
 * the process is killed (a TensorFlow server cannot be stopped otherwise).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the TensorFlow server of one task of a cluster and serve until killed.",
                "Run one per task, each on the machine its host:port names; then train with --cluster FILE."})
public final class ClusterServeCommand implements Callable<Integer> {

    /** The line a server prints once it listens; {@link LocalCluster} waits for it. */
    static final String READY = "serving ";

    @Option(names = "--cluster", required = true, paramLabel = "FILE",
            description = "The cluster file: {\"ps\": [\"host:port\", ...], \"worker\": [\"host:port\", ...]}.")
    Path cluster;

    @Option(names = "--job", required = true, paramLabel = "ps|worker", description = "The task's job.")
    String job;

    @Option(names = "--task", required = true, paramLabel = "N", description = "The task's index in its job, from 0.")
    int task;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClusterSpec spec = ClusterSpec.read(cluster);
        if (!job.equals(ClusterSpec.PS) && !job.equals(ClusterSpec.WORKER)) {
            throw new UserException("--job must be ps or worker, got '" + job + "'");
        }
        ClusterServer server = ClusterServer.start(spec, job, task);
        PrintWriter out = this.spec.commandLine().getOut();
        out.println(READY + server + "; stop it by ending the process");
        out.flush();
        server.join();
        return 0;
    }
}
