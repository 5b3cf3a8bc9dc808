package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Constraint;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;

/**
 * Every op of a compiled network, built once: the variables and their loaders, the prediction path,
 * and unless the network is compiled for inference only, the training step and the evaluation path.
 *
 * <p>Data enter as a whole: a {@code data} tensor holding every example of the current call and a
 * {@code targets} tensor, both fed unchanged at every step (TensorFlow shares a fed tensor's buffer
 * rather than copying it), and a small {@code indices} vector that picks the batch with a gather inside
 * the graph. A step therefore moves only the batch's indices and a seed between Java and native memory.
 *
 * <p>Built for a {@link ClusterSpec}, the graph is TensorFlow's synchronous data parallelism: the
 * variables (and the optimizer's state) sit on the {@code ps} tasks, parameter {@code i} on task
 * {@code i mod ps}; every worker task runs one replica of the training pass and its gradients on its
 * own slice of the global batch, fed to it directly (no chunk tensor travels); each replica's loss is
 * its slice's summed loss divided by the global batch's size, so the replicas' gradients, added on the
 * parameter's {@code ps} task, are the gradient of the global batch's mean loss; and one update per
 * parameter is applied there. The prediction and evaluation path runs on worker 0.
 */
final class TrainingGraph {

    final Graph graph;
    final Ops tf;
    final Architecture architecture;
    final int outputUnits;

    final Placeholder<TFloat32> data;
    final Placeholder<TFloat32> targets;
    final Placeholder<TInt32> indices;
    final Placeholder<TInt64> dropoutSeed;

    /**
     * One replica of the training pass on a cluster's worker: feed its slice of the global batch.
     *
     * @param images  its examples, {@code (slice, ...input shape)}
     * @param targets its targets, {@code (slice, outputs)}
     */
    record Replica(Placeholder<TFloat32> images, Placeholder<TFloat32> targets) {
    }

    /** The cluster's replicas, one per worker; empty in a graph for one process. */
    final List<Replica> replicas;
    /** A distributed graph's global batch size, a float scalar; null in a graph for one process. */
    final Placeholder<TFloat32> globalBatch;
    private final ClusterSpec cluster;

    /** Every parameter's variable, in the architecture's order, keyed {@code layer/param}. */
    final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    final Map<String, Placeholder<TFloat32>> variableValues = new LinkedHashMap<>();
    final Map<String, Op> variableLoaders = new LinkedHashMap<>();

    /** The training and evaluation ops below are null in a graph built for inference only. */
    final OptimizerUpdates optimizer;
    final Operand<TFloat32> trainLoss;
    final Operand<TFloat32> trainCorrect;
    final Op trainStep;

    boolean trainable() {
        return trainStep != null;
    }
    final Operand<TFloat32> evalLossSum;
    final Operand<TFloat32> evalCorrect;
    final Operand<TFloat32> predictions;

    /**
     * @param config  what the network trains with; null builds the prediction path alone (no loss, no
     *                optimizer, no training step)
     * @param outputs what the prediction path alone predicts (unused when {@code config} is given)
     */
    TrainingGraph(Architecture architecture, TrainingConfig config, InferenceOutputs outputs) {
        this(architecture, config, outputs, 1, null);
    }

