package org.tribuozoo.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.config.property.ListProperty;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.DataSource;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.TrainTestSplitter;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.graph.NumericEnvironment;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A training run rebuilt from a model's provenance alone: the trainer with every recorded
 * setting, the training data source, and the trainer's invocation count (which picks its random
 * stream). Re-running it in the same numeric environment (oneDNN on or off, TensorFlow version,
 * thread counts, CPU instruction set: {@link NumericEnvironment}) gives a model with bit-identical
 * predictions; {@link #run()} logs a warning naming what differs when the environment does.
 *
 * <p>The training data is rebuilt from its provenance: a configurable data source (Tribuo's
 * {@code IDXDataSource}, CSV and LibSVM sources, the plugin's sources, {@code SplitDataSource}), or
 * Tribuo's {@link TrainTestSplitter} over one (its train or test side, as recorded), loaded into a
 * {@link MutableDataset}. What cannot be rebuilt is refused, naming it: in-memory data, and datasets
 * other than a {@code MutableDataset} of such a source (a {@code DatasetView} such as a
 * cross-validation fold, a {@code MinimumCardinalityDataset}, ...).
 *
 * <pre>{@code
 * Experiment e = Experiment.fromFile(Path.of("runs/lenet5/provenance.json"));
 * ZooModel again = e.run();
 * }</pre>
 *
 * @param trainer             the trainer, configured as recorded
 * @param trainingData        the training data source, configured as recorded
 * @param invocationCount     the trainer's invocation count when the recorded model was trained
 * @param recordedEnvironment the numeric environment of the recorded run; empty when its provenance does not
 *                            record one
 */
public record Experiment(ZooTrainer trainer, DataSource<Label> trainingData, int invocationCount,
                         Optional<NumericEnvironment> recordedEnvironment) {

    private static final Logger LOG = Logger.getLogger(Experiment.class.getName());

    /**
     * Checks that the recorded environment is given as an optional.
     *
     * @param trainer             the trainer, configured as recorded
     * @param trainingData        the training data source, configured as recorded
     * @param invocationCount     the trainer's invocation count when the recorded model was trained
     * @param recordedEnvironment the recorded run's numeric environment; empty when unknown
     * @throws NullPointerException if {@code recordedEnvironment} is null
     */
    public Experiment {
        Objects.requireNonNull(recordedEnvironment, "recordedEnvironment");
    }

    /**
     * An experiment whose recorded run's numeric environment is unknown.
     *
     * @param trainer         the trainer, configured as recorded
     * @param trainingData    the training data source, configured as recorded
     * @param invocationCount the trainer's invocation count when the recorded model was trained (0 for
     *                        the first model a trainer trains)
     */
    public Experiment(ZooTrainer trainer, DataSource<Label> trainingData, int invocationCount) {
        this(trainer, trainingData, invocationCount, Optional.empty());
    }

    /**
     * Rebuilds the experiment of a provenance JSON file.
     *
     * @param provenanceJson a file written by {@link ProvenanceJson#write}
     * @return the experiment, ready to {@link #run()}
     * @throws IllegalArgumentException naming the file when it cannot be read as a model's provenance, or
     *                                  saying what of the recorded run cannot be rebuilt
     */
    public static Experiment fromFile(Path provenanceJson) {
        return fromProvenance(ProvenanceJson.read(provenanceJson));
    }

    /**
     * Rebuilds the experiment of a model provenance.
     *
     * @param provenance the provenance of a model a {@link ZooTrainer} trained ({@code model.getProvenance()})
     * @return the experiment, ready to {@link #run()}
     * @throws IllegalArgumentException when the model was not trained by a ZooTrainer, or its training data cannot
     *                                  be rebuilt (an in-memory list, a dataset view, ...)
     */
    public static Experiment fromProvenance(ModelProvenance provenance) {
        ZooTrainer trainer = trainerOf(provenance);
        DatasetProvenance dataset = provenance.getDatasetProvenance();
        if (!dataset.getClassName().equals(MutableDataset.class.getName())) {
            throw new IllegalArgumentException("the model was trained on a " + dataset.getClassName() + ", which "
                    + "cannot be rebuilt from provenance (only a MutableDataset of a configurable data source, or of "
                    + "a TrainTestSplitter over one, can)");
        }
        return new Experiment(trainer, dataSource(dataset.getSourceProvenance()),
                invocationCount(provenance), NumericProvenance.recorded(provenance));
    }

    /**
     * The recorded trainer alone, rebuilt from a model provenance without touching the training data
     * (its recipe, seed and threads, for a report of the run).
     *
     * @param provenance a model's provenance, as {@code ZooModel.getProvenance()} or a provenance file gives it
     * @return the trainer with the recorded configuration
     * @throws IllegalArgumentException when the model was not trained by a ZooTrainer, or it cannot be rebuilt
     */
    public static ZooTrainer trainerOf(ModelProvenance provenance) {
        if (!provenance.getTrainerProvenance().getClassName().equals(ZooTrainer.class.getName())) {
            throw new IllegalArgumentException("the model was trained by " + provenance.getTrainerProvenance()
                    .getClassName() + ", not by a ZooTrainer");
        }
        refuseFlatTrainerSettings(provenance);
        List<ConfigurationData> configs = ProvenanceUtil.extractConfiguration(provenance);
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(configs);
        List<ZooTrainer> trainers;
        try {
            trainers = cm.lookupAll(ZooTrainer.class);
        } catch (PropertyException e) {
            throw new IllegalArgumentException("the recorded trainer cannot be rebuilt: " + e.getMsg(), e);
        }
        if (trainers.size() != 1) {
            throw new IllegalArgumentException("the provenance holds " + trainers.size() + " ZooTrainers, expected 1");
        }
        // Recorded before replicas existed: it trained each batch in one pass.
        boolean beforeReplicas = !provenance.getTrainerProvenance().getConfiguredParameters().containsKey("replicas");
        return beforeReplicas ? trainers.get(0).withOneReplica() : trainers.get(0);
    }

    /** The data source a provenance describes: a configurable source, or a side of Tribuo's splitter over one. */
    private static DataSource<Label> dataSource(DataProvenance source) {
        if (source instanceof TrainTestSplitter.SplitDataSourceProvenance split) {
            return splitterSide(split);
        }
        return trainingSource(source);
    }

    /**
     * The side of Tribuo's {@link TrainTestSplitter} the model was trained on: the splitter is built again
     * over its rebuilt inner source with the recorded proportion and seed, which shuffles the same way.
     */
    private static DataSource<Label> splitterSide(TrainTestSplitter.SplitDataSourceProvenance split) {
        Map<String, Provenance> fields = new HashMap<>();
        split.forEach(p -> fields.put(p.getA(), p.getB()));
        DataSource<Label> inner = dataSource((DataProvenance) fields.get("source"));
        double trainProportion = ((Number) primitive(fields, "train-proportion")).doubleValue();
        long seed = ((Number) primitive(fields, "seed")).longValue();
        int size = ((Number) primitive(fields, "size")).intValue();
        TrainTestSplitter<Label> splitter = new TrainTestSplitter<>(inner, trainProportion, seed);
        if (splitter.totalSize() != size) {
            throw new IllegalArgumentException("the TrainTestSplitter of the recorded run split " + size
                    + " examples; its source " + inner.getProvenance().getClassName() + " now gives "
                    + splitter.totalSize() + ", so the split would differ");
        }
        return (Boolean) primitive(fields, "is-train") ? splitter.getTrain() : splitter.getTest();
    }

    private static Object primitive(Map<String, Provenance> fields, String name) {
        if (!(fields.get(name) instanceof PrimitiveProvenance<?> p)) {
            throw new IllegalArgumentException("the TrainTestSplitter provenance has no '" + name + "' value");
        }
        return p.getValue();
    }

    /**
     * The recorded training data source, and nothing else the provenance configures: built from its
     * own configuration (and that of the sources it wraps) once every path in it has passed
     * {@link ReplayPaths}, since building a source reads its data.
     */
    @SuppressWarnings("unchecked")
    private static ConfigurableDataSource<Label> trainingSource(DataProvenance source) {
        List<ConfigurationData> configs = ProvenanceUtil.extractConfiguration(source);
        // The recorded source is the configuration of its class that no other one refers to.
        List<ConfigurationData> roots = configs.stream()
                .filter(c -> c.getClassName().equals(source.getClassName()))
                .filter(c -> configs.stream().noneMatch(other -> refersTo(other, c.getName())))
                .toList();
        if (roots.size() != 1 || !isDataSource(source.getClassName())) {
            throw new IllegalArgumentException("the training data came from " + source.getClassName()
                    + ", which cannot be rebuilt from provenance (only configurable data sources can)");
        }
        ReplayPaths.checkConfigured(configs);
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(configs);
        return (ConfigurableDataSource<Label>) cm.lookup(roots.get(0).getName());
    }

    private static boolean refersTo(ConfigurationData data, String name) {
        return data.getProperties().values().stream().anyMatch(p -> p instanceof SimpleProperty s
                ? s.getValue().equals(name)
                : p instanceof ListProperty l && l.getSimpleList().stream().anyMatch(s -> s.getValue().equals(name)));
    }

    private static boolean isDataSource(String className) {
        try {
            return ConfigurableDataSource.class.isAssignableFrom(Class.forName(className));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * tribuo-zoo 0.1's ZooTrainer kept every setting in a flat field ({@code optimizer = "adam"},
     * {@code learningRate}, {@code -1} for "from the recipe"); its provenance cannot configure today's
     * composed trainer, and guessing would rebuild another run.
     */
    private static void refuseFlatTrainerSettings(ModelProvenance provenance) {
        for (Pair<String, Provenance> p : provenance.getTrainerProvenance()) {
            if (p.getA().equals("optimizer") && p.getB() instanceof PrimitiveProvenance<?> flat) {
                throw new IllegalArgumentException("the model was trained by tribuo-zoo 0.1 (its trainer records "
                        + "optimizer '" + flat.getValue() + "' as a flat setting); this version rebuilds runs of its "
                        + "own composed trainer configuration only: reproduce it with tribuo-zoo 0.1, or retrain it");
            }
        }
    }

    private static int invocationCount(ModelProvenance provenance) {
        for (Pair<String, Provenance> p : provenance.getTrainerProvenance()) {
            if (p.getA().equals("train-invocation-count") && p.getB() instanceof PrimitiveProvenance<?> pp) {
                return ((Number) pp.getValue()).intValue();
            }
        }
        return 0;
    }

    /**
     * The same experiment with a listener on its trainer (a progress display; not part of the run).
     *
     * @param listener watches the training run
     * @return a copy of this experiment whose trainer has the listener
     * @throws NullPointerException if {@code listener} is null
     */
    public Experiment withListener(org.tribuozoo.graph.TrainingListener listener) {
        return new Experiment(trainer.withListener(listener), trainingData, invocationCount, recordedEnvironment);
    }

    /**
     * One line naming each setting of this process's numeric environment that differs from the
     * recorded run's, and saying that the numbers may then differ; empty when they agree or when
     * the recorded run's environment is unknown.
     *
     * @return the line, for a warning; empty when nothing differs or nothing is recorded
     */
    public Optional<String> environmentChange() {
        return recordedEnvironment.flatMap(recorded -> NumericProvenance.change(recorded, currentEnvironment()));
    }

    /** This process's environment for the trainer's configured thread and replica counts. */
    private NumericEnvironment currentEnvironment() {
        return trainer.expectedEnvironment();
    }

    /**
     * Loads the data and trains again; first logs a warning when the numeric environment differs from
     * the recorded run's ({@link #environmentChange()}).
     *
     * @return the model trained again; bit-identical to the recorded one when the data and the numeric
     *         environment are the same
     */
    public ZooModel run() {
        environmentChange().ifPresent(line -> LOG.warning(line));
        MutableDataset<Label> data = new MutableDataset<>(trainingData);
        return trainer.train(data, Map.of(), invocationCount);
    }
}
