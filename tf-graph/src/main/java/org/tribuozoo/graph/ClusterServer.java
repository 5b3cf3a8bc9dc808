package org.tribuozoo.graph;

import java.util.Objects;

import org.tensorflow.Server;

/**
 * The TensorFlow server of one task of a {@link ClusterSpec}, running in this process: what a
 * machine of the cluster runs (the {@code ps} tasks hold variables, the workers run replicas). A
 * TensorFlow server cannot be stopped cleanly ({@code Server.stop} is not implemented in TensorFlow
 * Java 1.0.0's runtime): it serves until its process ends.
 */
public final class ClusterServer {

    static {
        // Before any TensorFlow class loads the native library.
        NativeRuntime.prepare();
    }

    private final ClusterSpec cluster;
    private final String job;
    private final int task;
    private final Server server;

    private ClusterServer(ClusterSpec cluster, String job, int task, Server server) {
        this.cluster = cluster;
        this.job = job;
        this.task = task;
        this.server = server;
    }

    /**
     * Starts the server of task {@code task} of job {@code job}, listening on the port the cluster gives
     * it.
     *
     * @param cluster the cluster the task belongs to
     * @param job     {@code ps} or {@code worker}
     * @param task    the task's index in its job, from 0
     * @return the running server
     * @throws IllegalArgumentException if the job or task is not the cluster's, or the server cannot
     *                                  start (its port in use, say)
     */
    public static ClusterServer start(ClusterSpec cluster, String job, int task) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(job, "job");
        String address = cluster.address(job, task);
        NativeRuntime.failFastRemoteCalls();
        try {
            Server server = new Server(cluster.serverDef(job, task));
            server.start();
            return new ClusterServer(cluster, job, task, server);
        } catch (org.tensorflow.exceptions.TensorFlowException e) {
            throw new IllegalArgumentException("cannot start the server of job '" + job + "' task " + task + " on "
                    + address + ": " + ClusterFailureException.reason(e), e);
        }
    }

    /** Blocks until the process ends: the server serves the cluster meanwhile. */
    public void join() {
        server.join();
    }

    /** {@return this task's gRPC address, {@code grpc://host:port}} */
    public String target() {
        return "grpc://" + cluster.address(job, task);
    }

    @Override
    public String toString() {
        return "job '" + job + "' task " + task + " of " + cluster + " at " + target();
    }
}
