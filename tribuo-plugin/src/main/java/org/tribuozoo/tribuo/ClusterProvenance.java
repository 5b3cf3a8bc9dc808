package org.tribuozoo.tribuo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.graph.ClusterSpec;

/**
 * The shape of the cluster a model was trained on, as entries of its run provenance (Tribuo's instance
 * provenance), where {@link ZooTrainer} and the Go policy trainer put it for a distributed run:
 * {@value #PS_TASKS}, {@value #WORKERS}, {@value #PER_WORKER_BATCH} and {@value #GLOBAL_BATCH}. A run of
 * one process has none of them. Addresses are not recorded: the same run may go on elsewhere.
 */
public final class ClusterProvenance {

    /** The cluster's parameter-server tasks. */
    public static final String PS_TASKS = "cluster-ps-tasks";
    /** The cluster's workers: replicas of the training step. */
    public static final String WORKERS = "cluster-workers";
    /** Examples per worker and step. */
    public static final String PER_WORKER_BATCH = "cluster-per-worker-batch";
    /** Examples per optimizer step, over every worker. */
    public static final String GLOBAL_BATCH = "cluster-global-batch";

    /**
     * The cluster's shape.
     *
     * @param psTasks        parameter-server tasks
     * @param workers        worker tasks
     * @param perWorkerBatch examples per worker and step
     */
    public record Shape(int psTasks, int workers, int perWorkerBatch) {
        /** {@return examples per optimizer step, over every worker} */
        public int globalBatch() {
            return workers * perWorkerBatch;
        }
    }

    private ClusterProvenance() {
    }

    /**
     * The run-provenance entries of a run on a cluster.
     *
     * @param cluster        the cluster
     * @param perWorkerBatch examples per worker and step
     * @return the four entries, ps tasks, workers, per-worker and global batch, by key
     */
    public static Map<String, Provenance> entries(ClusterSpec cluster, int perWorkerBatch) {
        Map<String, Provenance> run = new LinkedHashMap<>();
        run.put(PS_TASKS, new IntProvenance(PS_TASKS, cluster.psCount()));
        run.put(WORKERS, new IntProvenance(WORKERS, cluster.workerCount()));
        run.put(PER_WORKER_BATCH, new IntProvenance(PER_WORKER_BATCH, perWorkerBatch));
        run.put(GLOBAL_BATCH, new IntProvenance(GLOBAL_BATCH, cluster.workerCount() * perWorkerBatch));
        return run;
    }

    /**
     * The cluster a model was trained on.
     *
     * @param provenance the model's provenance
     * @return its cluster's shape; empty for a model trained in one process
     */
    public static Optional<Shape> of(ModelProvenance provenance) {
        Map<String, ? extends Provenance> run = provenance.getInstanceProvenance().getMap();
        if (!(run.get(WORKERS) instanceof IntProvenance workers) || !(run.get(PS_TASKS) instanceof IntProvenance ps)
                || !(run.get(PER_WORKER_BATCH) instanceof IntProvenance batch)) {
            return Optional.empty();
        }
        return Optional.of(new Shape(ps.getValue(), workers.getValue(), batch.getValue()));
    }
}
