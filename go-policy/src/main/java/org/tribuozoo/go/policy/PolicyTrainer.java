package org.tribuozoo.go.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Logger;
import java.util.stream.Stream;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.BooleanProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;
import org.tribuozoo.go.GoData;
import org.tribuozoo.go.GoDataException;
import org.tribuozoo.go.data.Batch;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Split;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.graph.ClusterSpec;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.Evaluation;
import org.tribuozoo.graph.FitOptions;
import org.tribuozoo.graph.TrainingData;
import org.tribuozoo.graph.TrainingListener;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.NumericEnvironment;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.graph.Targets;
import org.tribuozoo.graph.ThreadLimits;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.CheckpointFolder;
import org.tribuozoo.tribuo.ClusterProvenance;
import org.tribuozoo.tribuo.NumericProvenance;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooEntry;

/**
 * Trains the zoo's {@code alphago-policy-K} network on a converted shard folder without ever
 * holding more than one chunk of positions in memory: positions stream out of the train split
 * (a random board symmetry each, shuffled through a buffer) in chunks of {@link #chunkPositions}
 * into the project's one training loop ({@link CompiledNetwork#fit} over a streaming
 * {@link TrainingData}). Training is bounded by
 * {@link #epochs}, {@link #maxPositions} and {@link #maxMinutes}, whichever comes first; after each
 * epoch (and after a stop mid-epoch) the whole validation split is scored. Finally the test split
 * is scored ({@link MovePredictionEvaluator}) next to the two baselines, and the network becomes a
 * {@link ZooModel} whose labels are Go coordinates.
 *
 * <p>The hyper-parameters are OLCUT {@code @Config} fields, so the model's provenance records every
 * one of them ({@link PolicyTrainerProvenance}); the data folder is recorded as a
 * {@link ShardFolderProvenance}.
 */
public final class PolicyTrainer implements Configurable, Provenancable<TrainerProvenance> {

    private static final Logger LOG = Logger.getLogger(PolicyTrainer.class.getName());
    /** Positions per prediction call when scoring validation and test positions. */
    private static final int EVALUATION_CHUNK = 1024;

    @Config(description = "Filters per hidden convolution: trains alphago-policy-K.")
    private int filters = 192;

    @Config(description = "Passes over the train split.")
    private int epochs = 1;

    @Config(description = "Positions per optimizer step (the reference recipe: 16).")
    private int batchSize = 16;

    @Config(description = "SGD learning rate (the reference recipe: 0.003).")
    private double learningRate = 0.003;

    @Config(description = "SGD momentum (the reference recipe: 0, plain SGD).")
    private double momentum = 0.0;

    @Config(description = "Stop training after this many minutes (0: no limit); checked before each chunk.")
    private double maxMinutes = 0;

    @Config(description = "Stop training after this many positions (0: no limit).")
    private long maxPositions = 0;

    @Config(description = "Seeds the first weights, the symmetries, the shuffling and each chunk's batch order.")
    private long seed = 1;

    @Config(description = "Positions streamed into one fit call (rounded up to a multiple of the batch size).")
    private int chunkPositions = 4096;

    @Config(description = "Positions held in the reader's shuffle buffer.")
    private int shuffleBuffer = 50_000;

    @Config(description = "Native threads per op and side by side (0: every available core).")
    private int threads = 0;

    @Config(description = "Input planes: the first N of the 48 (4: AlphaGo's stone colour + ones ablation).")
    private int planes = FeaturePlanes.COUNT;

    @Config(description = "Also score the test split averaged over the 8 board symmetries.")
    private boolean testSymmetries = true;

    /** For OLCUT. */
    private PolicyTrainer() {
    }

    /**
     * A trainer with the reference recipe's optimizer (SGD, learning rate 0.003, batch 16) and the
     * given network width, bounds and seed.
     */
    public static Builder builder(int filters) {
        return new Builder(filters);
    }

