package org.tribuozoo.tribuo;

import org.tribuozoo.tribuo.data.ImageLayout;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.LearningRateSchedule;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;
import org.tribuozoo.tribuo.data.Augmentation;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.EpochListener;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.FitOptions;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.Targets;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooEntry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Tribuo trainer for any network of the DSL or the zoo, trained on TensorFlow Java.
 *
 * <p>Every setting is an OLCUT {@code @Config} field, so the trainer can come from a configuration
 * file and be rebuilt from a model's provenance. Naming a zoo entry brings its reference recipe
 * as defaults; any setting given explicitly wins. Settings left unset are resolved when the
 * trainer is configured and written back, so provenance records the values actually used.
 *
 * <pre>{@code
 * ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(5).seed(1).build();
 * ZooModel model = trainer.train(mnistTrain);
 * }</pre>
 */
public final class ZooTrainer implements Trainer<Label> {
    private static final Logger LOG = Logger.getLogger(ZooTrainer.class.getName());

    /** Meaning "take the value from the zoo entry's recipe" for numeric settings. */
    static final int FROM_RECIPE = -1;

    @Config(description = "Zoo name of the network, for example lenet5 (its reference recipe gives the defaults).")
    private String model = "";

    @Config(description = "Architecture JSON of the network, instead of a zoo name.")
    private String architectureJson = "";

    @Config(description = "Loss: mean_squared_error, categorical_crossentropy, sparse_categorical_crossentropy, "
            + "binary_crossentropy or focal; empty for the recipe's.")
    private String loss = "";

    @Config(description = "Focal loss gamma.")
    private double focalGamma = 2.0;

    @Config(description = "Focal loss alpha.")
    private double focalAlpha = 0.25;

    @Config(description = "Optimizer: sgd, adagrad, rmsprop or adam; empty for the recipe's.")
    private String optimizer = "";

    @Config(description = "Base learning rate; -1 for the recipe's.")
    private double learningRate = FROM_RECIPE;

    @Config(description = "SGD or RMSProp momentum; -1 for the recipe's or the optimizer's default.")
    private double momentum = FROM_RECIPE;

    @Config(description = "SGD Nesterov momentum.")
    private boolean nesterov = false;

    @Config(description = "SGD time decay: lr / (1 + decay * iterations); -1 for the recipe's.")
    private double decay = FROM_RECIPE;

    @Config(description = "Adam beta1; -1 for the default.")
    private double beta1 = FROM_RECIPE;

    @Config(description = "Adam beta2; -1 for the default.")
    private double beta2 = FROM_RECIPE;

    @Config(description = "RMSProp rho; -1 for the default.")
    private double rho = FROM_RECIPE;

    @Config(description = "AdaGrad initial accumulator; -1 for the default.")
    private double initialAccumulator = FROM_RECIPE;

    @Config(description = "Optimizer epsilon; -1 for the default.")
    private double epsilon = FROM_RECIPE;

    @Config(description = "Learning-rate schedule: constant or step; empty for the recipe's.")
    private String schedule = "";

    @Config(description = "Step schedule: factor applied every scheduleSteps steps; -1 for the recipe's.")
    private double scheduleFactor = FROM_RECIPE;

    @Config(description = "Step schedule: optimizer steps between changes; -1 for the recipe's.")
    private long scheduleSteps = FROM_RECIPE;

    @Config(description = "Examples per step; -1 for the recipe's.")
    private int batchSize = FROM_RECIPE;

    @Config(description = "Passes over the training data; -1 for the recipe's.")
    private int epochs = FROM_RECIPE;

    @Config(description = "Seed of the first weights, the shuffling and the dropout masks.")
    private long seed = Trainer.DEFAULT_SEED;

    @Config(description = "Fraction of the training data held out for validation, taken from the end as Keras "
            + "does; -1 for the recipe's.")
    private double validationSplit = FROM_RECIPE;

    @Config(description = "Early stopping monitor: loss, accuracy, val_loss, val_accuracy, or none; empty for the "
            + "recipe's.")
    private String earlyStoppingMonitor = "";

    @Config(description = "Early stopping patience in epochs; -1 for the recipe's.")
    private int earlyStoppingPatience = FROM_RECIPE;