    /**
     * @param localReplicas the slices each batch is cut into in one process (see {@link Parallelism});
     *                      1 for one pass over the batch; ignored on a cluster
     * @param cluster       where the replicas and variables go (see the class comment); null builds for
     *                      one process. A distributed graph is always a training graph ({@code config}
     *                      not null).
     */
    TrainingGraph(Architecture architecture, TrainingConfig config, InferenceOutputs outputs, int localReplicas,
                  ClusterSpec cluster) {
        this.architecture = architecture;
        this.cluster = cluster;
        this.outputUnits = Math.toIntExact(architecture.outputShape().elementCount());
        this.graph = new Graph();
        try {
            this.tf = Ops.create(graph);
            // The prediction path runs where the data enter: the chief's master, worker 0.
            Ops chief = cluster == null ? tf : onWorker(tf, 0);
            Shape in = architecture.inputShape();
            long[] dataShape = new long[in.rank() + 1];
            dataShape[0] = -1;
            for (int i = 0; i < in.rank(); i++) {
                dataShape[i + 1] = in.dim(i);
            }
            data = chief.withName("data").placeholder(TFloat32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(dataShape)));
            targets = chief.withName("targets").placeholder(TFloat32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, outputUnits)));
            indices = chief.withName("indices").placeholder(TInt32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1)));
            dropoutSeed = chief.withName("dropout_seed").placeholder(TInt64.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(2)));

            createVariables();
            Map<String, Operand<TFloat32>> params = new LinkedHashMap<>(variables);
            if (cluster == null && localReplicas > 1) {
                optimizer = config == null ? null : new OptimizerUpdates(tf, config.optimizer());
                LocalReplicas built = buildLocalReplicas(params, config, outputs, localReplicas);
                predictions = built.predictions;
                evalLossSum = built.evalLossSum;
                evalCorrect = built.evalCorrect;
                trainLoss = built.trainLoss;
                trainCorrect = built.trainCorrect;
                trainStep = built.trainStep;
                replicas = List.of();
                globalBatch = null;
                return;
            }
            ForwardPass forward = new ForwardPass(chief, architecture, params);
            Operand<TFloat32> x = chief.gather(data, indices, chief.constant(0));
            Operand<TFloat32> y = chief.gather(targets, indices, chief.constant(0));

            ForwardPass.Result inference = forward.build(x, null);
            if (config == null) {
                predictions = outputs == InferenceOutputs.AS_COMPUTED ? inference.output()
                        : LossFunctions.probabilities(tf, inference, outputUnits);
                trainLoss = null;
                trainCorrect = null;
                evalLossSum = null;
                evalCorrect = null;
                optimizer = null;
                trainStep = null;
                replicas = List.of();
                globalBatch = null;
                return;
            }
            boolean separateTrainingPass = ForwardPass.trainingDiffers(architecture);
            if (cluster != null) {
                predictions = LossFunctions.predictions(chief, config.loss(), inference, outputUnits);
                evalLossSum = chief.sum(LossFunctions.perExample(chief, config.loss(), inference, y, outputUnits),
                        chief.constant(0));
                evalCorrect = correct(chief, predictions, y);
                optimizer = new OptimizerUpdates(onPs(tf, 0), config.optimizer());
                globalBatch = chief.withName("global_batch").placeholder(TFloat32.class,
                        Placeholder.shape(org.tensorflow.ndarray.Shape.scalar()));
                List<Replica> made = new ArrayList<>();
                List<Operand<TFloat32>> lossSums = new ArrayList<>();
                List<Operand<TFloat32>> corrects = new ArrayList<>();
                List<Output<?>[]> gradients = new ArrayList<>();
                List<List<ForwardPass.BatchStatistics>> statistics = new ArrayList<>();
                for (int i = 0; i < cluster.workerCount(); i++) {
                    Ops r = onWorker(tf, i).withSubScope("replica" + i);
                    Placeholder<TFloat32> images = r.withName("images").placeholder(TFloat32.class,
                            Placeholder.shape(org.tensorflow.ndarray.Shape.of(dataShape)));
                    Placeholder<TFloat32> answers = r.withName("targets").placeholder(TFloat32.class,
                            Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, outputUnits)));
                    made.add(new Replica(images, answers));
                    ReplicaStep step = replicaStep(i, r, new ForwardPass(r, architecture, params), null, images,
                            answers, null, globalBatch, config.loss());
                    lossSums.add(step.lossSum());
                    corrects.add(step.correct());
                    statistics.add(step.statistics());
                    gradients.add(step.gradients());
                }
                replicas = List.copyOf(made);
                trainLoss = chief.math.div(chief.math.addN(lossSums), globalBatch);
                trainCorrect = chief.math.addN(corrects);
                trainStep = buildTrainStep(trainLoss, averaged(statistics), summed(gradients));
                return;
            }
            replicas = List.of();
            globalBatch = null;
            ForwardPass.Result training = separateTrainingPass ? forward.build(x, dropoutSeed) : inference;

            Operand<TFloat32> trainPerExample = LossFunctions.perExample(tf, config.loss(), training, y, outputUnits);
            trainLoss = tf.math.mean(trainPerExample, tf.constant(0));
            trainCorrect = correct(LossFunctions.ranked(tf, config.loss(), training, outputUnits), y);

            predictions = LossFunctions.predictions(tf, config.loss(), inference, outputUnits);
            evalLossSum = tf.sum(separateTrainingPass
                    ? LossFunctions.perExample(tf, config.loss(), inference, y, outputUnits)
                    : trainPerExample, tf.constant(0));
            evalCorrect = separateTrainingPass ? correct(predictions, y) : trainCorrect;

            optimizer = new OptimizerUpdates(tf, config.optimizer());
            trainStep = buildTrainStep(trainLoss, forward.batchStatistics(), null);
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /** The ops of a graph whose batches are cut into slices that run side by side. */
    private record LocalReplicas(Operand<TFloat32> predictions, Operand<TFloat32> evalLossSum,
                                 Operand<TFloat32> evalCorrect, Operand<TFloat32> trainLoss,
                                 Operand<TFloat32> trainCorrect, Op trainStep) {
    }

    /**
     * Data parallelism in one process: slice {@code i} of {@code n} of every call's indices is rows
     * {@code [size * i / n, size * (i + 1) / n)}, gathered and passed through its own copy of the
     * network. Nothing joins the copies before the end, so TensorFlow's inter-op threads run them side
     * by side. Predictions are the slices' outputs in order; the training loss and each gradient are
     * the slices' sums over their examples divided by the batch's size, added, which is the batch's mean
     * loss and its gradient.
     */
    private LocalReplicas buildLocalReplicas(Map<String, Operand<TFloat32>> params, TrainingConfig config,
                                             InferenceOutputs outputs, int n) {
        Operand<TInt32> size = tf.shape.size(tf.shape(indices), TInt32.class);
        Operand<TFloat32> batch = tf.dtypes.cast(size, TFloat32.class);
        List<Operand<TFloat32>> predicted = new ArrayList<>();
        List<Operand<TFloat32>> evalLossSums = new ArrayList<>();
        List<Operand<TFloat32>> evalCorrects = new ArrayList<>();
        List<Operand<TFloat32>> lossSums = new ArrayList<>();
        List<Operand<TFloat32>> corrects = new ArrayList<>();
        List<Output<?>[]> gradients = new ArrayList<>();
        List<List<ForwardPass.BatchStatistics>> statistics = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ops r = tf.withSubScope("replica" + i);
            Operand<TInt32> from = r.math.div(r.math.mul(size, r.constant(i)), r.constant(n));
            Operand<TInt32> to = r.math.div(r.math.mul(size, r.constant(i + 1)), r.constant(n));
            // An empty slice (a batch smaller than the replicas) would abort TensorFlow's kernels: it takes
            // one row instead, the batch's last, whose loss and counts then weigh 0.
            Operand<TInt32> start = r.math.minimum(from, r.math.sub(size, r.constant(1)));
            Operand<TInt32> count = r.math.maximum(r.math.sub(to, from), r.constant(1));
            Operand<TFloat32> weight = r.dtypes.cast(r.math.notEqual(from, to), TFloat32.class);
            Operand<TInt32> rows = r.slice(indices, r.reshape(start, r.constant(new int[] {1})),
                    r.reshape(count, r.constant(new int[] {1})));
            Operand<TFloat32> x = r.gather(data, rows, r.constant(0));
            ForwardPass forward = new ForwardPass(r, architecture, params);
            ForwardPass.Result inference = forward.build(x, null);
            if (config == null) {
                predicted.add(outputs == InferenceOutputs.AS_COMPUTED ? inference.output()
                        : LossFunctions.probabilities(r, inference, outputUnits));
                continue;
            }
            Operand<TFloat32> y = r.gather(targets, rows, r.constant(0));
            Operand<TFloat32> p = LossFunctions.predictions(r, config.loss(), inference, outputUnits);
            predicted.add(p);
            evalLossSums.add(r.math.mul(weight, r.sum(LossFunctions.perExample(r, config.loss(), inference, y,
                    outputUnits), r.constant(0))));
            evalCorrects.add(r.math.mul(weight, correct(r, p, y)));
            ReplicaStep step = replicaStep(i, r, forward, inference, x, y, weight, batch, config.loss());
            lossSums.add(step.lossSum());
            corrects.add(step.correct());
            statistics.add(step.statistics());
            gradients.add(step.gradients());
        }
        Operand<TFloat32> predictions = tf.concat(predicted, tf.constant(0));
        if (config == null) {
            return new LocalReplicas(predictions, null, null, null, null, null);
        }
        Operand<TFloat32> loss = tf.math.div(tf.math.addN(lossSums), batch);
        Op step = buildTrainStep(loss, averaged(statistics), summed(gradients));
        return new LocalReplicas(predictions, tf.math.addN(evalLossSums), tf.math.addN(evalCorrects), loss,
                tf.math.addN(corrects), step);
    }

    /** One replica's share of a step: its slice's summed loss and right answers, statistics and gradients. */
    private record ReplicaStep(Operand<TFloat32> lossSum, Operand<TFloat32> correct,
                               List<ForwardPass.BatchStatistics> statistics, Output<?>[] gradients) {
    }

    /**
     * Replica {@code i}'s training pass over its slice {@code x}, {@code y}: its own dropout masks (the
     * seed's first word offset by the replica's index), its slice's summed loss and count of right
     * answers (times {@code weight} when given: 0 for a stand-in row), and the gradients of its share of
     * the batch's mean loss, {@code lossSum / batch}.
     *
     * @param inference the replica's inference pass when the training pass is the same; null to build it
     */
    private ReplicaStep replicaStep(int i, Ops r, ForwardPass forward, ForwardPass.Result inference,
                                    Operand<TFloat32> x, Operand<TFloat32> y, Operand<TFloat32> weight,
                                    Operand<TFloat32> batch, Loss loss) {
        ForwardPass.Result pass;
        if (ForwardPass.trainingDiffers(architecture)) {
            pass = forward.build(x, r.math.add(dropoutSeed, r.constant(new long[] {i * 0xD1B54A32D192ED03L, 0})));
        } else {
            pass = inference != null ? inference : forward.build(x, null);
        }
        Operand<TFloat32> lossSum = r.sum(LossFunctions.perExample(r, loss, pass, y, outputUnits), r.constant(0));
        Operand<TFloat32> right = correct(r, LossFunctions.ranked(r, loss, pass, outputUnits), y);
        if (weight != null) {
            lossSum = r.math.mul(weight, lossSum);
            right = r.math.mul(weight, right);
        }
        return new ReplicaStep(lossSum, right, forward.batchStatistics(),
                replicaGradients(i, r.math.div(lossSum, batch)));
    }

    private void createVariables() {
        List<Parameter> parameters = architecture.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            org.tensorflow.ndarray.Shape shape = tfShape(p.shape());
            Ops scope = onParameter(tf, i).withSubScope("param" + i);
            Variable<TFloat32> v = scope.withName("variable").variable(shape, TFloat32.class);
            Placeholder<TFloat32> value = scope.withName("value").placeholder(TFloat32.class, Placeholder.shape(shape));
            variables.put(p.key(), v);
            variableValues.put(p.key(), value);
            variableLoaders.put(p.key(), scope.assign(v, value));
        }
    }

    /** The device of a worker task, as TensorFlow names it. */
    static String workerDevice(int task) {
        return "/job:" + ClusterSpec.WORKER + "/replica:0/task:" + task;
    }

    private static Ops onWorker(Ops scope, int task) {
        return scope.withDevice(DeviceSpec.newBuilder().job(ClusterSpec.WORKER).replica(0).task(task).build());
    }

    private static Ops onPs(Ops scope, int task) {
        return scope.withDevice(DeviceSpec.newBuilder().job(ClusterSpec.PS).replica(0).task(task).build());
    }

    /** The scope of parameter {@code index}'s variable and its updates: its ps task in a distributed graph. */
    private Ops onParameter(Ops scope, int index) {
        return cluster == null ? scope : onPs(scope, index % cluster.psCount());
    }

    /**
     * One replica's gradients of its loss for every trainable parameter, on its worker on a cluster. The
     * gradient ops TensorFlow adds carry no device (and would all run on worker 0), so each is given the
     * replica's.
     */
    private Output<?>[] replicaGradients(int replica, Operand<TFloat32> loss) {
        String prefix = "replica" + replica + "/gradients";
        Output<?>[] xs = architecture.parameters().stream().filter(Parameter::trainable)
                .map(p -> variables.get(p.key()).asOutput()).toArray(Output[]::new);
        Output<?>[] grads = xs.length == 0 ? xs : graph.addGradients(prefix, new Output<?>[] {loss.asOutput()}, xs, null);
        if (cluster == null) {
            return grads;
        }
        String device = workerDevice(replica);
        for (java.util.Iterator<GraphOperation> ops = graph.operations(); ops.hasNext(); ) {
            GraphOperation op = ops.next();
            if (op.name().startsWith(prefix + "/") && op.device().isEmpty()) {
                RemoteSessions.setDevice(graph, op, device);
            }
        }
        return grads;
    }

    /** Every trainable parameter's gradient: the replicas' added on the parameter's ps task. */
    private Output<?>[] summed(List<Output<?>[]> replicaGradients) {
        List<Parameter> parameters = architecture.parameters();
        List<Integer> trainable = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).trainable()) {
                trainable.add(i);
            }
        }
        Output<?>[] sums = new Output<?>[trainable.size()];
        for (int j = 0; j < sums.length; j++) {
            List<Operand<TFloat32>> parts = new ArrayList<>();
            for (Output<?>[] g : replicaGradients) {
                parts.add(cast(g[j]));
            }
            Ops scope = onParameter(tf, trainable.get(j)).withSubScope("gradient_sum");
            sums[j] = scope.math.addN(parts).asOutput();
        }
        return sums;
    }

    /** The replicas' batch statistics, averaged layer by layer, for the moving averages. */
    private List<ForwardPass.BatchStatistics> averaged(List<List<ForwardPass.BatchStatistics>> perReplica) {
        List<ForwardPass.BatchStatistics> averages = new ArrayList<>();
        Ops scope = tf.withSubScope("batch_statistics");
        Operand<TFloat32> n = scope.constant((float) perReplica.size());
        for (int layer = 0; layer < perReplica.get(0).size(); layer++) {
            List<Operand<TFloat32>> means = new ArrayList<>();
            List<Operand<TFloat32>> variances = new ArrayList<>();
            for (List<ForwardPass.BatchStatistics> r : perReplica) {
                means.add(r.get(layer).mean());
                variances.add(r.get(layer).variance());
            }
            averages.add(new ForwardPass.BatchStatistics(perReplica.get(0).get(layer).layer(),
                    scope.math.div(scope.math.addN(means), n), scope.math.div(scope.math.addN(variances), n)));
        }
        return averages;
    }

    /**
     * Gradients, then updates (each after every gradient: the optimizer's, and the moving statistics of
     * batch normalisation), then constraints (each after its variable's update), then the step counter
     * (after everything).
     *
     * @param summedGradients a distributed graph's gradients of the trainable parameters; null takes
     *                        them of {@code loss}
     */
    private Op buildTrainStep(Operand<TFloat32> loss, List<ForwardPass.BatchStatistics> statistics,
                              Output<?>[] summedGradients) {
        List<Parameter> trainable = architecture.parameters().stream().filter(Parameter::trainable).toList();
        if (trainable.isEmpty()) {
            List<Op> done = new ArrayList<>(List.of(tf.identity(loss)));
            done.addAll(movingAverageUpdates(tf.withControlDependencies(List.of(tf.identity(loss))), statistics));
            return tf.withControlDependencies(done).withName("train_step").noOp();
        }
        Output<?>[] xs = trainable.stream().map(p -> variables.get(p.key()).asOutput()).toArray(Output[]::new);
        Output<?>[] grads = summedGradients != null ? summedGradients : graph.addGradients(loss.asOutput(), xs);
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < architecture.parameters().size(); i++) {
            if (architecture.parameters().get(i).trainable()) {
                index.add(i);
            }
        }
        List<Op> gradientsDone = new ArrayList<>(grads.length);
        for (int i = 0; i < grads.length; i++) {
            gradientsDone.add(onParameter(tf, index.get(i)).identity(cast(grads[i])));
        }
        Ops afterGradients = tf.withControlDependencies(gradientsDone);
        List<Op> applied = new ArrayList<>(movingAverageUpdates(afterGradients, statistics));
        for (int i = 0; i < trainable.size(); i++) {
            Parameter p = trainable.get(i);
            Variable<TFloat32> v = variables.get(p.key());
            Ops placed = onParameter(afterGradients, index.get(i));
            Op update = optimizer.update(placed, cluster == null ? null : onParameter(tf, index.get(i)), p.key(), v,
                    cast(grads[i]));
            applied.add(update);
            if (p.constraint() instanceof Constraint.MaxNorm m) {
                applied.add(maxNorm(onParameter(tf, index.get(i)).withControlDependencies(List.of(update)), v,
                        m.maxValue()));
            }
        }
        Op counted = tf.withControlDependencies(applied).assignAdd(optimizer.iterations(), tf.constant(1L));
        return tf.withControlDependencies(List.of(counted)).withName("train_step").noOp();
    }

    /**
     * Keras's moving averages of batch normalisation, one pair of assignments per layer that normalised
     * with its batch's statistics: {@code moving = moving * momentum + batch * (1 - momentum)}, in the
     * layers' order.
     *
     * @param ordered the scope carrying the control dependencies the updates wait for
     */
    private List<Op> movingAverageUpdates(Ops ordered, List<ForwardPass.BatchStatistics> statistics) {
        List<Op> updates = new ArrayList<>(2 * statistics.size());
        for (ForwardPass.BatchStatistics s : statistics) {
            BatchNormalization b = s.layer();
            Ops scope = ordered.withSubScope("moving_statistics");
            updates.add(movingAverage(scope, variables.get(b.name() + "/moving_mean"), s.mean(), b.momentum()));
            updates.add(movingAverage(scope, variables.get(b.name() + "/moving_variance"), s.variance(),
                    b.momentum()));
        }
        return updates;
    }

    private static Op movingAverage(Ops tf, Variable<TFloat32> moving, Operand<TFloat32> batch, double momentum) {
        return tf.assign(moving, tf.math.add(tf.math.mul(moving, tf.constant((float) momentum)),
                tf.math.mul(batch, tf.constant((float) (1 - momentum)))));
    }

    /**
     * Keras's max_norm: {@code w * clip(n, 0, max) / (1e-7 + n)} where {@code n} is the L2 norm over
     * every axis but the last (one norm per output unit).
     */
    static Op maxNorm(Ops tf, Variable<TFloat32> v, double maxValue) {
        int rank = v.shape().numDimensions();
        int[] axes = new int[rank - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        Operand<TFloat32> norms = tf.math.sqrt(tf.sum(tf.math.square(v), tf.constant(axes),
                org.tensorflow.op.core.Sum.keepDims(true)));
        Operand<TFloat32> desired = tf.clipByValue(norms, tf.constant(0f), tf.constant((float) maxValue));
        return tf.assign(v, tf.math.mul(v, tf.math.div(desired, tf.math.add(tf.constant(1e-7f), norms))));
    }

    private Operand<TFloat32> correct(Operand<TFloat32> predicted, Operand<TFloat32> y) {
        return correct(tf, predicted, y);
    }

    /** Per-batch count of right predictions: arg-max agreement, or both sides of 0.5 for one output. */
    private Operand<TFloat32> correct(Ops tf, Operand<TFloat32> predicted, Operand<TFloat32> y) {
        if (outputUnits == 1) {
            Operand<TFloat32> half = tf.constant(0.5f);
            Operand<org.tensorflow.types.TBool> right = tf.math.equal(tf.math.greaterEqual(predicted, half),
                    tf.math.greaterEqual(y, half));
            return tf.sum(tf.dtypes.cast(right, TFloat32.class), tf.constant(new int[] {0, 1}));
        }
        Operand<org.tensorflow.types.TBool> right = tf.math.equal(tf.math.argMax(predicted, tf.constant(1)),
                tf.math.argMax(y, tf.constant(1)));
        return tf.sum(tf.dtypes.cast(right, TFloat32.class), tf.constant(0));
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> cast(Output<?> o) {
        return (Operand<TFloat32>) o;
    }

    static org.tensorflow.ndarray.Shape tfShape(Shape s) {
        long[] dims = new long[s.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.dim(i);
        }
        return org.tensorflow.ndarray.Shape.of(dims);
    }
}
