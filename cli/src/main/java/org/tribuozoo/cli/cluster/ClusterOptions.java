package org.tribuozoo.cli.cluster;

import java.io.IOException;
import java.nio.file.Path;

import org.tribuozoo.cli.UserException;
import org.tribuozoo.graph.ClusterSpec;
import picocli.CommandLine.Option;

/**
 * The training commands' cluster options: {@code --cluster FILE} (a cluster whose servers run) or
 * {@code --local-cluster N} (one started here for the run). With either, {@code --batch-size} is the
 * batch of one worker.
 */
public final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "Train on this cluster (its servers started with 'zoo cluster serve'); --batch-size is then "
                    + "per worker. See docs/distributed.md.")
    Path cluster;

    @Option(names = "--local-cluster", paramLabel = "N",
            description = "Start 1 ps and N worker processes on this machine's loopback ports, train on them, end "
                    + "them; --batch-size is then per worker.")
    Integer localWorkers;

    /** Whether the run is distributed. */
    public boolean distributed() {
        return cluster != null || localWorkers != null;
    }

    /**
     * The cluster to train on: the file's, or a local one started now (close it when training ends);
     * null for a run in this process.
     */
    public Started start() throws IOException {
        if (cluster != null && localWorkers != null) {
            throw new UserException("--cluster and --local-cluster exclude each other");
        }
        if (cluster != null) {
            return new Started(ClusterSpec.read(cluster), null);
        }
        if (localWorkers != null) {
            LocalCluster local = LocalCluster.start(localWorkers);
            return new Started(local.spec(), local);
        }
        return new Started(null, null);
    }

    /**
     * A cluster ready for training.
     *
     * @param spec  null for a run in this process
     * @param local the processes to end afterwards, for {@code --local-cluster}
     */
    public record Started(ClusterSpec spec, LocalCluster local) implements AutoCloseable {
        @Override
        public void close() {
            if (local != null) {
                local.close();
            }
        }
    }
}