    @Config(description = "Early stopping minimum improvement.")
    private double earlyStoppingMinDelta = 0.0;

    @Config(description = "Whether early stopping ends with the best epoch's weights.")
    private boolean restoreBestWeights = false;

    @Config(description = "Reshuffle the training examples each epoch.")
    private boolean shuffle = true;

    @Config(description = "Threads inside one native op; 0 for every core.")
    private int intraOpThreads = 0;

    @Config(description = "Native ops run side by side; 0 for every core.")
    private int interOpThreads = 0;

    @Config(description = "Image height; 0 for the network's input.")
    private int imageHeight = 0;

    @Config(description = "Image width; 0 for the network's input.")
    private int imageWidth = 0;

    @Config(description = "Image channels; 0 for the network's input.")
    private int imageChannels = 0;

    @Config(description = "Multiplies each raw feature value (1/255 brings bytes to [0, 1]).")
    private double pixelScale = 1.0 / 255.0;

    @Config(description = "Added to each value after scaling.")
    private double pixelOffset = 0.0;

    @Config(description = "Online augmentation: largest random rotation in degrees (0 for none).")
    private double rotationDegrees = 0.0;

    @Config(description = "Online augmentation: largest random horizontal shift, a fraction of the width.")
    private double widthShift = 0.0;

    @Config(description = "Online augmentation: largest random vertical shift, a fraction of the height.")
    private double heightShift = 0.0;

    @Config(description = "Online augmentation: flip half the images left to right.")
    private boolean horizontalFlip = false;

    @Config(description = "Layers whose parameters are not trained (transfer learning).")
    private List<String> frozenLayers = new ArrayList<>();

    @Config(description = "A ZooModel file whose weights start training (continued training, transfer learning); "
            + "parameters whose shape differs (a new head) start from their initialisers.")
    private String initialModel = "";

    @Config(description = "Layers whose parameters start from their initialisers even when the initial model has "
            + "them (a new head for new labels).")
    private List<String> reinitializedLayers = new ArrayList<>();

    /** Watches training (nobody by default); never part of the configuration. */
    private transient TrainingMonitor monitor = TrainingMonitor.NONE;

    @Config(description = "SHA-256 of the weights training started from when they were given in code rather than "
            + "as a model file; recorded so that provenance tells such a run apart (it cannot be rebuilt from it).")
    private String initialWeightsDigest = "";

    /** Weights to start from, given in code; takes the place of {@link #initialModel}. */
    private transient Weights initialWeights;

    private int invocationCount = 0;

    /** For OLCUT. */
    private ZooTrainer() {
    }

    /** Starts a trainer for a zoo entry; its reference recipe gives every default. */
    public static Builder builder(String zooName) {
        return new Builder().model(zooName);
    }

    /** Starts a trainer for a network of your own; Adam with categorical cross-entropy by default. */
    public static Builder builder(Architecture architecture) {
        return new Builder().architecture(architecture);
    }

    @Override
    public synchronized void postConfig() {
        resolve();
    }

