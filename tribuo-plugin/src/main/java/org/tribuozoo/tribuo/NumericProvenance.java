package org.tribuozoo.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.BooleanProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.graph.NumericEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link NumericEnvironment} of a training run as entries of its model's run provenance (Tribuo's
 * instance provenance, the map a trainer's {@code train(dataset, runProvenance)} records), where
 * {@link ZooTrainer} and the Go policy trainer put it, and read back from there.
 *
 * <p>The entries are plain values, so the provenance JSON shows them as they are:
 * {@value #ONEDNN} (true/false), {@value #TENSORFLOW_VERSION}, {@value #INTRA_OP_THREADS},
 * {@value #INTER_OP_THREADS}, {@value #REPLICAS} and {@value #CPU_INSTRUCTIONS}.
 */
public final class NumericProvenance {

    /** Whether TensorFlow's oneDNN kernels were on. */
    public static final String ONEDNN = "onednn";
    /** The native TensorFlow version. */
    public static final String TENSORFLOW_VERSION = "tensorflow-version";
    /** The intra-op thread count in effect. */
    public static final String INTRA_OP_THREADS = "intra-op-threads";
    /** The inter-op thread count. */
    public static final String INTER_OP_THREADS = "inter-op-threads";
    /** The slices each batch was cut into (absent from models trained before replicas existed: 1). */
    public static final String REPLICAS = "replicas";
    /** The CPU's relevant instruction-set extensions. */
    public static final String CPU_INSTRUCTIONS = "cpu-instructions";

    private NumericProvenance() {
    }

    /**
     * The environment's entries.
     *
     * @param environment the environment of a training run
     * @return the six entries, keyed by this class's constants, in the order of the constants
     */
    public static Map<String, Provenance> entries(NumericEnvironment environment) {
        Map<String, Provenance> out = new LinkedHashMap<>();
        out.put(ONEDNN, new BooleanProvenance(ONEDNN, environment.oneDnn()));
        out.put(TENSORFLOW_VERSION, new StringProvenance(TENSORFLOW_VERSION, environment.tensorflowVersion()));
        out.put(INTRA_OP_THREADS, new IntProvenance(INTRA_OP_THREADS, environment.intraOpThreads()));
        out.put(INTER_OP_THREADS, new IntProvenance(INTER_OP_THREADS, environment.interOpThreads()));
        out.put(REPLICAS, new IntProvenance(REPLICAS, environment.replicas()));
        out.put(CPU_INSTRUCTIONS, new StringProvenance(CPU_INSTRUCTIONS, environment.cpuInstructions()));
        return out;
    }

    /**
     * A run provenance map with the environment's entries added (replacing any of the same names).
     *
     * @param runProvenance the entries a caller gives {@code train}; not changed
     * @param environment   the environment of the training run
     * @return a new map with both
     */
    public static Map<String, Provenance> with(Map<String, Provenance> runProvenance, NumericEnvironment environment) {
        Map<String, Provenance> out = new LinkedHashMap<>(runProvenance);
        out.putAll(entries(environment));
        return out;
    }

    /**
     * The environment a model was trained in.
     *
     * @param provenance the model's provenance
     * @return the environment; empty for a model whose provenance does not record all five entries
     */
    public static Optional<NumericEnvironment> recorded(ModelProvenance provenance) {
        Map<String, ? extends Provenance> run = provenance.getInstanceProvenance().getMap();
        Optional<Object> oneDnn = value(run, ONEDNN);
        Optional<Object> version = value(run, TENSORFLOW_VERSION);
        Optional<Object> intra = value(run, INTRA_OP_THREADS);
        Optional<Object> inter = value(run, INTER_OP_THREADS);
        Optional<Object> cpu = value(run, CPU_INSTRUCTIONS);
        int replicas = value(run, REPLICAS).map(r -> ((Number) r).intValue()).orElse(1);
        if (List.of(oneDnn, version, intra, inter, cpu).stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new NumericEnvironment((Boolean) oneDnn.get(), version.get().toString(),
                ((Number) intra.get()).intValue(), ((Number) inter.get()).intValue(), replicas, cpu.get().toString()));
    }

    /**
     * One line naming every setting of {@code now} that differs from {@code recorded}; empty when
     * they agree.
     *
     * @param recorded the environment of the recorded run
     * @param now      this process's environment
     * @return the line, saying that the numbers may differ; empty when the environments agree
     */
    public static Optional<String> change(NumericEnvironment recorded, NumericEnvironment now) {
        List<String> differences = now.differencesFrom(recorded);
        return differences.isEmpty() ? Optional.empty()
                : Optional.of("the numeric environment differs from the recorded run's: " + String.join(", ",
                differences) + "; the numbers may then differ from the recorded model's");
    }

    private static Optional<Object> value(Map<String, ? extends Provenance> map, String key) {
        return map.get(key) instanceof PrimitiveProvenance<?> p ? Optional.ofNullable(p.getValue()) : Optional.empty();
    }
}