    @Override
    public void postConfig() {
        check(filters > 0, "filters", "must be positive, got " + filters);
        check(epochs > 0, "epochs", "must be positive, got " + epochs);
        check(batchSize > 0, "batchSize", "must be positive, got " + batchSize);
        check(learningRate > 0 && Double.isFinite(learningRate), "learningRate",
                "must be positive, got " + learningRate);
        check(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got " + momentum);
        check(maxMinutes >= 0, "maxMinutes", "must not be negative, got " + maxMinutes);
        check(maxPositions >= 0, "maxPositions", "must not be negative, got " + maxPositions);
        check(chunkPositions > 0, "chunkPositions", "must be positive, got " + chunkPositions);
        check(shuffleBuffer >= 0, "shuffleBuffer", "must not be negative, got " + shuffleBuffer);
        check(threads >= 0, "threads", "must not be negative, got " + threads);
        check(planes >= 1 && planes <= FeaturePlanes.COUNT, "planes",
                "must be in 1.." + FeaturePlanes.COUNT + ", got " + planes);
        if (threads > 0) {
            ThreadLimits.problem(threads).ifPresent(problem -> check(false, "threads", problem));
        }
    }

    private void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new PropertyException("", field, field + " " + message);
        }
    }

    /** The zoo name of the network trained: {@code alphago-policy-K}. */
    public String networkName() {
        return "alphago-policy-" + filters;
    }

    public int filters() {
        return filters;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The planes the network reads: the first {@code planes} of the 48. */
    public InputPlanes inputPlanes() {
        return new InputPlanes(planes);
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new PolicyTrainerProvenance(this);
    }

    /**
     * Trains, validates and tests on a converted folder.
     *
     * @param data     a folder written by {@code GoData.convert} (train, validation and test shards)
     * @param listener progress display (per optimizer step and per epoch)
     * @throws GoDataException when the folder is not a converted folder or lacks a split
     */
    public PolicyTrainingResult train(Path data, TrainingListener listener) {
        return train(data, listener, null);
    }

    /**
     * Trains, validates and tests on a converted folder, with a checkpoint after every epoch (and
     * between chunks, at the folder's {@linkplain CheckpointFolder#every interval}): when the folder
     * holds a checkpoint of this run (the same configuration and data), training continues from it and
     * ends as the uninterrupted run would have, bit for bit (with the same thread count).
     *
     * @param data        a folder written by {@code GoData.convert} (train, validation and test shards)
     * @param listener    progress display (per optimizer step and per epoch)
     * @param checkpoints where checkpoints are kept; null for none
     * @throws GoDataException          when the folder is not a converted folder or lacks a split
     * @throws IllegalArgumentException when the checkpoint folder holds a checkpoint of another run
     */
    public PolicyTrainingResult train(Path data, TrainingListener listener, CheckpointFolder checkpoints) {
        return train(data, listener, checkpoints, null);
    }

    /**
     * Trains, validates and tests on a converted folder as {@link #train(Path, TrainingListener,
     * CheckpointFolder)} does, on a cluster by synchronous data parallelism: each of its workers takes
     * {@link #batchSize} positions of every step, so a step trains {@code workers x batchSize} positions
     * (the step one process takes with that batch). This process is the chief: it streams the shards,
     * hands each worker its slice of every batch, and writes the checkpoints. The model's run
     * provenance records the cluster's shape ({@link ClusterProvenance}).
     *
     * @param cluster the cluster, every task's server running; null trains in this process
     * @throws org.tribuozoo.graph.ClusterFailureException when a task of the cluster fails
     */
    public PolicyTrainingResult train(Path data, TrainingListener listener, CheckpointFolder checkpoints,
                                      ClusterSpec cluster) {
        ZooEntry entry = ModelZoo.get(networkName());
        InputPlanes inputs = new InputPlanes(planes);
        Architecture architecture = entry.architecture(inputs.layout().shape(), BoardLabels.POINTS);
        ShardFolderProvenance source = ShardFolderProvenance.of(data);
        TrainingConfig config = trainingConfig(entry.recipe());
        int stepBatch = cluster == null ? batchSize : Math.multiplyExact(batchSize, cluster.workerCount());
        int chunk = Math.max(stepBatch, (chunkPositions + stepBatch - 1) / stepBatch * stepBatch);

        // Counted before training from the unaugmented split: the target of the second baseline.
        TargetCounts counts = TargetCounts.of(data, Split.TRAIN);
        long trainSize = counts.total();
        if (trainSize == 0) {
            throw new GoDataException("no training positions in " + data);
        }
        LOG.info(() -> String.format(Locale.ROOT, "training %s (%,d parameters) on %,d positions of %s: "
                        + "%d planes, batch %d%s, SGD lr %s momentum %s, chunks of %,d, at most %d epoch(s)%s%s",
                networkName(), architecture.parameterCount(), trainSize, data, planes, stepBatch, cluster == null ? ""
                        : " (" + batchSize + " on each of " + cluster + ")", learningRate, momentum, chunk, epochs,
                maxMinutes > 0 ? String.format(Locale.ROOT, ", %.1f min", maxMinutes) : "",
                maxPositions > 0 ? String.format(Locale.ROOT, ", %,d positions", maxPositions) : ""));

        FitOptions options = FitOptions.of(epochs, stepBatch)
                .withValidation(network -> evaluate(network, inputs, data, Split.VALIDATION))
                .withListener(listener);
        if (maxPositions > 0) {
            options = options.withMaxExamples(maxPositions);
        }
        if (maxMinutes > 0) {
            options = options.withMaxTime(Duration.ofNanos((long) (maxMinutes * 60e9)));
        }
        long started = System.nanoTime();
        TrainingHistory history;
        MovePredictionResult test;
        MovePredictionResult testAveraged = null;
        Weights weights;
        NumericEnvironment environment;
        try (CompiledNetwork network = cluster == null ? CompiledNetwork.compile(architecture, config)
                : CompiledNetwork.compileDistributed(architecture, config, Weights.empty(), cluster);
             PositionReader train = GoData.reader(data, Split.TRAIN,
                     PositionReader.Options.training(shuffleBuffer, seed))) {
            StreamedPositions positions = new StreamedPositions(train, inputs, chunk, trainSize);
            history = checkpoints == null ? network.fit(positions, options)
                    : checkpoints.fit(network, positions, options, runKey(data, trainSize, cluster));
            if (history.epochs().isEmpty()) {
                throw new GoDataException("no training positions in " + data);
            }
            BiFunction<float[], Integer, float[]> policy = inputs.feeding(network::predict);
            if (testSymmetries) {
                LOG.info("scoring the test split, alone and averaged over the 8 symmetries");
                MovePredictionEvaluator.WithSymmetries both = MovePredictionEvaluator.evaluateWithSymmetries(policy,
                        data, Split.TEST, 0, counts.mostFrequent());
                test = both.single();
                testAveraged = both.averaged();
            } else {
                test = MovePredictionEvaluator.evaluate(policy, data, Split.TEST, 0, counts.mostFrequent());
            }
            weights = network.weights();
            environment = network.numericEnvironment();
        }
        long trainedPositions = history.epochs().stream().mapToLong(EpochResult::examples).sum();
        double trainingSeconds = history.epochs().stream().mapToDouble(EpochResult::seconds).sum();
        boolean stoppedEarly = history.stoppedEarly();
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        ModelProvenance provenance = new ModelProvenance(ZooModel.class.getName(), OffsetDateTime.now(),
                new ShardDatasetProvenance(source, trainSize), getProvenance(),
                runProvenance(data, trainedPositions, stoppedEarly, trainingSeconds, environment,
                        cluster));
        ZooModel model = ZooModel.ofTrainedNetwork(networkName(), provenance, BoardLabels.featureMap(inputs.layout()),
                BoardLabels.outputInfo(), BoardLabels.unitLabels(), architecture, weights, inputs.layout(), 1.0,
                0.0, history);
        return new PolicyTrainingResult(model, test, Optional.ofNullable(testAveraged), history, trainedPositions,
                trainingSeconds,
                totalSeconds, stoppedEarly);
    }

    /**
     * What decides a run bit for bit, for its checkpoints: every setting (the thread count included),
     * the data folder and its train shards' names and sizes.
     */
    private String runKey(Path data, long trainSize, ClusterSpec cluster) {
        CheckpointFolder.RunKey key = new CheckpointFolder.RunKey().add(toString())
                .add(data.toAbsolutePath().normalize().toString()).add("train positions " + trainSize);
        if (cluster != null) {
            // The global batch decides the run; the cluster's addresses do not (a run may resume elsewhere).
            key.add("workers " + cluster.workerCount());
        }
        try (Stream<Path> files = Files.list(data)) {
            for (Path shard : files.filter(p -> p.getFileName().toString().startsWith(Split.TRAIN.fileName() + "-"))
                    .sorted().toList()) {
                key.add(shard.getFileName() + " " + Files.size(shard));
            }
        } catch (IOException e) {
            throw new GoDataException("cannot list " + data + ": " + e.getMessage(), e);
        }
        return key.digest();
    }

    private TrainingConfig trainingConfig(TrainingRecipe recipe) {
        // The recipe's loss and schedule (halve every 80M steps); the optimizer as configured.
        TrainingConfig config = TrainingConfig.of(recipe)
                .withOptimizer(Optimizer.sgd().withLearningRate(learningRate).withMomentum(momentum))
                .withSeed(seed);
        // The cores side by side; inside ops and replicas as Parallelism chooses.
        return threads > 0 ? config.withThreads(Parallelism.AUTOMATIC, threads) : config;
    }

    /**
     * The train split streamed in chunks: each epoch one pass of the reader (a random symmetry per
     * position, shuffled through its buffer), each chunk's positions in an order drawn from the seed
     * and the chunk's number, which also keys the chunk's dropout masks. A resumed run moves the
     * reader to its epoch and chunk by replaying the draws of what it skips (whole epochs without
     * reading them, positions of the current epoch without decoding them).
     */
    private final class StreamedPositions implements TrainingData {
        private final PositionReader reader;
        private final InputPlanes inputs;
        private final Batch batch;
        private final long size;
        private final int chunksPerEpoch;
        /** The epoch the reader is in; 0 before the first. */
        private int readerEpoch;
        private int chunkIndex;

        StreamedPositions(PositionReader reader, InputPlanes inputs, int chunk, long size) {
            this.reader = reader;
            this.inputs = inputs;
            this.batch = reader.newBatch(chunk);
            this.size = size;
            this.chunksPerEpoch = Math.toIntExact((reader.size() + chunk - 1) / chunk);
        }

        @Override
        public long examplesPerEpoch() {
            return size;
        }

        @Override
        public Iterator<Chunk> epoch(int epoch) {
            return epochFrom(epoch, 0);
        }

        @Override
        public Iterator<Chunk> epochFrom(int epoch, int chunksDone) {
            if (readerEpoch > 0) {
                reader.reset();
            }
            if (epoch > readerEpoch + 1) {
                reader.skipEpochs(epoch - readerEpoch - 1);
                chunkIndex += (epoch - readerEpoch - 1) * chunksPerEpoch;
            }
            readerEpoch = epoch;
            if (chunksDone > 0) {
                reader.skip((long) chunksDone * batch.capacity());
                chunkIndex += chunksDone;
            }
            return new Iterator<>() {
                private Chunk next;

                @Override
                public boolean hasNext() {
                    if (next == null) {
                        int n = reader.next(batch);
                        if (n > 0) {
                            next = chunk(n);
                        }
                    }
                    return next != null;
                }

                @Override
                public Chunk next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Chunk c = next;
                    next = null;
                    return c;
                }
            };
        }

        private Chunk chunk(int n) {
            Images images = Images.of(inputs.select(batch.inputs, n), n, BoardLabels.SIZE, BoardLabels.SIZE,
                    inputs.count());
            Targets targets = Targets.classes(Arrays.copyOf(batch.targets, n), BoardLabels.POINTS);
            return Chunk.of(images, targets, seed + chunkIndex++, true);
        }
    }

    /** Loss and accuracy of a whole split, chunk by chunk. */
    private static Evaluation evaluate(CompiledNetwork network, InputPlanes inputs, Path data, Split split) {
        double lossSum = 0;
        double correct = 0;
        int count = 0;
        try (PositionReader reader = GoData.reader(data, split, PositionReader.Options.sequential())) {
            Batch batch = reader.newBatch(EVALUATION_CHUNK);
            for (int n = reader.next(batch); n > 0; n = reader.next(batch)) {
                Evaluation e = network.evaluate(Images.of(inputs.select(batch.inputs, n), n, BoardLabels.SIZE,
                                BoardLabels.SIZE, inputs.count()),
                        Targets.classes(Arrays.copyOf(batch.targets, n), BoardLabels.POINTS));
                lossSum += e.loss() * n;
                correct += e.accuracy() * n;
                count += n;
            }
        }
        return new Evaluation(count == 0 ? Double.NaN : lossSum / count, count == 0 ? Double.NaN : correct / count,
                count);
    }

    /**
     * What happened in this run, beyond the configuration: the data folder, how far training got and
     * the numeric environment it ran in.
     */
    private Map<String, Provenance> runProvenance(Path data, long trainedPositions, boolean stoppedEarly,
                                                  double trainingSeconds, NumericEnvironment environment,
                                                  ClusterSpec cluster) {
        Map<String, Provenance> run = new LinkedHashMap<>();
        run.put("network", new StringProvenance("network", networkName()));
        run.put("data-folder", new StringProvenance("data-folder", data.toAbsolutePath().normalize().toString()));
        run.put("positions-trained", new LongProvenance("positions-trained", trainedPositions));
        run.put("stopped-at-limit", new BooleanProvenance("stopped-at-limit", stoppedEarly));
        run.put("training-seconds", new DoubleProvenance("training-seconds", trainingSeconds));
        run.put("threads", new IntProvenance("threads", threads > 0 ? threads
                : Runtime.getRuntime().availableProcessors()));
        run.putAll(NumericProvenance.entries(environment));
        if (cluster != null) {
            run.putAll(ClusterProvenance.entries(cluster, batchSize));
        }
        return run;
    }

    @Override
    public String toString() {
        return "PolicyTrainer(" + networkName() + ", epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate="
                + learningRate + ", momentum=" + momentum + ", maxMinutes=" + maxMinutes + ", maxPositions="
                + maxPositions + ", seed=" + seed + ", chunkPositions=" + chunkPositions + ", shuffleBuffer="
                + shuffleBuffer + ", threads=" + threads
                // Named only when set, so the checkpoints of runs started before these settings existed still match.
                + (planes != FeaturePlanes.COUNT ? ", planes=" + planes : "")
                + (testSymmetries ? "" : ", testSymmetries=false") + ")";
    }

    /** Builds a {@link PolicyTrainer}; the defaults are the reference recipe's. */
    public static final class Builder {
        private final PolicyTrainer t = new PolicyTrainer();

        private Builder(int filters) {
            t.filters = filters;
        }

        public Builder epochs(int epochs) {
            t.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            t.batchSize = batchSize;
            return this;
        }

        public Builder learningRate(double learningRate) {
            t.learningRate = learningRate;
            return this;
        }

        public Builder momentum(double momentum) {
            t.momentum = momentum;
            return this;
        }

        public Builder maxMinutes(double maxMinutes) {
            t.maxMinutes = maxMinutes;
            return this;
        }

        public Builder maxPositions(long maxPositions) {
            t.maxPositions = maxPositions;
            return this;
        }

        public Builder seed(long seed) {
            t.seed = seed;
            return this;
        }

        public Builder chunkPositions(int chunkPositions) {
            t.chunkPositions = chunkPositions;
            return this;
        }

        public Builder shuffleBuffer(int shuffleBuffer) {
            t.shuffleBuffer = shuffleBuffer;
            return this;
        }

        public Builder threads(int threads) {
            t.threads = threads;
            return this;
        }

        /** Trains on the first {@code planes} of the 48 feature planes (default 48; 4 = stone colour + ones). */
        public Builder planes(int planes) {
            t.planes = planes;
            return this;
        }

        /** Whether the test split is also scored averaged over the 8 board symmetries (default true). */
        public Builder testSymmetries(boolean testSymmetries) {
            t.testSymmetries = testSymmetries;
            return this;
        }

        /**
         * @throws PropertyException naming a bad setting (the CLI reports it as bad input)
         */
        public PolicyTrainer build() {
            t.postConfig();
            PolicyTrainer copy = new PolicyTrainer();
            copy.filters = t.filters;
            copy.epochs = t.epochs;
            copy.batchSize = t.batchSize;
            copy.learningRate = t.learningRate;
            copy.momentum = t.momentum;
            copy.maxMinutes = t.maxMinutes;
            copy.maxPositions = t.maxPositions;
            copy.seed = t.seed;
            copy.chunkPositions = t.chunkPositions;
            copy.shuffleBuffer = t.shuffleBuffer;
            copy.threads = t.threads;
            copy.planes = t.planes;
            copy.testSymmetries = t.testSymmetries;
            return copy;
        }
    }
}
