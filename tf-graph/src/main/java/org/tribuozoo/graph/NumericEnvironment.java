package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tensorflow.TensorFlow;
import org.tribuozoo.dsl.Architecture;

/**
 * What decides a trained network's last bits besides the architecture, the data and the seeds:
 * whether oneDNN's kernels ran, the TensorFlow version, the thread counts (reductions are split by
 * the intra-op count), the replicas each batch was cut into (their gradients are added in that
 * order; see {@link Parallelism}) and the CPU's instruction-set extensions (kernels are picked by
 * them). Two runs give bit-identical weights only when these agree.
 *
 * @param oneDnn            whether TensorFlow's oneDNN kernels were on
 * @param tensorflowVersion the native TensorFlow version, for example {@code 2.16.2}
 * @param intraOpThreads    threads inside one op (TensorFlow's process-wide pool)
 * @param interOpThreads    ops run side by side
 * @param replicas          slices each batch was cut into (1: one pass over the batch)
 * @param cpuInstructions   the relevant instruction-set extensions, space-separated, widest first
 *                          ({@code avx512f avx512_vnni avx2 fma avx sse4_2}); {@code unknown} off Linux
 */
public record NumericEnvironment(boolean oneDnn, String tensorflowVersion, int intraOpThreads, int interOpThreads,
                                 int replicas, String cpuInstructions) {

    /**
     * Checks that the version and instruction set are given.
     *
     * @param oneDnn            whether oneDNN's kernels were on
     * @param tensorflowVersion the native TensorFlow version
     * @param intraOpThreads    threads inside one op
     * @param interOpThreads    ops run side by side
     * @param replicas          slices each batch was cut into
     * @param cpuInstructions   the relevant instruction-set extensions, or {@code unknown}
     * @throws NullPointerException if {@code tensorflowVersion} or {@code cpuInstructions} is null
     */
    public NumericEnvironment {
        Objects.requireNonNull(tensorflowVersion, "tensorflowVersion");
        Objects.requireNonNull(cpuInstructions, "cpuInstructions");
    }

    /**
     * This process's environment for a network with these counts (the intra-op count as it is in
     * effect: see {@link Parallelism}). Loads TensorFlow's native library if it is not loaded yet.
     *
     * @param parallelism the network's resolved thread and replica counts
     * @return the environment as it is in this process
     */
    public static NumericEnvironment current(Parallelism parallelism) {
        // Before TensorFlow.version(), which loads the native library.
        boolean oneDnn = NativeRuntime.prepare().oneDnnEnabled();
        return new NumericEnvironment(oneDnn, TensorFlow.version(), parallelism.intraOpThreads(),
                parallelism.interOpThreads(), parallelism.replicas(), CpuFeatures.local().instructionSet());
    }

    /**
     * This process's environment for a network of this architecture trained with this configuration,
     * as {@link Parallelism#forTraining} resolves its counts.
     *
     * @param architecture the network
     * @param config       its configuration
     * @return the environment as it would be in this process
     */
    public static NumericEnvironment current(Architecture architecture, TrainingConfig config) {
        NativeRuntime.prepare();
        return current(Parallelism.forTraining(architecture, config));
    }

    /**
     * Each setting that differs from a recorded environment, as {@code oneDNN on (recorded: off)};
     * empty when they agree.
     *
     * @param recorded the environment a model was trained in
     * @return one line per setting that differs, this environment's value first
     */
    public List<String> differencesFrom(NumericEnvironment recorded) {
        List<String> out = new ArrayList<>();
        if (oneDnn != recorded.oneDnn) {
            out.add("oneDNN " + onOff(oneDnn) + " (recorded: " + onOff(recorded.oneDnn) + ")");
        }
        if (!tensorflowVersion.equals(recorded.tensorflowVersion)) {
            out.add("TensorFlow " + tensorflowVersion + " (recorded: " + recorded.tensorflowVersion + ")");
        }
        if (intraOpThreads != recorded.intraOpThreads) {
            out.add("intra-op threads " + intraOpThreads + " (recorded: " + recorded.intraOpThreads + ")");
        }
        if (interOpThreads != recorded.interOpThreads) {
            out.add("inter-op threads " + interOpThreads + " (recorded: " + recorded.interOpThreads + ")");
        }
        if (replicas != recorded.replicas) {
            out.add("replicas " + replicas + " (recorded: " + recorded.replicas + ")");
        }
        if (!cpuInstructions.equals(recorded.cpuInstructions)) {
            out.add("CPU instructions " + cpuInstructions + " (recorded: " + recorded.cpuInstructions + ")");
        }
        return out;
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    @Override
    public String toString() {
        return "oneDNN " + onOff(oneDnn) + ", TensorFlow " + tensorflowVersion + ", threads intra " + intraOpThreads
                + " inter " + interOpThreads + ", replicas " + replicas + ", CPU " + cpuInstructions;
    }
}
