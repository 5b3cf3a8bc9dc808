package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;

/**
 * An architecture compiled into a TensorFlow graph with a live session: train it, predict with it,
 * read and write its weights. Not thread-safe, except that {@link #predict} may run from several
 * threads at once; close it to free the native graph and session.
 *
 * <pre>{@code
 * try (CompiledNetwork net = CompiledNetwork.compile(lenet5,
 *         TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.adam()).withSeed(42))) {
 *     net.fit(TrainingData.inMemory(trainImages, Targets.classes(trainLabels, 10), 42, true),
 *             FitOptions.of(30, 128));
 *     float[] probabilities = net.predict(testImages);
 * }
 * }</pre>
 *
 * <p>Bit-reproducible on CPU: the same architecture, data, seeds and thread counts give the same
 * weights in every process (first weights are drawn in Java, batches are shuffled in Java, dropout
 * masks come from a stateless generator keyed by seed and step, and every update is ordered after
 * every gradient).
 */
public final class CompiledNetwork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompiledNetwork.class.getName());
    /** Examples per session call when evaluating or predicting. */
    private static final int INFERENCE_BATCH = 256;
    /**
     * How long a distributed session call may wait for the cluster: a machine that vanished without
     * closing its connections fails the step after this instead of hanging it.
     */
    static final long CLUSTER_TIMEOUT_MS = 10 * 60 * 1000;

    static {
        // Before any TensorFlow class loads the native library.
        NativeRuntime.prepare();
    }

    private final Architecture architecture;
    private final TrainingConfig config;
    private final TrainingGraph graph;
    private final Session session;
    /** Where the network trains; null for this process. */
    private final ClusterSpec cluster;
    private final Parallelism parallelism;
    private double baseLearningRate;
    private float currentRate = Float.NaN;
    private long steps;
    private boolean closed;

    /**
     * @param config null compiles the prediction path alone
     */
    private CompiledNetwork(Architecture architecture, TrainingConfig config, Parallelism wanted, boolean explicitIntra,
                            Weights initial, InferenceOutputs outputs, ClusterSpec cluster) {
        this.architecture = architecture;
        this.config = config;
        this.cluster = cluster;
        this.baseLearningRate = config == null ? Double.NaN : config.optimizer().learningRate();
        if (cluster == null) {
            // The process-wide intra-op pool is started by the first session only; each session starts its inter-op pool.
            ThreadLimits.checkCanStart(wanted.interOpThreads()
                    + (NativeRuntime.intraOpThreadsInEffect() == 0 ? wanted.intraOpThreads() : 0));
            int intra = NativeRuntime.claimIntraOpThreads(wanted.intraOpThreads(),
                    explicitIntra || wanted.intraOpThreads() > NativeRuntime.intraOpThreadsInEffect());
            this.parallelism = new Parallelism(intra, wanted.interOpThreads(), wanted.replicas());
        } else {
            this.parallelism = wanted;
        }
        this.graph = new TrainingGraph(architecture, config, outputs, parallelism.replicas(), cluster);
        Session s = null;
        try {
            s = cluster == null ? new Session(graph.graph, sessionConfig(parallelism))
                    : RemoteSessions.open(graph.graph, cluster.target(), ConfigProto.newBuilder()
                            .setOperationTimeoutInMs(CLUSTER_TIMEOUT_MS)
                            // Fresh variables on the cluster's servers for this session, freed when it closes.
                            .setIsolateSessionState(true)
                            .build());
            this.session = s;
            if (config != null) {
                resetOptimizer();
            }
            setWeights(initial);
        } catch (TensorFlowException e) {
            if (s != null) {
                s.close();
            }
            graph.graph.close();
            throw cluster == null ? e : failure(cluster, "could not start training on", e);
        } catch (RuntimeException | Error e) {
            if (s != null) {
                s.close();
            }
            graph.graph.close();
            throw e;
        }
    }

    /**
     * Compiles a network whose first weights are drawn from its initialisers with the config's seed.
     *
     * @param architecture the layers to compile
     * @param config       the loss, optimizer, schedule, seed and thread counts
     * @return a trainable network with an open session; the caller closes it
     * @throws NullPointerException     if either argument is null
     * @throws IllegalArgumentException if the user's thread limit cannot start the session's threads
     */
    public static CompiledNetwork compile(Architecture architecture, TrainingConfig config) {
        return compile(architecture, config, Weights.empty());
    }

    /**
     * Compiles a network starting from given weights; parameters missing from {@code initial} are drawn
     * from their initialisers (a new head on a pretrained body, for instance).
     *
     * @param architecture the layers to compile
     * @param config       the loss, optimizer, schedule, seed and thread counts
     * @param initial      values for some or all parameters, keyed {@code layer/param}; empty for none
     * @return a trainable network with an open session; the caller closes it
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a key of {@code initial} names no parameter, or a shape differs
     */
    public static CompiledNetwork compile(Architecture architecture, TrainingConfig config, Weights initial) {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(initial, "initial");
        Parallelism wanted = Parallelism.resolve(config.intraOpThreads(), config.interOpThreads(), config.replicas(),
                Parallelism.trainsBatchStatistics(architecture), 0);
        return new CompiledNetwork(architecture, config, wanted, config.intraOpThreads() != Parallelism.AUTOMATIC,
                startWeights(architecture, config, initial), InferenceOutputs.PROBABILITIES, null);
    }

    /** {@code initial}'s values, checked, and the other parameters drawn from their initialisers with the config's seed. */
    private static Weights startWeights(Architecture architecture, TrainingConfig config, Weights initial) {
        checkWeights(architecture, initial);
        Weights.Builder start = Weights.builder();
        for (Parameter p : architecture.parameters()) {
            start.put(p.key(), initial.contains(p.key()) ? initial.tensor(p.key())
                    : new Weights.Tensor(p.shape(), Initializers.sample(p, config.seed())));
        }
        return start.build();
    }

    /**
     * Compiles a network that trains on a cluster by synchronous data parallelism: its variables on the
     * cluster's {@code ps} tasks, one replica of the training step on each worker, each on its slice
     * of every batch (the {@link FitOptions#batchSize() batch size} is the global batch: a worker
     * takes {@code batchSize / workers} examples of it), and one update of the summed gradients per
     * step, so that the step is the one this network would take in one process with the same batch
     * (up to the order of floating-point sums). The session is the chief's: it connects to worker 0,
     * the cluster's master; every task's server must be running. Predictions and evaluations run on
     * worker 0. Close the network to free its variables on the cluster.
     *
     * @param architecture the network
     * @param config       the training configuration (optimizer, loss, seed, threads of the chief)
     * @param initial      weights to start from; parameters missing from it are drawn from their initialisers
     * @param cluster      the cluster, every task's server running
     * @return the compiled network, its session connected to the cluster's master
     * @throws IllegalArgumentException   if a key of {@code initial} names no parameter, or a shape differs
     * @throws ClusterFailureException    if the cluster cannot be reached
     */
    public static CompiledNetwork compileDistributed(Architecture architecture, TrainingConfig config,
                                                     Weights initial, ClusterSpec cluster) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(initial, "initial");
        // The chief's own threads; the replicas are the cluster's workers.
        Parallelism chief = Parallelism.resolve(config.intraOpThreads(), config.interOpThreads(), 1, true, 0);
        return new CompiledNetwork(architecture, config, chief, true, startWeights(architecture, config, initial),
                InferenceOutputs.PROBABILITIES, cluster);
    }

    /**
     * How this network spreads its work over the cores: the thread counts in effect and the replicas
     * each batch is cut into.
     *
     * @return the resolved counts (the chief's threads and one replica for a distributed network)
     */
    public Parallelism parallelism() {
        return parallelism;
    }

    /**
     * What decides this network's last bits besides its architecture, data and seeds, in this process.
     *
     * @return oneDNN, TensorFlow's version, the thread and replica counts in effect, the CPU's instructions
     */
    public NumericEnvironment numericEnvironment() {
        return NumericEnvironment.current(parallelism);
    }

    /** {@return the cluster the network trains on; empty for a network of this process} */
    public Optional<ClusterSpec> cluster() {
        return Optional.ofNullable(cluster);
    }

    private static ClusterFailureException failure(ClusterSpec cluster, String what, TensorFlowException e) {
        return new ClusterFailureException(what + " the training cluster (" + cluster + ", master "
                + cluster.target() + "): " + ClusterFailureException.reason(e), e);
    }

    /**
     * Compiles the prediction path alone, with no loss, optimizer or training step: a trained network
     * that only predicts. A network that ends linearly predicts the softmax of its outputs (the sigmoid
     * for one output); any other ending predicts its outputs as they are.
     *
     * @param architecture   the layers to compile
     * @param weights        every parameter's values
     * @param intraOpThreads threads inside one op (see {@link TrainingConfig#intraOpThreads()}), or
     *                       {@link Parallelism#AUTOMATIC} for 1, each call's examples then cut into one
     *                       slice per inter-op thread, predicted side by side
     * @param interOpThreads ops run side by side
     * @return a network that predicts only ({@link #trainable()} is false); the caller closes it
     * @throws IllegalArgumentException if a parameter is missing from {@code weights}, or a key names no
     *                                  parameter, or a shape differs, or a thread count is outside
     *                                  {@link ThreadLimits}
     */
    public static CompiledNetwork forInference(Architecture architecture, Weights weights, int intraOpThreads,
                                               int interOpThreads) {
        return forInference(architecture, weights, intraOpThreads, interOpThreads, InferenceOutputs.PROBABILITIES);
    }

    /**
     * Compiles the prediction path alone, predicting what {@code outputs} says: probabilities as
     * {@link #forInference(Architecture, Weights, int, int)} does, or the last layer's outputs exactly
     * as computed (a network imported from elsewhere that ends linearly predicts its logits).
     *
     * @param architecture   the layers to compile
     * @param weights        every parameter's values
     * @param intraOpThreads threads inside one op (see {@link TrainingConfig#intraOpThreads()}), or
     *                       {@link Parallelism#AUTOMATIC} for 1, each call's examples then cut into one
     *                       slice per inter-op thread, predicted side by side
     * @param interOpThreads ops run side by side
     * @param outputs        what {@link #predict} returns
     * @return a network that predicts only ({@link #trainable()} is false); the caller closes it
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a parameter is missing from {@code weights}, or a key names no
     *                                  parameter, or a shape differs, or a thread count is outside
     *                                  {@link ThreadLimits}
     */
    public static CompiledNetwork forInference(Architecture architecture, Weights weights, int intraOpThreads,
                                               int interOpThreads, InferenceOutputs outputs) {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(weights, "weights");
        if (intraOpThreads != Parallelism.AUTOMATIC) {
            ThreadLimits.check("intraOpThreads", intraOpThreads);
        }
        ThreadLimits.check("interOpThreads", interOpThreads);
        checkWeights(architecture, weights);
        List<String> missing = architecture.parameters().stream().map(Parameter::key)
                .filter(k -> !weights.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("network '" + architecture.name() + "' has no values for "
                    + String.join(", ", missing));
        }
        Parallelism wanted = Parallelism.resolve(intraOpThreads, interOpThreads, Parallelism.AUTOMATIC, false, 0);
        return new CompiledNetwork(architecture, null, wanted, intraOpThreads != Parallelism.AUTOMATIC, weights,
                outputs, null);
    }

    private static ConfigProto sessionConfig(Parallelism p) {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(p.intraOpThreads())
                .setInterOpParallelismThreads(p.interOpThreads())
                // Each session its own inter-op pool; otherwise the first session's count applies to all.
                // (The intra-op pool is process-wide whatever this says: see NativeRuntime.)
                .setUsePerSessionThreads(true)
                .build();
    }

    /**
     * The architecture this network was compiled from.
     *
     * @return the architecture, with its input and output shapes and parameters
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * What the network trains with.
     *
     * @return the configuration it was compiled with (the learning rate of its optimizer is the first
     *         base rate; {@link #learningRate()} is the current one)
     * @throws IllegalStateException if it was compiled for inference only
     */
    public TrainingConfig config() {
        checkTrainable();
        return config;
    }

    /**
     * Whether the network can be trained.
     *
     * @return false for a network compiled for inference only ({@link #forInference})
     */
    public boolean trainable() {
        return config != null;
    }

    /**
     * Optimizer steps taken since compiling or the last {@link #resetOptimizer()}.
     *
     * @return the step counter (restored by {@link #setOptimizerState}); 0 for an inference-only network
     */
    public long steps() {
        return steps;
    }

    /**
     * The base learning rate (before the schedule and the optimizer's own decay).
     *
     * @return the rate; NaN for a network compiled for inference only
     */
    public double learningRate() {
        return baseLearningRate;
    }

    /**
     * Changes the base learning rate from the next step on, without rebuilding anything.
     *
     * @param rate the new base rate; positive and finite
     * @throws IllegalArgumentException if {@code rate} is not positive and finite
     */
    public void setLearningRate(double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + rate);
        }
        baseLearningRate = rate;
    }

    /**
     * Zeroes the step counter and every optimizer slot (moments, accumulators, velocities).
     *
     * @throws IllegalStateException if the network is closed or was compiled for inference only
     */
    public void resetOptimizer() {
        checkOpen();
        checkTrainable();
        Session.Runner runner = session.runner();
        graph.optimizer.resetOps().forEach(runner::addTarget);
        runner.run().close();
        steps = 0;
        applyRate(config.schedule().rate(baseLearningRate, 0));
    }

    /**
     * Trains on the data, epoch after epoch, as the options say (see {@link FitOptions}).
     *
     * <pre>{@code
     * net.fit(TrainingData.inMemory(images, targets, seed, true),
     *         FitOptions.of(30, 128).withValidation(valImages, valTargets)
     *                 .withEarlyStopping(EarlyStopping.onValidationLoss(3)));
     * }</pre>
     *
     * @param data    the training examples of each epoch, in training order
     * @param options epochs, batch size, validation, early stopping, limits, listener and checkpoints
     * @return one result per finished epoch, and whether training stopped early
     * @throws IllegalArgumentException   if there are no training examples, the examples' shape is not the
     *                                    network's input shape, the targets' width is not its output width,
     *                                    or the options do not fit together ({@link FitOptions#check()})
     * @throws IllegalStateException      if the network is closed or was compiled for inference only
     * @throws TrainingDivergedException  when a batch's loss is NaN or infinite
     */
    public TrainingHistory fit(TrainingData data, FitOptions options) {
        checkFit(data, options);
        return TrainingLoop.run(this, data, options, null);
    }

    private void checkFit(TrainingData data, FitOptions options) {
        checkOpen();
        checkTrainable();
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        if (data.examplesPerEpoch() <= 0) {
            throw new IllegalArgumentException("no training examples");
        }
        options.check();
        options.validation().ifPresent(v -> v.checkFits(this));
    }

    /**
     * Continues a run from a checkpoint that an earlier {@link #fit} (or {@code resume}) with the same
     * network, configuration, data and options handed to its {@link FitOptions#checkpoints() writer},
     * in this process or another: the weights, the optimizer's state, the learning rate, early
     * stopping and the limits are restored, the data replay their order up to the checkpoint's
     * position, and training goes on from there. The result is bit for bit that of the uninterrupted
     * run (with the same intra-op thread count), and the history returned is the whole run's.
     *
     * @param data       a source equal to the one the run started with (a new instance: a source
     *                   replays its order from its seed)
     * @param options    the run's options (checkpoints go on being written where they say)
     * @param checkpoint where the run was
     * @return the whole run's history, the epochs before the checkpoint included
     * @throws IllegalArgumentException if the checkpoint does not fit this network (a missing or
     *                                  reshaped parameter, another optimizer) or lies after the last epoch
     * @throws IllegalStateException    if the network is closed or was compiled for inference only
     */
    public TrainingHistory resume(TrainingData data, FitOptions options, TrainingCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        checkFit(data, options);
        if (checkpoint.epoch() > options.epochs() + 1) {
            throw new IllegalArgumentException("the checkpoint is at epoch " + checkpoint.epoch()
                    + " but the run has " + options.epochs() + " epochs");
        }
        List<String> missing = architecture.parameters().stream().map(Parameter::key)
                .filter(k -> !checkpoint.weights().contains(k)).toList();
        Set<String> slots = graph.optimizer.slots().keySet();
        if (!missing.isEmpty() || !checkpoint.optimizer().slots().keys().equals(slots)) {
            throw new IllegalArgumentException("the checkpoint does not hold the whole state of network '"
                    + architecture.name() + "'" + (missing.isEmpty() ? "" : ": no values for "
                    + String.join(", ", missing)) + (checkpoint.optimizer().slots().keys().equals(slots) ? ""
                    : "; its optimizer slots are " + checkpoint.optimizer().slots().keys() + ", the network's "
                    + slots));
        }
        setWeights(checkpoint.weights());
        setOptimizerState(checkpoint.optimizer());
        setLearningRate(checkpoint.learningRate());
        return TrainingLoop.run(this, data, options, checkpoint);
    }

    /**
     * The optimizer's step counter and every slot variable (Adam's moments, RMSProp's mean square and
     * momentum, AdaGrad's accumulators, SGD's velocities), keyed {@code layer/param/slot}.
     *
     * @return a copy of the optimizer's state as it is now
     * @throws IllegalStateException if the network is closed or was compiled for inference only
     */
    public OptimizerState optimizerState() {
        checkOpen();
        checkTrainable();
        Map<String, OptimizerUpdates.Slot> slots = graph.optimizer.slots();
        Weights.Builder b = Weights.builder();
        if (slots.isEmpty()) {
            // Plain SGD: nothing but the step counter (and a session refuses a run that fetches nothing).
            return new OptimizerState(graph.optimizer.name(), steps, b.build());
        }
        Session.Runner runner = session.runner();
        slots.values().forEach(slot -> runner.fetch(slot.variable()));
        try (Result out = runner.run()) {
            int i = 0;
            for (Map.Entry<String, OptimizerUpdates.Slot> e : slots.entrySet()) {
                Shape shape = shapeOf(e.getValue().variable());
                float[] values = new float[Math.toIntExact(shape.elementCount())];
                ((TFloat32) out.get(i++)).copyTo(DataBuffers.of(values, false, false));
                b.put(e.getKey(), new Weights.Tensor(shape, values));
            }
        }
        return new OptimizerState(graph.optimizer.name(), steps, b.build());
    }

    /**
     * Sets the step counter and the slots present in {@code state} (the others keep their values), so
     * that training continues with the optimizer where it was rather than afresh.
     *
     * @param state a state read by {@link #optimizerState()} from a network of the same architecture and
     *              optimizer
     * @throws IllegalArgumentException if the state is another optimizer's, or a key names no slot of
     *                                  this network, or a shape differs
     * @throws IllegalStateException    if the network is closed or was compiled for inference only
     */
    public void setOptimizerState(OptimizerState state) {
        checkOpen();
        checkTrainable();
        Objects.requireNonNull(state, "state");
        if (!state.optimizer().equals(graph.optimizer.name())) {
            throw new IllegalArgumentException("the optimizer state is " + state.optimizer()
                    + "'s, but network '" + architecture.name() + "' trains with " + graph.optimizer.name());
        }
        Map<String, OptimizerUpdates.Slot> slots = graph.optimizer.slots();
        for (Map.Entry<String, Weights.Tensor> e : state.slots().asMap().entrySet()) {
            OptimizerUpdates.Slot slot = slots.get(e.getKey());
            if (slot == null) {
                throw new IllegalArgumentException("network '" + architecture.name() + "' has no optimizer slot '"
                        + e.getKey() + "' (slots: " + slots.keySet() + ")");
            }
            if (!shapeOf(slot.variable()).equals(e.getValue().shape())) {
                throw new IllegalArgumentException("optimizer slot '" + e.getKey() + "' has shape "
                        + e.getValue().shape() + " but the network's has shape " + shapeOf(slot.variable()));
            }
        }
        Session.Runner runner = session.runner();
        List<Tensor> fed = new ArrayList<>();
        try {
            for (Map.Entry<String, Weights.Tensor> e : state.slots().asMap().entrySet()) {
                OptimizerUpdates.Slot slot = slots.get(e.getKey());
                TFloat32 t = TFloat32.tensorOf(TrainingGraph.tfShape(e.getValue().shape()),
                        DataBuffers.of(e.getValue().values(), true, false));
                fed.add(t);
                runner.feed(slot.value(), t).addTarget(slot.load());
            }
            TInt64 counter = TInt64.scalarOf(state.steps());
            fed.add(counter);
            runner.feed(graph.optimizer.iterationsValue(), counter).addTarget(graph.optimizer.setIterations());
            runner.run().close();
        } finally {
            fed.forEach(Tensor::close);
        }
        steps = state.steps();
    }

    private static Shape shapeOf(org.tensorflow.op.core.Variable<TFloat32> variable) {
        long[] dims = variable.shape().asArray();
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            ints[i] = Math.toIntExact(dims[i]);
        }
        return Shape.of(ints);
    }

    /**
     * One optimizer step on the examples {@code batch} picks out of the fed tensors.
     *
     * @return the batch's mean loss and its count of right predictions
     */
    float[] step(TrainingData.Chunk chunk, TrainingLoop.TensorCache tensors, int[] batch) {
        if (cluster != null) {
            return distributedStep(chunk, batch);
        }
        applyRate(config.schedule().rate(baseLearningRate, steps));
        try (TInt32 idx = TInt32.vectorOf(batch);
             TInt64 seeds = TInt64.vectorOf(chunk.seed(), steps);
             Result out = session.runner()
                     .feed(graph.data, tensors.images(chunk.images()))
                     .feed(graph.targets, tensors.targets(chunk.targets()))
                     .feed(graph.indices, idx).feed(graph.dropoutSeed, seeds)
                     .fetch(graph.trainLoss).fetch(graph.trainCorrect)
                     .addTarget(graph.trainStep).run()) {
            steps++;
            return new float[] {((TFloat32) out.get(0)).getFloat(), ((TFloat32) out.get(1)).getFloat()};
        }
    }

    /**
     * A step on the cluster: the batch is cut into one consecutive slice per worker (the first
     * {@code batch.length % workers} slices one example longer), each fed to its replica as its own
     * tensors, so no worker ever receives more than its slice.
     */
    private float[] distributedStep(TrainingData.Chunk chunk, int[] batch) {
        int workers = graph.replicas.size();
        List<Tensor> fed = new ArrayList<>(2 * workers + 2);
        try {
            applyRate(config.schedule().rate(baseLearningRate, steps));
            TInt64 seeds = TInt64.vectorOf(chunk.seed(), steps);
            fed.add(seeds);
            TFloat32 count = TFloat32.scalarOf(batch.length);
            fed.add(count);
            Session.Runner runner = session.runner().feed(graph.dropoutSeed, seeds).feed(graph.globalBatch, count);
            int from = 0;
            for (int i = 0; i < workers; i++) {
                int size = batch.length / workers + (i < batch.length % workers ? 1 : 0);
                int[] rows = Arrays.copyOfRange(batch, from, from + size);
                from += size;
                TFloat32 images = rowsOf(chunk.images().values(), chunk.images().exampleSize(), rows,
                        chunk.images().shape());
                fed.add(images);
                TFloat32 targets = rowsOf(chunk.targets().values(), chunk.targets().width(), rows,
                        Shape.of(chunk.targets().width()));
                fed.add(targets);
                TrainingGraph.Replica replica = graph.replicas.get(i);
                runner.feed(replica.images(), images).feed(replica.targets(), targets);
            }
            try (Result out = runner.fetch(graph.trainLoss).fetch(graph.trainCorrect).addTarget(graph.trainStep)
                    .run()) {
                steps++;
                return new float[] {((TFloat32) out.get(0)).getFloat(), ((TFloat32) out.get(1)).getFloat()};
            }
        } catch (TensorFlowException e) {
            throw failure(cluster, "optimizer step " + (steps + 1) + " failed on", e);
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** The given rows of a row-major array as a tensor {@code (rows, ...shape)}. */
    private static TFloat32 rowsOf(float[] values, int rowSize, int[] rows, Shape shape) {
        long[] dims = new long[shape.rank() + 1];
        dims[0] = rows.length;
        for (int i = 0; i < shape.rank(); i++) {
            dims[i + 1] = shape.dim(i);
        }
        float[] picked = new float[Math.multiplyExact(rows.length, rowSize)];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(values, rows[r] * rowSize, picked, r * rowSize, rowSize);
        }
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(picked, true, false));
    }

    /** The learning rate of the last step (the base rate after the schedule). */
    double currentLearningRate() {
        return currentRate;
    }

    /**
     * Loss and accuracy with the inference path (no dropout).
     *
     * @param images  examples of the network's input shape
     * @param targets one target row per example, as wide as the network's output
     * @return the mean loss and the accuracy; both NaN when there are no examples
     * @throws IllegalArgumentException if the shape, width or counts do not fit the network
     * @throws IllegalStateException    if the network is closed or was compiled for inference only
     */
    public Evaluation evaluate(Images images, Targets targets) {
        checkOpen();
        checkTrainable();
        checkData(images, targets, "evaluation");
        double lossSum = 0;
        double correct = 0;
        // A distributed network's master is another process: it gets each call's rows alone, not all of them.
        boolean remote = cluster != null;
        try (TFloat32 data = remote ? null : toTensor(images); TFloat32 targetData = remote ? null : toTensor(targets)) {
            for (int from = 0; from < images.count(); from += INFERENCE_BATCH) {
                int n = Math.min(INFERENCE_BATCH, images.count() - from);
                int[] rows = range(from, n);
                try (TFloat32 x = remote ? rowsOf(images.values(), images.exampleSize(), rows, images.shape()) : null;
                     TFloat32 t = remote ? rowsOf(targets.values(), targets.width(), rows, Shape.of(targets.width()))
                             : null;
                     TInt32 idx = TInt32.vectorOf(remote ? range(0, n) : rows);
                     Result out = session.runner().feed(graph.data, remote ? x : data)
                             .feed(graph.targets, remote ? t : targetData)
                             .feed(graph.indices, idx).fetch(graph.evalLossSum).fetch(graph.evalCorrect).run()) {
                    lossSum += ((TFloat32) out.get(0)).getFloat();
                    correct += ((TFloat32) out.get(1)).getFloat();
                }
            }
        } catch (TensorFlowException e) {
            throw remote ? failure(cluster, "an evaluation failed on", e) : e;
        }
        int count = images.count();
        return new Evaluation(count == 0 ? Double.NaN : lossSum / count, count == 0 ? Double.NaN : correct / count,
                count);
    }

    /**
     * The network's outputs (probabilities for a classifier), {@code count x outputUnits}, row-major.
     *
     * <p>An example's outputs are the same bits however many examples are predicted with it and
     * wherever it is among them: the kernels compute each row alone, except that a matrix product of a
     * single row (a dense layer over a batch of one) runs oneDNN's matrix-vector kernel, whose sums are
     * ordered otherwise. So no session call here has a single row, nor a replica's slice (see
     * {@link Parallelism}): a call with fewer than two rows per replica repeats its last row, and the
     * copies' outputs are dropped. ({@code ConcurrentPredictionTest} in tribuo-plugin holds
     * this for a network whose dense layers give other bits for a batch of one.)
     *
     * <p>Predictions may run from several threads at once (a TensorFlow session runs calls
     * concurrently); nothing else may run alongside them, {@link #close()} least of all.
     *
     * @param images examples of the network's input shape; may be none
     * @return {@code images.count() * outputUnits} values, one row per example, in the examples' order
     * @throws IllegalArgumentException if the examples' shape is not the network's input shape
     * @throws IllegalStateException    if the network is closed
     */
    public float[] predict(Images images) {
        checkOpen();
        checkInput(images, "prediction");
        int units = graph.outputUnits;
        float[] result = new float[Math.multiplyExact(images.count(), units)];
        boolean remote = cluster != null;
        try (TFloat32 data = remote ? null : toTensor(images)) {
            for (int from = 0; from < images.count(); from += INFERENCE_BATCH) {
                int n = Math.min(INFERENCE_BATCH, images.count() - from);
                int[] rows = predictionRows(from, n);
                try (TFloat32 x = remote ? rowsOf(images.values(), images.exampleSize(), rows, images.shape()) : null;
                     TInt32 idx = TInt32.vectorOf(remote ? range(0, rows.length) : rows);
                     Result out = session.runner().feed(graph.data, remote ? x : data).feed(graph.indices, idx)
                             .fetch(graph.predictions).run()) {
                    TFloat32 predicted = (TFloat32) out.get(0);
                    (rows.length == n ? predicted : predicted.slice(Indices.range(0, n))).copyTo(
                            DataBuffers.of(result, false, false).slice((long) from * units, (long) n * units));
                }
            }
        }
        return result;
    }

    /**
     * The rows of one prediction call: {@code [from, from + n)}, the last repeated up to two rows per
     * replica when there are fewer, so that no slice is a single row (or empty).
     */
    private int[] predictionRows(int from, int n) {
        int least = 2 * parallelism.replicas();
        if (n >= least) {
            return range(from, n);
        }
        int[] rows = new int[least];
        for (int i = 0; i < least; i++) {
            rows[i] = from + Math.min(i, n - 1);
        }
        return rows;
    }

    /**
     * Predictions for {@code count} examples of the network's input shape given as one NHWC array.
     *
     * @param values {@code count} examples' values, row-major, one example after another
     * @param count  the number of examples
     * @return the outputs as {@link #predict(Images)} gives them
     * @throws IllegalArgumentException if the number of values is not {@code count} times the input size
     * @throws IllegalStateException    if the network is closed
     */
    public float[] predict(float[] values, int count) {
        return predict(new Images(values, count, architecture.inputShape()));
    }

    /**
     * Every parameter's current values, keyed {@code layer/param}, in the architecture's order.
     *
     * @return a copy of the weights as they are now
     * @throws IllegalStateException if the network is closed
     */
    public Weights weights() {
        checkOpen();
        Session.Runner runner = session.runner();
        List<Parameter> params = architecture.parameters();
        params.forEach(p -> runner.fetch(graph.variables.get(p.key())));
        Weights.Builder b = Weights.builder();
        try (Result out = runner.run()) {
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                float[] values = new float[Math.toIntExact(p.count())];
                ((TFloat32) out.get(i)).copyTo(DataBuffers.of(values, false, false));
                b.put(p.key(), new Weights.Tensor(p.shape(), values));
            }
        }
        return b.build();
    }

    /**
     * Overwrites the parameters present in {@code weights}; the others keep their values.
     *
     * @param weights values for some or all parameters, keyed {@code layer/param}; empty changes nothing
     * @throws IllegalArgumentException if a key names no parameter or a shape differs
     * @throws IllegalStateException    if the network is closed
     */
    public void setWeights(Weights weights) {
        checkOpen();
        checkWeights(architecture, weights);
        if (weights.keys().isEmpty()) {
            return;
        }
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try {
            for (Map.Entry<String, Weights.Tensor> e : weights.asMap().entrySet()) {
                TFloat32 t = TFloat32.tensorOf(TrainingGraph.tfShape(e.getValue().shape()),
                        DataBuffers.of(e.getValue().values(), true, false));
                fed.add(t);
                runner.feed(graph.variableValues.get(e.getKey()), t);
                runner.addTarget(graph.variableLoaders.get(e.getKey()));
            }
            runner.run().close();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    /** Frees the native session and graph; closing again does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                session.close();
            } finally {
                graph.graph.close();
            }
        }
    }

    private void applyRate(double rate) {
        float r = (float) rate;
        if (r != currentRate) {
            try (TFloat32 value = TFloat32.scalarOf(r);
                 Result ignored = session.runner().feed(graph.optimizer.learningRateValue(), value)
                         .addTarget(graph.optimizer.setLearningRate()).run()) {
                currentRate = r;
            }
        }
    }

    private static void checkWeights(Architecture architecture, Weights weights) {
        Map<String, Shape> shapes = new java.util.HashMap<>();
        architecture.parameters().forEach(p -> shapes.put(p.key(), p.shape()));
        for (Map.Entry<String, Weights.Tensor> e : weights.asMap().entrySet()) {
            Shape expected = shapes.get(e.getKey());
            if (expected == null) {
                throw new IllegalArgumentException("architecture '" + architecture.name() + "' has no parameter '"
                        + e.getKey() + "' (parameters: " + shapes.keySet() + ")");
            }
            if (!expected.equals(e.getValue().shape())) {
                throw new IllegalArgumentException("weights '" + e.getKey() + "' have shape " + e.getValue().shape()
                        + " but the parameter has shape " + expected);
            }
        }
    }

    private void checkInput(Images images, String what) {
        Objects.requireNonNull(images, what + " images");
        if (!images.shape().equals(architecture.inputShape())) {
            throw new IllegalArgumentException(what + " data have shape " + images.shape() + " but network '"
                    + architecture.name() + "' takes input of shape " + architecture.inputShape());
        }
    }

    void checkData(Images images, Targets targets, String what) {
        checkInput(images, what);
        Objects.requireNonNull(targets, what + " targets");
        if (targets.width() != graph.outputUnits) {
            throw new IllegalArgumentException(what + " targets have width " + targets.width() + " but network '"
                    + architecture.name() + "' has " + graph.outputUnits + " outputs (output shape "
                    + architecture.outputShape() + ")");
        }
        if (targets.count() != images.count()) {
            throw new IllegalArgumentException(what + " data have " + images.count() + " examples but "
                    + targets.count() + " targets");
        }
    }

    private void checkTrainable() {
        if (config == null) {
            throw new IllegalStateException("network '" + architecture.name()
                    + "' was compiled for inference only: it has no loss and no optimizer");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("network '" + architecture.name() + "' is closed");
        }
    }

    static TFloat32 toTensor(Images images) {
        long[] dims = new long[images.shape().rank() + 1];
        dims[0] = images.count();
        for (int i = 0; i < images.shape().rank(); i++) {
            dims[i + 1] = images.shape().dim(i);
        }
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(images.values(), true, false));
    }

    static TFloat32 toTensor(Targets targets) {
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(targets.count(), targets.width()),
                DataBuffers.of(targets.values(), true, false));
    }

    private static int[] range(int from, int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
