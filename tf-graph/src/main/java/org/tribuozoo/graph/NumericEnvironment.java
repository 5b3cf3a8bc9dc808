package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tensorflow.TensorFlow;

/**
 * What decides a trained network's last bits besides the architecture, the data and the seeds:
 * whether oneDNN's kernels ran, the TensorFlow version, the thread counts (reductions are split by
 * the intra-op count) and the CPU's instruction-set extensions (kernels are picked by them). Two runs
 * give bit-identical weights only when these agree.
 *
 * @param oneDnn            whether TensorFlow's oneDNN kernels were on
 * @param tensorflowVersion the native TensorFlow version, for example {@code 2.16.2}
 * @param intraOpThreads    threads inside one op (TensorFlow's process-wide pool)
 * @param interOpThreads    ops run side by side
 * @param cpuInstructions   the relevant instruction-set extensions, space-separated, widest first
 *                          ({@code avx512f avx512_vnni avx2 fma avx sse4_2}); {@code unknown} off Linux
 */
public record NumericEnvironment(boolean oneDnn, String tensorflowVersion, int intraOpThreads, int interOpThreads,
                                 String cpuInstructions) {

    /**
     * Checks that the version and instruction set are given.
     *
     * @param oneDnn            whether oneDNN's kernels were on
     * @param tensorflowVersion the native TensorFlow version
     * @param intraOpThreads    threads inside one op
     * @param interOpThreads    ops run side by side
     * @param cpuInstructions   the relevant instruction-set extensions, or {@code unknown}
     * @throws NullPointerException if {@code tensorflowVersion} or {@code cpuInstructions} is null
     */
    public NumericEnvironment {
        Objects.requireNonNull(tensorflowVersion, "tensorflowVersion");
        Objects.requireNonNull(cpuInstructions, "cpuInstructions");
    }

    /**
     * This process's environment for a network trained with these thread counts. The intra-op count
     * is the one TensorFlow's pool really has when an earlier network of this process set it. Loads
     * TensorFlow's native library if it is not loaded yet.
     *
     * @param intraOpThreads the intra-op count the network asked for
     * @param interOpThreads the inter-op count the network asked for
     * @return the environment as it is in this process
     */
    public static NumericEnvironment current(int intraOpThreads, int interOpThreads) {
        // Before TensorFlow.version(), which loads the native library.
        boolean oneDnn = NativeRuntime.prepare().oneDnnEnabled();
        int pool = NativeRuntime.intraOpThreadsInEffect();
        return new NumericEnvironment(oneDnn, TensorFlow.version(), pool > 0 ? pool : intraOpThreads, interOpThreads,
                CpuFeatures.local().instructionSet());
    }

    /**
     * This process's environment for a network trained with the config's thread counts.
     *
     * @param config the configuration whose thread counts the network asked for
     * @return the environment as it is in this process
     */
    public static NumericEnvironment current(TrainingConfig config) {
        return current(config.intraOpThreads(), config.interOpThreads());
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
                + " inter " + interOpThreads + ", CPU " + cpuInstructions;
    }
}
