package org.tribuozoo.graph;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.BatchNormalization;

/**
 * How a compiled network spreads its work over the cores, as it was resolved when it compiled.
 *
 * <p>Two ways: threads inside each op (TensorFlow's intra-op pool, which splits one convolution over
 * the cores), or replicas: each batch cut into {@code replicas} consecutive slices whose passes run
 * side by side, one slice per inter-op thread, their gradients added before the one update (data
 * parallelism on one machine). The small networks of the zoo run faster as replicas on one thread
 * each: their ops are too small for splitting them to pay (lenet5 trains about 1.5 times as fast
 * on two cores as replicas as with two threads inside every op; see {@code docs/benchmarks.md}),
 * and larger networks lose nothing.
 *
 * <p>Replicas compute the same loss and gradient as one pass over the batch, added in another order,
 * so the last bits of the weights depend on the count (equal counts give bit-identical runs). Batch
 * normalisation would see each slice's statistics instead of the batch's, so a network that trains
 * batch statistics gets one replica and threads inside its ops, unless replicas are asked for.
 *
 * @param intraOpThreads threads inside one op: TensorFlow's process-wide pool, as it is in effect
 * @param interOpThreads ops (and replicas) run side by side
 * @param replicas       slices of each batch that run side by side; 1 for one pass over the batch
 */
public record Parallelism(int intraOpThreads, int interOpThreads, int replicas) {

    /** Asks for the automatic choice of a count ({@link TrainingConfig#intraOpThreads()}, replicas). */
    public static final int AUTOMATIC = 0;

    /**
     * Checks the counts.
     *
     * @param intraOpThreads threads inside one op, at least 1
     * @param interOpThreads ops run side by side, at least 1
     * @param replicas       slices of each batch, at least 1
     * @throws IllegalArgumentException if a count is below 1
     */
    public Parallelism {
        if (intraOpThreads < 1 || interOpThreads < 1 || replicas < 1) {
            throw new IllegalArgumentException("thread and replica counts must be at least 1, got intra "
                    + intraOpThreads + ", inter " + interOpThreads + ", replicas " + replicas);
        }
    }

    /**
     * What a network trained with this configuration gets in this process: the requested counts, and
     * for an automatic one ({@value #AUTOMATIC}) as many replicas as inter-op threads with one thread
     * inside each op, or, for a network that trains batch statistics, one replica with as many threads
     * inside each op as inter-op threads. The intra-op count is the process's pool when an earlier
     * network set it (TensorFlow keeps the first one).
     *
     * @param architecture the network
     * @param config       its configuration
     * @return the resolved counts
     */
    public static Parallelism forTraining(Architecture architecture, TrainingConfig config) {
        return forTraining(architecture, config.intraOpThreads(), config.interOpThreads(), config.replicas());
    }

    /**
     * What a network trained with these counts gets in this process, as {@link #forTraining(Architecture,
     * TrainingConfig)}.
     *
     * @param architecture   the network
     * @param intraOpThreads threads inside one op, or {@value #AUTOMATIC}
     * @param interOpThreads ops run side by side
     * @param replicas       slices of each batch, or {@value #AUTOMATIC}
     * @return the resolved counts
     */
    public static Parallelism forTraining(Architecture architecture, int intraOpThreads, int interOpThreads,
                                          int replicas) {
        return resolve(intraOpThreads, interOpThreads, replicas, trainsBatchStatistics(architecture),
                NativeRuntime.intraOpThreadsInEffect());
    }

    /**
     * What a network compiled for predictions alone gets in this process: as {@link #forTraining},
     * with replicas for every network (batch normalisation predicts with its moving statistics).
     *
     * @param intraOpThreads threads inside one op, or {@value #AUTOMATIC}
     * @param interOpThreads ops run side by side
     * @return the resolved counts
     */
    public static Parallelism forInference(int intraOpThreads, int interOpThreads) {
        return resolve(intraOpThreads, interOpThreads, AUTOMATIC, false, NativeRuntime.intraOpThreadsInEffect());
    }

    /**
     * The rule, apart from this process's state.
     *
     * @param pool the intra-op pool in effect in the process; 0 before its first network
     */
    static Parallelism resolve(int intra, int inter, int replicas, boolean batchStatistics, int pool) {
        int r = replicas != AUTOMATIC ? replicas : batchStatistics ? 1 : inter;
        int wanted = intra != AUTOMATIC ? intra : r > 1 ? 1 : inter;
        return new Parallelism(pool > 0 ? pool : wanted, inter, r);
    }

    /** Whether training normalises with batch statistics somewhere (a batch normalisation that is not frozen). */
    static boolean trainsBatchStatistics(Architecture architecture) {
        return architecture.layers().stream().anyMatch(l -> l instanceof BatchNormalization
                && !architecture.frozenLayers().contains(l.name()));
    }

    @Override
    public String toString() {
        return "threads intra " + intraOpThreads + " inter " + interOpThreads + ", replicas " + replicas;
    }
}