    /** Resolves every unset setting from the recipe and checks them all, naming the culprit. */
    private void resolve() {
        boolean named = !model.isEmpty();
        if (named == !architectureJson.isEmpty()) {
            throw new PropertyException("", "model", "set exactly one of 'model' (a zoo name) and 'architectureJson'");
        }
        TrainingRecipe recipe;
        Shape input;
        if (named) {
            ZooEntry entry = ModelZoo.get(model);
            recipe = entry.recipe();
            input = entry.input();
        } else {
            Architecture a = Architecture.fromJson(architectureJson);
            recipe = TrainingRecipe.of(Optimizer.adam(),
                    a.outputShape().dim(0) == 1 ? Loss.binaryCrossEntropy() : Loss.categoricalCrossEntropy(), 32, 10);
            input = a.inputShape();
        }
        if (loss.isEmpty()) {
            loss = recipe.loss().configName();
            if (recipe.loss() instanceof Loss.Focal f) {
                focalGamma = f.gamma();
                focalAlpha = f.alpha();
            }
        }
        Optimizer base = recipe.optimizer();
        if (optimizer.isEmpty()) {
            optimizer = base.configName();
        } else if (!optimizer.equals(base.configName())) {
            base = defaultOptimizer(optimizer);
        }
        if (learningRate == FROM_RECIPE) {
            learningRate = base.learningRate();
        }
        if (base instanceof Optimizer.Sgd s) {
            momentum = momentum == FROM_RECIPE ? s.momentum() : momentum;
            decay = decay == FROM_RECIPE ? s.decay() : decay;
            nesterov = nesterov || s.nesterov();
        } else if (base instanceof Optimizer.RmsProp r) {
            momentum = momentum == FROM_RECIPE ? r.momentum() : momentum;
            rho = rho == FROM_RECIPE ? r.rho() : rho;
            epsilon = epsilon == FROM_RECIPE ? r.epsilon() : epsilon;
        } else if (base instanceof Optimizer.Adam a) {
            beta1 = beta1 == FROM_RECIPE ? a.beta1() : beta1;
            beta2 = beta2 == FROM_RECIPE ? a.beta2() : beta2;
            epsilon = epsilon == FROM_RECIPE ? a.epsilon() : epsilon;
        } else if (base instanceof Optimizer.AdaGrad g) {
            initialAccumulator = initialAccumulator == FROM_RECIPE ? g.initialAccumulator() : initialAccumulator;
            epsilon = epsilon == FROM_RECIPE ? g.epsilon() : epsilon;
        }
        if (schedule.isEmpty()) {
            if (recipe.schedule() instanceof LearningRateSchedule.StepDecay sd) {
                schedule = "step";
                scheduleFactor = scheduleFactor == FROM_RECIPE ? sd.factor() : scheduleFactor;
                scheduleSteps = scheduleSteps == FROM_RECIPE ? sd.everySteps() : scheduleSteps;
            } else {
                schedule = "constant";
            }
        }
        batchSize = batchSize == FROM_RECIPE ? recipe.batchSize() : batchSize;
        epochs = epochs == FROM_RECIPE ? recipe.epochs() : epochs;
        validationSplit = validationSplit == FROM_RECIPE ? recipe.validationSplit() : validationSplit;
        if (earlyStoppingMonitor.isEmpty()) {
            Optional<EarlyStopping> es = recipe.earlyStopping();
            earlyStoppingMonitor = es.map(e -> e.monitor().configName()).orElse("none");
            if (es.isPresent()) {
                earlyStoppingPatience = earlyStoppingPatience == FROM_RECIPE ? es.get().patience() : earlyStoppingPatience;
                earlyStoppingMinDelta = Math.max(earlyStoppingMinDelta, es.get().minDelta());
                restoreBestWeights = restoreBestWeights || es.get().restoreBestWeights();
            }
        }
        if (!earlyStoppingMonitor.equals("none") && earlyStoppingPatience == FROM_RECIPE) {
            earlyStoppingPatience = 0;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        intraOpThreads = intraOpThreads == 0 ? cores : intraOpThreads;
        interOpThreads = interOpThreads == 0 ? cores : interOpThreads;
        imageHeight = imageHeight == 0 ? input.isImage() ? input.height() : 1 : imageHeight;
        imageWidth = imageWidth == 0 ? input.isImage() ? input.width() : 1 : imageWidth;
        imageChannels = imageChannels == 0 ? input.isImage() ? input.channels() : (int) input.elementCount()
                : imageChannels;
        // Building every value once checks every setting now, before any data is touched.
        trainingRecipe();
        augmentation();
        new ImageLayout(imageHeight, imageWidth, imageChannels);
        if (!Double.isFinite(pixelScale) || !Double.isFinite(pixelOffset)) {
            throw new PropertyException("", "pixelScale", "pixel scale and offset must be finite");
        }
    }

    private static Optimizer defaultOptimizer(String name) {
        return switch (name) {
            case "sgd" -> Optimizer.sgd();
            case "adam" -> Optimizer.adam();
            case "rmsprop" -> Optimizer.rmsProp();
            case "adagrad" -> Optimizer.adaGrad();
            default -> throw new PropertyException("", "optimizer", "unknown optimizer '" + name
                    + "' (known: sgd, adagrad, rmsprop, adam)");
        };
    }

    /** The resolved training recipe: optimizer, schedule, loss, batch size, epochs, validation, early stopping. */
    public TrainingRecipe trainingRecipe() {
        Optimizer opt = switch (optimizer) {
            case "sgd" -> new Optimizer.Sgd(learningRate, momentum, nesterov, decay);
            case "adam" -> new Optimizer.Adam(learningRate, beta1, beta2, epsilon);
            case "rmsprop" -> new Optimizer.RmsProp(learningRate, rho, momentum, epsilon);
            case "adagrad" -> new Optimizer.AdaGrad(learningRate, initialAccumulator, epsilon);
            default -> throw new PropertyException("", "optimizer", "unknown optimizer '" + optimizer
                    + "' (known: sgd, adagrad, rmsprop, adam)");
        };
        LearningRateSchedule sched = switch (schedule) {
            case "constant" -> LearningRateSchedule.constant();
            case "step" -> LearningRateSchedule.stepDecay(scheduleFactor, scheduleSteps);
            default -> throw new PropertyException("", "schedule", "unknown schedule '" + schedule
                    + "' (known: constant, step)");
        };
        Optional<EarlyStopping> es = earlyStoppingMonitor.equals("none") ? Optional.empty()
                : Optional.of(new EarlyStopping(EarlyStopping.Monitor.fromConfigName(earlyStoppingMonitor),
                earlyStoppingPatience, earlyStoppingMinDelta, restoreBestWeights));
        return new TrainingRecipe(opt, sched, Loss.fromConfigName(loss, focalGamma, focalAlpha), batchSize, epochs,
                validationSplit, es);
    }

    /** The online augmentation applied to the training images each epoch (identity by default). */
    public Augmentation augmentation() {
        try {
            return Augmentation.builder().rotation(rotationDegrees).widthShift(widthShift).heightShift(heightShift)
                    .horizontalFlip(horizontalFlip).build();
        } catch (IllegalArgumentException e) {
            throw new PropertyException(e, "", "rotationDegrees", e.getMessage());
        }
    }

    /** How examples hold their images. */
    public ImageLayout imageLayout() {
        return new ImageLayout(imageHeight, imageWidth, imageChannels);
    }

    /** The seed this trainer was configured with. */
    public long seed() {
        return seed;
    }

    /**
     * The network this trainer builds for a number of classes: the zoo entry rebuilt for the image
     * layout and class count, or the given architecture checked against them.
     */
    public Architecture architectureFor(int classes) {
        ImageLayout layout = imageLayout();
        Architecture a;
        if (!model.isEmpty()) {
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
        ImageTensors tensors = new ImageTensors(imageLayout(), pixelScale, pixelOffset);
        long convertStart = System.nanoTime();
        Images images = tensors.images(data);
        int[] labelIds = ImageTensors.labelIds(data, outputs);
        LOG.fine(() -> String.format("converted %d examples to %s tensors in %.2f s", data.size(), imageLayout(),
                (System.nanoTime() - convertStart) / 1e9));

        int validationCount = (int) Math.floor(data.size() * recipe.validationSplit());
        int trainCount = data.size() - validationCount;
        if (recipe.validationSplit() > 0 && (validationCount == 0 || trainCount == 0)) {
            throw new IllegalArgumentException("validation split " + recipe.validationSplit() + " of " + data.size()
                    + " examples leaves " + trainCount + " for training and " + validationCount + " for validation");
        }
        Targets targets = sigmoidBinary ? binaryTargets(labelIds) : Targets.classes(labelIds, outputs.size());
        Images trainImages = validationCount == 0 ? images : images.range(0, trainCount);
        Targets trainTargets = validationCount == 0 ? targets : targets.range(0, trainCount);

        FitOptions fit = new FitOptions(recipe.epochs(), recipe.batchSize(), runSeed, shuffle, Optional.empty(),
                EpochListener.NONE);
        if (validationCount > 0) {
            fit = fit.withValidation(images.range(trainCount, data.size()), targets.range(trainCount, data.size()));
        }
        TrainingConfig config = TrainingConfig.of(recipe).withSeed(runSeed).withThreads(intraOpThreads, interOpThreads);
        Weights start = startingWeights(architecture);
        EarlyStopper stopper = new EarlyStopper(recipe.earlyStopping());
        TrainingHistory history;
        Weights trained;
        TrainingMonitor watch = monitor == null ? TrainingMonitor.NONE : monitor;
        fit = fit.withBatchListener(watch::batchFinished);
        watch.trainingStarted(architecture.name(), recipe.epochs(), (trainCount + recipe.batchSize() - 1)
                / recipe.batchSize());
        LOG.info(() -> String.format("training %s (%,d parameters) on %,d examples (%,d for validation), %s",
                architecture.name(), architecture.parameterCount(), trainCount, validationCount,
                org.tribuozoo.zoo.ZooCatalog.describe(recipe)));
        try (CompiledNetwork network = start == null ? CompiledNetwork.compile(architecture, config)
                : CompiledNetwork.compile(architecture, config, start)) {
            Augmentation augmentation = augmentation();
            if (augmentation.isIdentity()) {
                history = network.fit(trainImages, trainTargets, fit.withListener((result, net) -> {
                    watch.epochFinished(result);
                    LOG.info(result::toString);
                    return stopper.onEpochEnd(result, net);
                }));
            } else {
                history = fitAugmented(network, augmentation, trainImages, trainTargets, fit, stopper, runSeed, watch);
            }
            if (stopper.restoreBest() && stopper.bestEpoch != history.last().epoch()) {
                network.setWeights(stopper.best);
                LOG.info(() -> "restored the weights of epoch " + stopper.bestEpoch);
            }
            trained = network.weights();
        } finally {
            watch.trainingFinished();
        }
        ModelProvenance provenance = new ModelProvenance(ZooModel.class.getName(), OffsetDateTime.now(),
                dataset.getProvenance(), trainerProvenance, runProvenance);
        ImmutableFeatureMap features = dataset.getFeatureIDMap();
        return new ZooModel("zoo:" + architecture.name(), provenance, features, outputs, architecture, trained,
                imageLayout(), pixelScale, pixelOffset, history);
    }

    /**
     * Trains one epoch at a time on freshly augmented copies of the training images, each epoch's
     * transforms drawn from a stream split off the run's seed.
     */
    private TrainingHistory fitAugmented(CompiledNetwork network, Augmentation augmentation, Images images,
                                         Targets targets, FitOptions fit, EarlyStopper stopper, long runSeed,
                                         TrainingMonitor watch) {
        ImageLayout layout = imageLayout();
        java.util.SplittableRandom streams = new java.util.SplittableRandom(runSeed ^ 0x5DEECE66DL);
        List<EpochResult> epochsDone = new ArrayList<>();
        boolean stop = false;
        for (int epoch = 1; epoch <= fit.epochs() && !stop; epoch++) {
            Images augmented = Images.of(augmentation.apply(images.values(), layout, streams.split()), images.count(),
                    imageHeight, imageWidth, imageChannels);
            int number = epoch;
            boolean[] goOn = {true};
            FitOptions one = new FitOptions(1, fit.batchSize(), fit.seed() + epoch, fit.shuffle(), fit.validation(),
                    (r, net) -> {
                        EpochResult renumbered = new EpochResult(number, r.loss(), r.accuracy(), r.validationLoss(),
                                r.validationAccuracy(), r.learningRate(), r.seconds(), r.examples());
                        watch.epochFinished(renumbered);
                        LOG.info(renumbered::toString);
                        epochsDone.add(renumbered);
                        goOn[0] = stopper.onEpochEnd(renumbered, net);
                        return goOn[0];
                    }, (e, b, n, loss, acc) -> watch.batchFinished(number, b, n, loss, acc));
            network.fit(augmented, targets, one);
            stop = !goOn[0] && epoch < fit.epochs();
        }
        return new TrainingHistory(epochsDone, stop);
    }

    private static Targets binaryTargets(int[] labelIds) {
        float[] v = new float[labelIds.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = labelIds[i];
        }
        return Targets.of(v, 1);
    }

    /** The weights training starts from: those of the initial model that fit the network, or none. */
    private Weights startingWeights(Architecture architecture) {
        Weights given = initialWeights;
        if (given == null && !initialWeightsDigest.isEmpty()) {
            throw new IllegalArgumentException("this trainer started from weights given in code (SHA-256 "
                    + initialWeightsDigest + "), which a configuration or provenance cannot carry; save that model "
                    + "and start from its file with startFrom(Path) to make the run reproducible");
        }
        if (given == null && !initialModel.isEmpty()) {
            given = ZooModel.load(java.nio.file.Path.of(initialModel)).weights();
        }
        if (given == null) {
            return null;
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
        return fitting.build();
    }

    /**
     * Changes who watches training (nobody by default, also for a trainer built from a configuration
     * file). Watching is not configuration: it enters no provenance.
     */
    public synchronized void setMonitor(TrainingMonitor m) {
        this.monitor = java.util.Objects.requireNonNull(m, "monitor");
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
        return "ZooTrainer(" + (model.isEmpty() ? "architecture JSON" : model) + ", "
                + org.tribuozoo.zoo.ZooCatalog.describe(trainingRecipe()) + ", seed " + seed + ")";
    }

    /** SHA-256 over every tensor's key, shape and float bits, in key order. */
    static String digest(Weights weights) {
        java.security.MessageDigest md = com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil.HashType.SHA256
                .getDigest();
        for (String key : new java.util.TreeSet<>(weights.keys())) {
            Weights.Tensor t = weights.tensor(key);
            md.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * (t.values().length + t.shape().rank()));
            for (int d : t.shape().toArray()) {
                buf.putInt(d);
            }
            for (float f : t.values()) {
                buf.putInt(Float.floatToRawIntBits(f));
            }
            md.update(buf.array());
        }
        return com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil.bytesToHexString(md.digest());
    }

    /** Keras-style early stopping over the epoch results, remembering the best weights when asked. */
    private static final class EarlyStopper implements EpochListener {
        private final Optional<EarlyStopping> rule;
        private double bestValue = Double.NaN;
        private int bestEpoch;
        private int wait;
        private Weights best;

        EarlyStopper(Optional<EarlyStopping> rule) {
            this.rule = rule;
        }

        @Override
        public boolean onEpochEnd(EpochResult r, CompiledNetwork network) {
            if (rule.isEmpty()) {
                return true;
            }
            EarlyStopping es = rule.get();
            double value = switch (es.monitor()) {
                case LOSS -> r.loss();
                case ACCURACY -> r.accuracy();
                case VAL_LOSS -> r.validationLoss();
                case VAL_ACCURACY -> r.validationAccuracy();
            };
            double sign = es.monitor().higherIsBetter() ? 1 : -1;
            if (Double.isNaN(bestValue) || sign * (value - bestValue) > es.minDelta()) {
                bestValue = value;
                bestEpoch = r.epoch();
                wait = 0;
                if (es.restoreBestWeights()) {
                    best = network.weights();
                }
                return true;
            }
            wait++;
            if (wait > es.patience()) {
                LOG.info(() -> String.format("early stopping after epoch %d: %s has not improved since epoch %d",
                        r.epoch(), es.monitor().configName(), bestEpoch));
                return false;
            }
            return true;
        }

        boolean restoreBest() {
            return best != null && rule.isPresent() && rule.get().restoreBestWeights();
        }
    }

    /** Builds a {@link ZooTrainer} from code; unset settings come from the zoo entry's recipe. */
    public static final class Builder {
        private final ZooTrainer t = new ZooTrainer();

        private Builder() {
        }

        Builder model(String zooName) {
            ModelZoo.get(zooName); // fail fast with suggestions
            t.model = zooName;
            return this;
        }

        Builder architecture(Architecture a) {
            t.architectureJson = a.toJson();
            return this;
        }

        public Builder loss(Loss loss) {
            t.loss = loss.configName();
            if (loss instanceof Loss.Focal f) {
                t.focalGamma = f.gamma();
                t.focalAlpha = f.alpha();
            }
            return this;
        }

        /** The optimizer and every one of its hyper-parameters. */
        public Builder optimizer(Optimizer o) {
            t.optimizer = o.configName();
            t.learningRate = o.learningRate();
            if (o instanceof Optimizer.Sgd s) {
                t.momentum = s.momentum();
                t.nesterov = s.nesterov();
                t.decay = s.decay();
            } else if (o instanceof Optimizer.Adam a) {
                t.beta1 = a.beta1();
                t.beta2 = a.beta2();
                t.epsilon = a.epsilon();
            } else if (o instanceof Optimizer.RmsProp r) {
                t.rho = r.rho();
                t.momentum = r.momentum();
                t.epsilon = r.epsilon();
            } else if (o instanceof Optimizer.AdaGrad g) {
                t.initialAccumulator = g.initialAccumulator();
                t.epsilon = g.epsilon();
            }
            return this;
        }

        public Builder learningRate(double lr) {
            t.learningRate = lr;
            return this;
        }

        public Builder schedule(LearningRateSchedule s) {
            if (s instanceof LearningRateSchedule.StepDecay sd) {
                t.schedule = "step";
                t.scheduleFactor = sd.factor();
                t.scheduleSteps = sd.everySteps();
            } else {
                t.schedule = "constant";
            }
            return this;
        }

        public Builder batchSize(int b) {
            t.batchSize = b;
            return this;
        }

        public Builder epochs(int e) {
            t.epochs = e;
            return this;
        }

        public Builder seed(long s) {
            t.seed = s;
            return this;
        }

        public Builder validationSplit(double v) {
            t.validationSplit = v;
            return this;
        }

        public Builder earlyStopping(EarlyStopping es) {
            t.earlyStoppingMonitor = es.monitor().configName();
            t.earlyStoppingPatience = es.patience();
            t.earlyStoppingMinDelta = es.minDelta();
            t.restoreBestWeights = es.restoreBestWeights();
            return this;
        }

        public Builder noEarlyStopping() {
            t.earlyStoppingMonitor = "none";
            return this;
        }

        public Builder shuffle(boolean s) {
            t.shuffle = s;
            return this;
        }

        public Builder threads(int intra, int inter) {
            t.intraOpThreads = intra;
            t.interOpThreads = inter;
            return this;
        }

        /** The images' layout when it is not the network's input (a zoo network rebuilt for other images). */
        public Builder imageLayout(ImageLayout layout) {
            t.imageHeight = layout.height();
            t.imageWidth = layout.width();
            t.imageChannels = layout.channels();
            return this;
        }

        /** {@code value * scale + offset}; 1/255 and 0 by default. */
        public Builder pixelScaling(double scale, double offset) {
            t.pixelScale = scale;
            t.pixelOffset = offset;
            return this;
        }

        /** Online augmentation of the training images, drawn anew each epoch from the seed. */
        public Builder augmentation(Augmentation a) {
            t.rotationDegrees = a.rotation();
            t.widthShift = a.widthShift();
            t.heightShift = a.heightShift();
            t.horizontalFlip = a.horizontalFlip();
            return this;
        }

        /** Who watches training (a progress display, for example): {@link TrainingMonitor#NONE} by default. */
        public Builder monitor(TrainingMonitor m) {
            t.monitor = java.util.Objects.requireNonNull(m, "monitor");
            return this;
        }

        /** Layers not to train. */
        public Builder freeze(String... layers) {
            t.frozenLayers = new ArrayList<>(List.of(layers));
            return this;
        }

        /** Layers that start from their initialisers even when the initial model has them (a new head). */
        public Builder reinitialize(String... layers) {
            t.reinitializedLayers = new ArrayList<>(List.of(layers));
            return this;
        }

        /** Starts from a trained model's weights (parameters of another shape start fresh). */
        public Builder startFrom(ZooModel trained) {
            t.initialWeights = trained.weights();
            t.initialWeightsDigest = digest(t.initialWeights);
            t.initialModel = "";
            return this;
        }

        /** Starts from the weights in a model file (recorded in provenance, so the run can be rebuilt). */
        public Builder startFrom(java.nio.file.Path modelFile) {
            t.initialModel = modelFile.toAbsolutePath().toString();
            t.initialWeights = null;
            t.initialWeightsDigest = "";
            return this;
        }

        public ZooTrainer build() {
            try {
                t.resolve();
            } catch (PropertyException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return t;
        }
    }
}
