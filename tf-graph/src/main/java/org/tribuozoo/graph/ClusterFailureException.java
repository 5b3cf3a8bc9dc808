package org.tribuozoo.graph;

import org.tensorflow.exceptions.TensorFlowException;

/**
 * A distributed network's cluster failed: a task died or became unreachable, or did not answer in
 * time. Synchronous training needs every task at every step, so the run ends; the message is one
 * line naming the cluster, the step and TensorFlow's reason. Checkpoints written before stay valid.
 */
public final class ClusterFailureException extends IllegalStateException {

    /**
     * A failure of the cluster.
     *
     * @param message one line: the cluster, the step and the reason
     * @param cause   TensorFlow's exception
     */
    public ClusterFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    /** TensorFlow's message cut to its first line, without the graph-node noise it appends. */
    static String reason(TensorFlowException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        int node = first.indexOf(" [[");
        return (node < 0 ? first : first.substring(0, node)).strip();
    }
}
