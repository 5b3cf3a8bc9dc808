package org.tribuozoo.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.LearningRateSchedule;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;
import org.tribuozoo.graph.ClusterSpec;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.graph.FitOptions;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.NumericEnvironment;
import org.tribuozoo.graph.OptimizerState;
import org.tribuozoo.graph.Targets;
import org.tribuozoo.graph.ThreadLimits;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.TrainingData;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.graph.TrainingListener;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.config.AugmentationConfig;
import org.tribuozoo.tribuo.config.EarlyStoppingConfig;
import org.tribuozoo.tribuo.config.ImageInputConfig;
import org.tribuozoo.tribuo.config.LossConfig;
import org.tribuozoo.tribuo.config.OptimizerConfig;
import org.tribuozoo.tribuo.config.ScheduleConfig;
import org.tribuozoo.tribuo.data.Augmentation;
import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooCatalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * A Tribuo trainer for any network of the DSL or the zoo, trained on TensorFlow Java.
 *
 * <p>The configuration is composed, as Tribuo's SGD trainers nest their optimiser: the optimizer,
 * learning-rate schedule, loss, early stopping, augmentation and image input are each one small
 * component of {@link org.tribuozoo.tribuo.config}; the rest are plain {@code @Config} fields. A
 * setting left out is absent, and naming a zoo entry fills every absent setting from its reference
 * recipe when the trainer is configured; the values are written back, so that provenance records
 * every value actually used and a run rebuilt from provenance needs no recipe. Any recipe setting can
 * be overridden either way (a recipe's early stopping switched off with {@code noEarlyStopping}, its
 * Nesterov momentum with an SGD component that has none).
 *
 * <p>A trainer is immutable once built (only Tribuo's invocation count moves, as Tribuo's trainers'
 * do); who listens to training is not configuration and comes with {@link #withListener}.
 *
 * <pre>{@code
 * ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(5).seed(1).build();
 * ZooModel model = trainer.train(mnistTrain);
 * }</pre>
 */
public final class ZooTrainer implements Trainer<Label> {
    private static final Logger LOG = Logger.getLogger(ZooTrainer.class.getName());

    @Config(description = "Zoo name of the network, for example lenet5 (its reference recipe gives the defaults); "
            + "absent when architectureJson is given.")
    private String model;

    @Config(description = "Architecture JSON of the network; absent when model is given.")
    private String architectureJson;

    @Config(description = "The loss; absent for the recipe's.")
    private LossConfig loss;

    @Config(description = "The optimizer and its hyper-parameters; absent for the recipe's.")
    private OptimizerConfig optimizer;

    @Config(description = "The learning-rate schedule; absent for the recipe's.")
    private ScheduleConfig schedule;

    @Config(description = "Examples per step; absent for the recipe's.")
    private Integer batchSize;

    @Config(description = "Passes over the training data; absent for the recipe's.")
    private Integer epochs;

    @Config(description = "Seed of the first weights, the shuffling, the dropout masks and the augmentation.")
    private long seed = Trainer.DEFAULT_SEED;

    @Config(description = "Fraction of the training data held out for validation, taken from the end as Keras "
            + "does; absent for the recipe's.")
    private Double validationSplit;

    @Config(description = "Early stopping; absent for the recipe's.")
    private EarlyStoppingConfig earlyStopping;

    @Config(description = "True trains every epoch, whatever early stopping the recipe has.")
    private boolean noEarlyStopping = false;

    @Config(description = "Reshuffle the training examples each epoch.")
    private boolean shuffle = true;

    @Config(description = "Threads inside one native op; absent (or 0) for the automatic choice: 1 when each batch "
            + "is cut into several replicas, every core otherwise.")
    private Integer intraOpThreads;

    @Config(description = "Native ops, and replicas, run side by side; absent for every core.")
    private Integer interOpThreads;

    @Config(description = "Slices each batch is cut into, trained side by side with their gradients added; absent "
            + "(or 0) for the automatic choice: one per inter-op thread, or 1 for a network that trains batch "
            + "normalisation statistics.")
    private Integer replicas;

    @Config(description = "The images' layout and pixel scaling; absent for the network's input shape, scaled by "
            + "1/255.")
    private ImageInputConfig imageInput;

    @Config(description = "Online augmentation of the training images; absent for none.")
    private AugmentationConfig augmentation;

    @Config(description = "Layers whose parameters are not trained (transfer learning).")
    private List<String> frozenLayers = new ArrayList<>();

    @Config(description = "A ZooModel file whose weights start training (continued training, transfer learning); "
            + "parameters whose shape differs (a new head) start from their initialisers.")
    private String initialModel;

    @Config(description = "Layers whose parameters start from their initialisers even when the initial model has "
            + "them (a new head for new labels).")
    private List<String> reinitializedLayers = new ArrayList<>();

    @Config(description = "SHA-256 of the weights training started from when they were given in code rather than "
            + "as a model file; recorded so that provenance tells such a run apart (it cannot be rebuilt from it).")
    private String initialWeightsDigest;

    @Config(description = "True keeps the optimizer's state (step counter, Adam's moments, momentum buffers, "
            + "accumulators) in the trained model, and continues the state an initial model carries rather than "
            + "restarting the optimizer.")
    private boolean keepOptimizerState = false;

    /** Weights to start from, given in code; takes the place of {@link #initialModel}. */
    private Weights initialWeights;

    /** The optimizer state of the model given in code, if it carries one. */
    private OptimizerState initialOptimizerState;

    /** Who listens to training; never part of the configuration. */
    private TrainingListener listener = TrainingListener.NONE;

    /** Where training keeps its checkpoints, if anywhere; never part of the configuration. */
    private CheckpointFolder checkpoints;

    /** The cluster training runs on, if any; never part of the configuration (its shape is in the run's). */
    private ClusterSpec cluster;

    private int invocationCount = 0;

    /** For OLCUT. */
    private ZooTrainer() {
    }

    /**
     * Starts a trainer for a zoo entry; its reference recipe gives every default.
     *
     * @param zooName the entry's name in the {@link ModelZoo}, for example {@code lenet5}
     * @return a builder whose unset settings are the recipe's
     * @throws org.tribuozoo.zoo.UnknownModelException if the zoo has no such entry; the message lists the
     *                                                 closest names
     */
    public static Builder builder(String zooName) {
        return new Builder().model(zooName);
    }

    /**
     * Starts a trainer for a network of your own; Adam with categorical cross-entropy (binary
     * cross-entropy for a single output), batch 32 and 10 epochs by default.
     *
     * @param architecture the network; its input shape gives the default image layout
     * @return a builder for the network
     */
    public static Builder builder(Architecture architecture) {
        return new Builder().architecture(architecture);
    }

    @Override
    public synchronized void postConfig() {
        resolve();
    }

    /**
     * The recipe whose values fill absent settings: the zoo entry's, or for a network of one's own,
     * Adam with cross-entropy (binary for one output), batch 32, 10 epochs.
     */
    private static TrainingRecipe defaultRecipe(String model, String architectureJson) {
        if (model != null) {
            return ModelZoo.get(model).recipe();
        }
        Architecture a = Architecture.fromJson(architectureJson);
        return TrainingRecipe.of(Optimizer.adam(),
                a.outputShape().elementCount() == 1 ? Loss.binaryCrossEntropy() : Loss.categoricalCrossEntropy(),
                32, 10);
    }

    /** Fills every absent setting from the recipe and checks them all, naming the culprit. */
    private void resolve() {
        if (isBlank(model) == isBlank(architectureJson)) {
            throw new PropertyException("", "model", "set exactly one of 'model' (a zoo name) and 'architectureJson'");
        }
        model = isBlank(model) ? null : model;
        architectureJson = isBlank(architectureJson) ? null : architectureJson;
        TrainingRecipe recipe = defaultRecipe(model, architectureJson);
        loss = loss != null ? loss : new LossConfig(recipe.loss());
        optimizer = optimizer != null ? optimizer : OptimizerConfig.of(recipe.optimizer());
        schedule = schedule != null ? schedule : ScheduleConfig.of(recipe.schedule());
        batchSize = batchSize != null ? batchSize : recipe.batchSize();
        epochs = epochs != null ? epochs : recipe.epochs();
        validationSplit = validationSplit != null ? validationSplit : recipe.validationSplit();
        if (noEarlyStopping && earlyStopping != null) {
            throw new PropertyException("", "noEarlyStopping", "set at most one of 'earlyStopping' and "
                    + "'noEarlyStopping'");
        }
        if (!noEarlyStopping && earlyStopping == null) {
            earlyStopping = recipe.earlyStopping().map(EarlyStoppingConfig::new).orElse(null);
            noEarlyStopping = earlyStopping == null;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        intraOpThreads = automaticOr("intraOpThreads", intraOpThreads);
        interOpThreads = threads("interOpThreads", interOpThreads != null ? interOpThreads : cores);
        replicas = automaticOr("replicas", replicas);
        if (imageInput == null) {
            imageInput = new ImageInputConfig(inputLayout(model, architectureJson), 1.0 / 255.0, 0.0);
        }
        initialModel = isBlank(initialModel) ? null : initialModel;
        initialWeightsDigest = isBlank(initialWeightsDigest) ? null : initialWeightsDigest;
        // Building every value once checks every setting now, before any data is touched.
        try {
            trainingRecipe();
        } catch (IllegalArgumentException e) {
            throw new PropertyException(e, "", "", e.getMessage());
        }
        augmentation();
    }

    /** The image layout of the network's input (a flat input is one row of pixels with one channel each). */
    private static ImageLayout inputLayout(String model, String architectureJson) {
        Shape in = model != null ? ModelZoo.get(model).input() : Architecture.fromJson(architectureJson).inputShape();
        return in.isImage() ? new ImageLayout(in.height(), in.width(), in.channels())
                : new ImageLayout(1, 1, Math.toIntExact(in.elementCount()));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A thread count within {@link ThreadLimits}: a provenance asking for 100,000 never reaches TensorFlow. */
    /** A count where absent or {@link Parallelism#AUTOMATIC} means the automatic choice. */
    private static int automaticOr(String field, Integer value) {
        return value == null || value == Parallelism.AUTOMATIC ? Parallelism.AUTOMATIC : threads(field, value);
    }

    private static int threads(String field, int value) {
        ThreadLimits.problem(value).ifPresent(problem -> {
            throw new PropertyException("", field, field + " " + problem);
        });
        return value;
    }

    /**
     * How many of {@code examples} the validation split holds out (the last ones), once checked: a
     * split must leave examples on both sides, and may not leave fewer for training than one batch
     * when that is also fewer than it holds out (0.99999 of 60,000 would train on one example).
     *
     * @param examples the examples of the training data, before the split
     * @return how many of the last examples are held out; 0 without a validation split
     * @throws IllegalArgumentException naming the split and what it leaves
     */
    public int validationExamples(int examples) {
        TrainingRecipe recipe = trainingRecipe();
        int validationCount = (int) Math.floor(examples * recipe.validationSplit());
        int trainCount = examples - validationCount;
        if (recipe.validationSplit() > 0 && (validationCount == 0 || trainCount == 0)) {
            throw new IllegalArgumentException("validation split " + recipe.validationSplit() + " of " + examples
                    + " examples leaves " + trainCount + " for training and " + validationCount + " for validation");
        }
        if (validationCount > 0 && trainCount < recipe.batchSize() && trainCount < validationCount) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "validation split %s of %,d "
                    + "examples leaves %,d for training, fewer than one batch (%d) and fewer than it holds out: "
                    + "choose a smaller split", recipe.validationSplit(), examples, trainCount, recipe.batchSize()));
        }
        return validationCount;
    }

    /**
     * The resolved training recipe: optimizer, schedule, loss, batch size, epochs, validation, early stopping.
     *
     * @return the recipe this trainer trains with, every absent setting filled from the reference recipe
     */
    public TrainingRecipe trainingRecipe() {
        return new TrainingRecipe(optimizer.toDsl(), schedule.toDsl(), loss.toDsl(), batchSize, epochs,
                validationSplit, earlyStopping == null ? Optional.empty() : Optional.of(earlyStopping.toDsl()));
    }

    /**
     * The online augmentation applied to the training images each epoch (identity by default).
     *
     * @return the augmentation; one whose {@link Augmentation#isIdentity()} is true when none is configured
     */
    public Augmentation augmentation() {
        return augmentation == null ? Augmentation.builder().build() : augmentation.toAugmentation();
    }

    /**
     * How examples hold their images.
     *
     * @return the configured layout; the network's input shape unless set otherwise
     */
    public ImageLayout imageLayout() {
        return imageInput.layout();
    }

    /**
     * The seed this trainer was configured with.
     *
     * @return the seed of the first weights, the shuffling, the dropout masks and the augmentation
     *         ({@link Trainer#DEFAULT_SEED} unless set)
     */
    public long seed() {
        return seed;
    }

    /**
     * The same trainer with another listener (a progress display, a history file); listening is not
     * configuration and enters no provenance.
     *
     * @param newListener watches each training run; {@link TrainingListener#NONE} for no one
     * @return a copy of this trainer with the listener replaced; this trainer is unchanged
     * @throws NullPointerException if {@code newListener} is null
     */
    public ZooTrainer withListener(TrainingListener newListener) {
        ZooTrainer copy = copy();
        copy.listener = Objects.requireNonNull(newListener, "listener");
        return copy;
    }

    /**
     * The same trainer with a checkpoint after every epoch in a folder: a {@link #train} killed at any
     * moment and called again with the same data continues from the last checkpoint, and ends with
     * the model the uninterrupted run would have made, bit for bit (see {@link CheckpointFolder}).
     * Where checkpoints go is not configuration and enters no provenance.
     *
     * @param folder where the checkpoint of a run is kept and looked for
     * @return a copy of this trainer with the checkpoint folder replaced; this trainer is unchanged
     * @throws NullPointerException if {@code folder} is null
     */
    public ZooTrainer withCheckpoints(CheckpointFolder folder) {
        ZooTrainer copy = copy();
        copy.checkpoints = Objects.requireNonNull(folder, "folder");
        return copy;
    }

    /**
     * The same trainer training on a cluster by synchronous data parallelism (see
     * {@link org.tribuozoo.graph.CompiledNetwork#compileDistributed}): each worker takes the batch size's examples of every
     * step, so a step trains {@code workers x batchSize} examples, the step one process takes with that
     * batch. This process is the chief: it holds the data, feeds each worker its slice and writes the
     * checkpoints. Where training runs is not configuration; the model's run provenance records the
     * cluster's shape ({@link ClusterProvenance}).
     *
     * @param newCluster the cluster, every task's server running
     * @return a copy of this trainer that trains on {@code newCluster}
     */
    public ZooTrainer withCluster(ClusterSpec newCluster) {
        ZooTrainer copy = copy();
        copy.cluster = Objects.requireNonNull(newCluster, "cluster");
        return copy;
    }

    /**
     * The same trainer with one replica: what a trainer recorded before replicas existed trained with.
     */
    ZooTrainer withOneReplica() {
        ZooTrainer copy = copy();
        copy.replicas = 1;
        return copy;
    }

    /** A field-by-field copy; components are immutable once configured, so they are shared. */
    private synchronized ZooTrainer copy() {
        ZooTrainer c = new ZooTrainer();
        c.model = model;
        c.architectureJson = architectureJson;
        c.loss = loss;
        c.optimizer = optimizer;
        c.schedule = schedule;
        c.batchSize = batchSize;
        c.epochs = epochs;
        c.seed = seed;
        c.validationSplit = validationSplit;
        c.earlyStopping = earlyStopping;
        c.noEarlyStopping = noEarlyStopping;
        c.shuffle = shuffle;
        c.intraOpThreads = intraOpThreads;
        c.interOpThreads = interOpThreads;
        c.replicas = replicas;
        c.imageInput = imageInput;
        c.augmentation = augmentation;
        c.frozenLayers = new ArrayList<>(frozenLayers);
        c.initialModel = initialModel;
        c.reinitializedLayers = new ArrayList<>(reinitializedLayers);
        c.initialWeightsDigest = initialWeightsDigest;
        c.keepOptimizerState = keepOptimizerState;
        c.initialWeights = initialWeights;
        c.initialOptimizerState = initialOptimizerState;
        c.listener = listener;
        c.checkpoints = checkpoints;
        c.cluster = cluster;
        c.invocationCount = invocationCount;
        return c;
    }

    /**
     * The numeric environment a run of this trainer would have in this process: its thread and
     * replica counts resolved as {@link Parallelism#forTraining(Architecture, int, int, int)} resolves
     * them for its network.
     *
     * @return oneDNN, TensorFlow's version, the counts, the CPU's instructions
     */
    public NumericEnvironment expectedEnvironment() {
        Architecture a = model != null ? ModelZoo.get(model).architecture() : Architecture.fromJson(architectureJson);
        a = frozenLayers.isEmpty() ? a : a.withFrozen(frozenLayers);
        return NumericEnvironment.current(Parallelism.forTraining(a, intraOpThreads, interOpThreads, replicas));
    }

    /**
     * The network this trainer builds for a number of classes: the zoo entry rebuilt for the image
     * layout and class count, or the given architecture checked against them.
     *
     * @param classes the number of labels in the data (a network of one's own with a single sigmoid
     *                output fits 2)
     * @return the network to train, with the frozen layers frozen
     * @throws IllegalArgumentException if a network of one's own does not take the images' size or does not
     *                                  have one output per class (or a single output for two classes), or a
     *                                  layer to reinitialise is not in the network
     */
    public Architecture architectureFor(int classes) {
        ImageLayout layout = imageLayout();
        Architecture a;
        if (model != null) {
            a = ModelZoo.get(model).architecture(layout.shape(), classes);
        } else {
            a = Architecture.fromJson(architectureJson);
            Shape in = a.inputShape();
            if (in.elementCount() != layout.size()) {
                throw new IllegalArgumentException("the images are " + layout + " but the network '" + a.name()
                        + "' takes " + in.compact());
            }
            int width = (int) a.outputShape().elementCount();
            if (width != classes && !(width == 1 && classes == 2)) {
                throw new IllegalArgumentException("the data has " + classes + " labels but the network '" + a.name()
                        + "' has " + width + " outputs");
            }
        }
        for (String layer : reinitializedLayers) {
            a.layer(layer); // an unknown name is an error listing the layers
        }
        return frozenLayers.isEmpty() ? a : a.withFrozen(frozenLayers);
    }

    @Override
    public ZooModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public ZooModel train(Dataset<Label> examples) {
        return train(examples, Map.of());
    }

    @Override
    public ZooModel train(Dataset<Label> dataset, Map<String, Provenance> runProvenance, int invocation) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty dataset");
        }
        ImmutableOutputInfo<Label> outputs = dataset.getOutputIDInfo();
        if (outputs.size() < 2) {
            throw new IllegalArgumentException("the training data has " + outputs.size()
                    + " label(s); a classifier needs at least two");
        }
        TrainerProvenance trainerProvenance;
        long runSeed;
        synchronized (this) {
            if (invocation != INCREMENT_INVOCATION_COUNT) {
                setInvocationCount(invocation);
            }
            trainerProvenance = getProvenance();
            runSeed = seed + 0x9E3779B97F4A7C15L * invocationCount; // a distinct, reproducible stream per call
            invocationCount++;
        }
        TrainingRecipe recipe = trainingRecipe();
        Architecture architecture = architectureFor(outputs.size());
        boolean sigmoidBinary = architecture.outputShape().elementCount() == 1;
        if (sigmoidBinary && !(recipe.loss() instanceof Loss.BinaryCrossEntropy || recipe.loss() instanceof Loss.Focal
                || recipe.loss() instanceof Loss.MeanSquaredError)) {
            throw new IllegalArgumentException("network '" + architecture.name() + "' has one sigmoid output; train it "
                    + "with binary_crossentropy, not " + recipe.loss().configName());
        }

        List<Example<Label>> data = dataset.getData();
        ImageLayout layout = imageLayout();
        ImageTensors tensors = new ImageTensors(layout, imageInput.pixelScale(), imageInput.pixelOffset());
        long convertStart = System.nanoTime();
        Images images = tensors.images(data);
        int[] labelIds = ImageTensors.labelIds(data, outputs);
        LOG.fine(() -> String.format("converted %d examples to %s tensors in %.2f s", data.size(), layout,
                (System.nanoTime() - convertStart) / 1e9));

        int validationCount = validationExamples(data.size());
        int trainCount = data.size() - validationCount;
        Targets targets = sigmoidBinary ? binaryTargets(labelIds) : Targets.classes(labelIds, outputs.size());
        Images trainImages = validationCount == 0 ? images : images.range(0, trainCount);
        Targets trainTargets = validationCount == 0 ? targets : targets.range(0, trainCount);

        int stepBatch = cluster == null ? recipe.batchSize() : Math.multiplyExact(recipe.batchSize(),
                cluster.workerCount());
        FitOptions fit = FitOptions.of(recipe.epochs(), stepBatch).withEarlyStopping(recipe.earlyStopping())
                .withListener(listener);
        if (validationCount > 0) {
            fit = fit.withValidation(images.range(trainCount, data.size()), targets.range(trainCount, data.size()));
        }
        TrainingData trainingData = trainingData(trainImages, trainTargets, runSeed);
        TrainingConfig config = TrainingConfig.of(recipe).withSeed(runSeed).withThreads(intraOpThreads, interOpThreads)
                .withReplicas(replicas);
        Start start = start(architecture);
        LOG.info(() -> String.format("training %s (%,d parameters) on %,d examples (%,d for validation), %s",
                architecture.name(), architecture.parameterCount(), trainCount, validationCount,
                ZooCatalog.describe(recipe)));
        TrainingHistory history;
        Weights trained;
        OptimizerState optimizerState = null;
        NumericEnvironment environment;
        Weights startWeights = start.weights() == null ? Weights.empty() : start.weights();
        try (CompiledNetwork network = cluster != null
                ? CompiledNetwork.compileDistributed(architecture, config, startWeights, cluster)
                : start.weights() == null ? CompiledNetwork.compile(architecture, config)
                : CompiledNetwork.compile(architecture, config, start.weights())) {
            if (start.optimizer() != null) {
                network.setOptimizerState(start.optimizer());
            }
            history = checkpoints == null ? network.fit(trainingData, fit)
                    : checkpoints.fit(network, trainingData, fit, runKey(architecture, config, recipe, start, images,
                    targets, trainCount));
            trained = network.weights();
            environment = network.numericEnvironment();
            if (keepOptimizerState) {
                optimizerState = network.optimizerState();
            }
        }
        Map<String, Provenance> run = NumericProvenance.with(runProvenance, environment);
        if (cluster != null) {
            run.putAll(ClusterProvenance.entries(cluster, recipe.batchSize()));
        }
        ModelProvenance provenance = new ModelProvenance(ZooModel.class.getName(), OffsetDateTime.now(),
                dataset.getProvenance(), trainerProvenance, run);
        ImmutableFeatureMap features = dataset.getFeatureIDMap();
        return new ZooModel("zoo:" + architecture.name(), provenance, features, outputs, architecture, trained,
                layout, imageInput.pixelScale(), imageInput.pixelOffset(), history, optimizerState);
    }

    /**
     * What decides a run bit for bit, for its checkpoints: the network, the training configuration (run
     * seed and threads included), the recipe, the order and augmentation of the data, the starting point
     * and every example and target.
     */
    private String runKey(Architecture architecture, TrainingConfig config, TrainingRecipe recipe, Start start,
                          Images images, Targets targets, int trainCount) {
        CheckpointFolder.RunKey key = new CheckpointFolder.RunKey().add(architecture.toJson()).add(config.toString())
                .add(recipe.toString()).add("shuffle " + shuffle).add("augmentation " + augmentation())
                .add("training examples " + trainCount).add(images.values()).add(targets.values());
        key.add(start.weights() == null ? "no starting weights" : "starting weights").add(
                start.weights() == null ? Weights.empty() : start.weights());
        if (start.optimizer() != null) {
            key.add("starting optimizer " + start.optimizer().optimizer() + " " + start.optimizer().steps())
                    .add(start.optimizer().slots());
        }
        if (cluster != null) {
            // The global batch decides the run; the cluster's addresses do not (a run may resume elsewhere).
            key.add("workers " + cluster.workerCount());
        }
        return key.digest();
    }

    /**
     * The training images in training order: held in memory, or with augmentation, augmented copies
     * made anew each epoch from a stream split off the run's seed (the epoch's split of one generator,
     * so an epoch's images depend on the epoch alone and a resumed run gets the same).
     */
    private TrainingData trainingData(Images images, Targets targets, long runSeed) {
        Augmentation a = augmentation();
        if (a.isIdentity()) {
            return TrainingData.inMemory(images, targets, runSeed, shuffle);
        }
        ImageLayout layout = imageLayout();
        return TrainingData.perEpoch(epoch -> Images.of(a.apply(images.values(), layout,
                        augmentationStream(runSeed, epoch)), images.count(), layout.height(), layout.width(),
                layout.channels()), targets, runSeed, shuffle);
    }

    /** The {@code epoch}-th split of the run's augmentation generator. */
    private static SplittableRandom augmentationStream(long runSeed, int epoch) {
        SplittableRandom streams = new SplittableRandom(runSeed ^ 0x5DEECE66DL);
        SplittableRandom stream = streams.split();
        for (int e = 1; e < epoch; e++) {
            stream = streams.split();
        }
        return stream;
    }

    private static Targets binaryTargets(int[] labelIds) {
        float[] v = new float[labelIds.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = labelIds[i];
        }
        return Targets.of(v, 1);
    }

    /**
     * Where training starts.
     *
     * @param weights   the initial model's weights that fit the network; null to draw them all
     * @param optimizer the initial model's optimizer state for those weights, when kept; null for a fresh one
     */
    private record Start(Weights weights, OptimizerState optimizer) {
    }

    /**
     * The weights training starts from (those of the initial model that fit the network, or none) and,
     * with {@link #keepOptimizerState}, the optimizer state the initial model carries for them.
     */
    private Start start(Architecture architecture) {
        Weights given = initialWeights;
        OptimizerState givenState = initialOptimizerState;
        if (given == null && initialWeightsDigest != null) {
            throw new IllegalArgumentException("this trainer started from weights given in code (SHA-256 "
                    + initialWeightsDigest + "), which a configuration or provenance cannot carry; save that model "
                    + "and start from its file with startFrom(Path) to make the run reproducible");
        }
        if (given == null && initialModel != null) {
            try (ZooModel initial = ZooModel.load(Path.of(initialModel))) {
                given = initial.weights();
                givenState = initial.optimizerState().orElse(null);
            }
        }
        if (given == null) {
            return new Start(null, null);
        }
        Weights.Builder fitting = Weights.builder();
        List<String> fresh = new ArrayList<>();
        for (Parameter p : architecture.parameters()) {
            if (given.contains(p.key()) && given.tensor(p.key()).shape().equals(p.shape())
                    && !reinitializedLayers.contains(p.layer())) {
                fitting.put(p.key(), given.tensor(p.key()));
            } else {
                fresh.add(p.key());
            }
        }
        if (!fresh.isEmpty()) {
            LOG.info(() -> "parameters starting from their initialisers (not in the initial model, or reshaped): "
                    + String.join(", ", fresh));
        }
        Weights weights = fitting.build();
        return new Start(weights, keepOptimizerState ? continuedOptimizer(givenState, weights, architecture) : null);
    }

    /**
     * The slots of the parameters kept from the initial model (frozen ones have none) and its step
     * counter, when it carries state of this trainer's optimizer; null otherwise.
     */
    private OptimizerState continuedOptimizer(OptimizerState state, Weights kept, Architecture architecture) {
        String mine = optimizer.toDsl().configName();
        if (state == null || !state.optimizer().equals(mine)) {
            LOG.info(() -> "the initial model carries " + (state == null ? "no optimizer state"
                    : state.optimizer() + "'s optimizer state, not " + mine + "'s") + ": the optimizer starts afresh");
            return null;
        }
        Weights.Builder slots = Weights.builder();
        for (Parameter p : architecture.parameters()) {
            if (p.trainable() && kept.contains(p.key())) {
                for (Map.Entry<String, Weights.Tensor> e : state.slots().asMap().entrySet()) {
                    if (e.getKey().startsWith(p.key() + "/") && e.getKey().indexOf('/', p.key().length() + 1) < 0
                            && e.getValue().shape().equals(p.shape())) {
                        slots.put(e.getKey(), e.getValue());
                    }
                }
            }
        }
        return new OptimizerState(state.optimizer(), state.steps(), slots.build());
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("invocation count must be non-negative, got " + count);
        }
        this.invocationCount = count;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "ZooTrainer(" + (model == null ? "architecture JSON" : model) + ", "
                + ZooCatalog.describe(trainingRecipe()) + ", seed " + seed + ")";
    }

    /** SHA-256 over every tensor's key, shape and float bits, in key order. */
    static String digest(Weights weights) {
        MessageDigest md = ProvenanceUtil.HashType.SHA256.getDigest();
        for (String key : new TreeSet<>(weights.keys())) {
            Weights.Tensor t = weights.tensor(key);
            md.update(key.getBytes(StandardCharsets.UTF_8));
            ByteBuffer buf = ByteBuffer.allocate(4 * (t.values().length + t.shape().rank()));
            for (int d : t.shape().toArray()) {
                buf.putInt(d);
            }
            for (float f : t.values()) {
                buf.putInt(Float.floatToRawIntBits(f));
            }
            md.update(buf.array());
        }
        return ProvenanceUtil.bytesToHexString(md.digest());
    }

    /**
     * Builds a {@link ZooTrainer} from code; unset settings come from the zoo entry's recipe. Each
     * {@link #build()} makes a new trainer: changing the builder afterwards changes no trainer built.
     */
    public static final class Builder {
        private String model;
        private String architectureJson;
        private Loss loss;
        private Optimizer optimizer;
        private Double learningRate;
        private LearningRateSchedule schedule;
        private Integer batchSize;
        private Integer epochs;
        private long seed = Trainer.DEFAULT_SEED;
        private Double validationSplit;
        /** Null for the recipe's; empty for none. */
        private Optional<EarlyStopping> earlyStopping;
        private boolean shuffle = true;
        private Integer intraOpThreads;
        private Integer interOpThreads;
        private Integer replicas;
        private ImageLayout layout;
        private double pixelScale = 1.0 / 255.0;
        private double pixelOffset = 0.0;
        private Augmentation augmentation;
        private TrainingListener listener = TrainingListener.NONE;
        private List<String> frozenLayers = List.of();
        private List<String> reinitializedLayers = List.of();
        private Weights initialWeights;
        private OptimizerState initialOptimizerState;
        private String initialModel;
        private boolean keepOptimizerState;
        private CheckpointFolder checkpoints;

        private Builder() {
        }

        Builder model(String zooName) {
            ModelZoo.get(zooName); // fail fast with suggestions
            model = zooName;
            return this;
        }

        Builder architecture(Architecture a) {
            architectureJson = a.toJson();
            return this;
        }

        /**
         * The loss (the recipe's by default).
         *
         * @param value the loss
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder loss(Loss value) {
            loss = Objects.requireNonNull(value, "loss");
            return this;
        }

        /**
         * The optimizer with every one of its hyper-parameters (the recipe's by default).
         *
         * @param value the optimizer; a later {@link #learningRate} replaces its learning rate
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder optimizer(Optimizer value) {
            optimizer = Objects.requireNonNull(value, "optimizer");
            return this;
        }

        /**
         * The optimizer's base learning rate, keeping its other hyper-parameters (the recipe's optimizer's by default).
         *
         * @param rate the base rate; positive and finite (checked by {@link #build()})
         * @return this builder
         */
        public Builder learningRate(double rate) {
            learningRate = rate;
            return this;
        }

        /**
         * How the learning rate changes with the steps (the recipe's by default).
         *
         * @param value the schedule
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder schedule(LearningRateSchedule value) {
            schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /**
         * Examples per optimizer step (the recipe's by default).
         *
         * @param examples the batch size; positive (checked by {@link #build()})
         * @return this builder
         */
        public Builder batchSize(int examples) {
            batchSize = examples;
            return this;
        }

        /**
         * Passes over the training data (the recipe's by default); early stopping may end training sooner.
         *
         * @param passes the most epochs; positive (checked by {@link #build()})
         * @return this builder
         */
        public Builder epochs(int passes) {
            epochs = passes;
            return this;
        }

        /**
         * Seeds the first weights, the shuffling, the dropout masks and the augmentation
         * ({@link Trainer#DEFAULT_SEED} by default). The same seed, data and thread counts give the same
         * model bit for bit.
         *
         * @param value the seed; any value
         * @return this builder
         */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Fraction of the training data held out, from the end, for validation (the recipe's by default).
         *
         * @param fraction in [0, 1); 0 for no validation (checked by {@link #build()})
         * @return this builder
         */
        public Builder validationSplit(double fraction) {
            validationSplit = fraction;
            return this;
        }

        /**
         * Early stopping with Keras's semantics (the recipe's by default).
         *
         * @param rule the rule; one watching a validation figure needs a validation split
         * @return this builder
         * @throws NullPointerException if {@code rule} is null
         */
        public Builder earlyStopping(EarlyStopping rule) {
            earlyStopping = Optional.of(rule);
            return this;
        }

        /**
         * Trains every epoch, whatever early stopping the recipe has.
         *
         * @return this builder
         */
        public Builder noEarlyStopping() {
            earlyStopping = Optional.empty();
            return this;
        }

        /**
         * Whether to reshuffle the training examples each epoch (true by default).
         *
         * @param reshuffle false to train the examples in the data's order every epoch
         * @return this builder
         */
        public Builder shuffle(boolean reshuffle) {
            shuffle = reshuffle;
            return this;
        }

        /**
         * Native threads inside one op and ops side by side (by default: every core side by side, and
         * the automatic choice inside ops, see {@link Parallelism}).
         *
         * @param intra threads inside one op, or {@link Parallelism#AUTOMATIC}; the first network of a
         *              process fixes it for the process
         * @param inter ops (and replicas) run side by side
         * @return this builder
         * @see ThreadLimits the allowed range, checked by {@link #build()}
         */
        public Builder threads(int intra, int inter) {
            intraOpThreads = intra;
            interOpThreads = inter;
            return this;
        }

        /**
         * The slices each batch is cut into, trained side by side with their gradients added (by
         * default the automatic choice: one per inter-op thread, or 1 for a network that trains batch
         * normalisation statistics; see {@link Parallelism}).
         *
         * @param count the slices, or {@link Parallelism#AUTOMATIC}
         * @return this builder
         * @see ThreadLimits the allowed range, checked by {@link #build()}
         */
        public Builder replicas(int count) {
            replicas = count;
            return this;
        }

        /**
         * The images' layout when it is not the network's input (a zoo network rebuilt for other images).
         *
         * @param value height, width and channels of the examples' images
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder imageLayout(ImageLayout value) {
            layout = Objects.requireNonNull(value, "layout");
            return this;
        }

        /**
         * How feature values become network inputs: {@code value * scale + offset}; 1/255 and 0 by default.
         *
         * @param scale  multiplies each feature value; finite (checked by {@link #build()})
         * @param offset added after scaling; finite
         * @return this builder
         */
        public Builder pixelScaling(double scale, double offset) {
            pixelScale = scale;
            pixelOffset = offset;
            return this;
        }

        /**
         * Online augmentation of the training images, drawn anew each epoch from the seed.
         *
         * @param value the augmentation; an identity augmentation means none
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder augmentation(Augmentation value) {
            augmentation = Objects.requireNonNull(value, "augmentation");
            return this;
        }

        /**
         * Who listens to training: nobody by default (the command line attaches a progress display).
         *
         * @param value the listener; not configuration, it enters no provenance
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder listener(TrainingListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Layers not to train (transfer learning); replaces any layers named before.
         *
         * @param layers the layers' names; none to train every layer
         * @return this builder
         */
        public Builder freeze(String... layers) {
            frozenLayers = List.of(layers);
            return this;
        }

        /**
         * Layers that start from their initialisers even when the initial model has them (a new head);
         * replaces any layers named before.
         *
         * @param layers the layers' names
         * @return this builder
         */
        public Builder reinitialize(String... layers) {
            reinitializedLayers = List.of(layers);
            return this;
        }

        /**
         * Starts from a trained model's weights (parameters of another shape start fresh), and with
         * {@link #keepOptimizerState} from the optimizer state it carries. Provenance records a digest
         * of the weights, not where they came from, so such a run cannot be rebuilt from provenance.
         *
         * @param trained the model whose weights start training; replaces a model file given before
         * @return this builder
         */
        public Builder startFrom(ZooModel trained) {
            initialWeights = trained.weights();
            initialOptimizerState = trained.optimizerState().orElse(null);
            initialModel = null;
            return this;
        }

        /**
         * Starts from the weights in a model file (recorded in provenance, so the run can be rebuilt), and
         * with {@link #keepOptimizerState} from the optimizer state it carries.
         *
         * @param modelFile a ZooModel file, read when training starts; recorded as an absolute path
         * @return this builder
         */
        public Builder startFrom(Path modelFile) {
            initialModel = modelFile.toAbsolutePath().toString();
            initialWeights = null;
            initialOptimizerState = null;
            return this;
        }

        /**
         * Keeps the optimizer's state (step counter, Adam's moments, momentum buffers, accumulators) in the
         * trained model, and continues the state of a model training {@linkplain #startFrom starts from}
         * when it carries one of the same optimizer, rather than restarting the optimizer (false by
         * default: models hold weights alone, and continued training starts the optimizer afresh).
         *
         * @param keep true to keep and continue the optimizer's state
         * @return this builder
         */
        public Builder keepOptimizerState(boolean keep) {
            keepOptimizerState = keep;
            return this;
        }

        /**
         * Checkpoints after every epoch in a folder (none by default); see {@link ZooTrainer#withCheckpoints}.
         *
         * @param folder where the checkpoint of a run is kept and looked for
         * @return this builder
         * @throws NullPointerException if {@code folder} is null
         */
        public Builder checkpoints(CheckpointFolder folder) {
            checkpoints = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * A new trainer with these settings on top of the recipe's.
         *
         * @return the trainer, every setting resolved and checked; the builder may be used again
         * @throws IllegalArgumentException naming a setting that is out of range or does not fit another
         */
        public ZooTrainer build() {
            try {
                ZooTrainer t = new ZooTrainer();
                t.model = model;
                t.architectureJson = architectureJson;
                t.loss = loss == null ? null : new LossConfig(loss);
                Optimizer opt = optimizer;
                if (learningRate != null) {
                    opt = (opt != null ? opt : defaultRecipe(model, architectureJson).optimizer())
                            .withLearningRate(learningRate);
                }
                t.optimizer = opt == null ? null : OptimizerConfig.of(opt);
                t.schedule = schedule == null ? null : ScheduleConfig.of(schedule);
                t.batchSize = batchSize;
                t.epochs = epochs;
                t.seed = seed;
                t.validationSplit = validationSplit;
                if (earlyStopping != null) {
                    t.earlyStopping = earlyStopping.map(EarlyStoppingConfig::new).orElse(null);
                    t.noEarlyStopping = earlyStopping.isEmpty();
                }
                t.shuffle = shuffle;
                t.intraOpThreads = intraOpThreads;
                t.interOpThreads = interOpThreads;
                t.replicas = replicas;
                if (layout != null || pixelScale != 1.0 / 255.0 || pixelOffset != 0.0) {
                    ImageLayout l = layout != null ? layout : inputLayout(model, architectureJson);
                    t.imageInput = new ImageInputConfig(l, pixelScale, pixelOffset);
                }
                t.augmentation = augmentation == null || augmentation.isIdentity() ? null
                        : new AugmentationConfig(augmentation);
                t.listener = listener;
                t.frozenLayers = new ArrayList<>(frozenLayers);
                t.reinitializedLayers = new ArrayList<>(reinitializedLayers);
                t.initialModel = initialModel;
                t.initialWeights = initialWeights;
                t.initialOptimizerState = initialOptimizerState;
                t.keepOptimizerState = keepOptimizerState;
                t.checkpoints = checkpoints;
                t.initialWeightsDigest = initialWeights == null ? null : digest(initialWeights);
                t.resolve();
                return t;
            } catch (PropertyException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
