package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
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

/**
 * Every op of a compiled network, built once: the variables and their loaders, the prediction path,
 * and unless the network is compiled for inference only, the training step and the evaluation path.
 *
 * <p>Data enter as a whole: a {@code data} tensor holding every example of the current call and a
 * {@code targets} tensor, both fed unchanged at every step (TensorFlow shares a fed tensor's buffer
 * rather than copying it), and a small {@code indices} vector that picks the batch with a gather inside
 * the graph. A step therefore moves only the batch's indices and a seed between Java and native memory.
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
        this.architecture = architecture;
        this.outputUnits = Math.toIntExact(architecture.outputShape().elementCount());
        this.graph = new Graph();
        try {
            this.tf = Ops.create(graph);
            Shape in = architecture.inputShape();
            long[] dataShape = new long[in.rank() + 1];
            dataShape[0] = -1;
            for (int i = 0; i < in.rank(); i++) {
                dataShape[i + 1] = in.dim(i);
            }
            data = tf.withName("data").placeholder(TFloat32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(dataShape)));
            targets = tf.withName("targets").placeholder(TFloat32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, outputUnits)));
            indices = tf.withName("indices").placeholder(TInt32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1)));
            dropoutSeed = tf.withName("dropout_seed").placeholder(TInt64.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(2)));

            createVariables();
            Map<String, Operand<TFloat32>> params = new LinkedHashMap<>(variables);
            ForwardPass forward = new ForwardPass(tf, architecture, params);
            Operand<TFloat32> x = tf.gather(data, indices, tf.constant(0));
            Operand<TFloat32> y = tf.gather(targets, indices, tf.constant(0));

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
                return;
            }
            boolean separateTrainingPass = ForwardPass.trainingDiffers(architecture);
            ForwardPass.Result training = separateTrainingPass ? forward.build(x, dropoutSeed) : inference;

            Operand<TFloat32> trainPerExample = LossFunctions.perExample(tf, config.loss(), training, y, outputUnits);
            trainLoss = tf.math.mean(trainPerExample, tf.constant(0));
            trainCorrect = correct(LossFunctions.predictions(tf, config.loss(), training, outputUnits), y);

            predictions = LossFunctions.predictions(tf, config.loss(), inference, outputUnits);
            evalLossSum = tf.sum(separateTrainingPass
                    ? LossFunctions.perExample(tf, config.loss(), inference, y, outputUnits)
                    : trainPerExample, tf.constant(0));
            evalCorrect = separateTrainingPass ? correct(predictions, y) : trainCorrect;

            optimizer = new OptimizerUpdates(tf, config.optimizer());
            trainStep = buildTrainStep(trainLoss, forward.batchStatistics());
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    private void createVariables() {
        List<Parameter> parameters = architecture.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            org.tensorflow.ndarray.Shape shape = tfShape(p.shape());
            Ops scope = tf.withSubScope("param" + i);
            Variable<TFloat32> v = scope.withName("variable").variable(shape, TFloat32.class);
            Placeholder<TFloat32> value = scope.withName("value").placeholder(TFloat32.class, Placeholder.shape(shape));
            variables.put(p.key(), v);
            variableValues.put(p.key(), value);
            variableLoaders.put(p.key(), scope.assign(v, value));
        }
    }

    /**
     * Gradients, then updates (each after every gradient: the optimizer's, and the moving statistics of
     * batch normalisation), then constraints (each after its variable's update), then the step counter
     * (after everything).
     */
    private Op buildTrainStep(Operand<TFloat32> loss, List<ForwardPass.BatchStatistics> statistics) {
        List<Parameter> trainable = architecture.parameters().stream().filter(Parameter::trainable).toList();
        if (trainable.isEmpty()) {
            List<Op> done = new ArrayList<>(List.of(tf.identity(loss)));
            done.addAll(movingAverageUpdates(tf.withControlDependencies(List.of(tf.identity(loss))), statistics));
            return tf.withControlDependencies(done).withName("train_step").noOp();
        }
        Output<?>[] xs = trainable.stream().map(p -> variables.get(p.key()).asOutput()).toArray(Output[]::new);
        Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
        List<Op> gradientsDone = new ArrayList<>(grads.length);
        for (Output<?> g : grads) {
            gradientsDone.add(tf.identity(cast(g)));
        }
        Ops afterGradients = tf.withControlDependencies(gradientsDone);
        List<Op> applied = new ArrayList<>(movingAverageUpdates(afterGradients, statistics));
        for (int i = 0; i < trainable.size(); i++) {
            Parameter p = trainable.get(i);
            Variable<TFloat32> v = variables.get(p.key());
            Op update = optimizer.update(afterGradients, p.key(), v, cast(grads[i]));
            applied.add(update);
            if (p.constraint() instanceof Constraint.MaxNorm m) {
                applied.add(maxNorm(tf.withControlDependencies(List.of(update)), v, m.maxValue()));
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

    /** Per-batch count of right predictions: arg-max agreement, or both sides of 0.5 for one output. */
    private Operand<TFloat32> correct(Operand<TFloat32> predicted, Operand<TFloat32> y) {
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
