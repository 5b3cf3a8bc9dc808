package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Average;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.ConnectedLayer;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.DepthwiseConv2D;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Multiply;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.PositionBias;
import org.tribuozoo.dsl.ReLU;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.Reshape;
import org.tribuozoo.dsl.SeparableConv2D;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.Softmax;
import org.tribuozoo.dsl.SpatialSoftmax;
import org.tribuozoo.dsl.ZeroPadding2D;

/**
 * Builds the forward pass of an architecture into a graph, layer by layer in the architecture's
 * topological order, over tensors of shape {@code (batch, height, width, channels)} or
 * {@code (batch, units)}: each layer reads the tensors of the layers (or the input) it is connected to.
 *
 * <p>The same variables serve two passes: the training pass, where dropout draws a mask from a
 * stateless generator keyed by a fed seed (so that masks depend only on seed and step, never on
 * thread scheduling) and batch normalisation uses the batch's statistics, and the inference pass,
 * which has no dropout at all and normalises with the moving statistics. The training pass hands the
 * batch statistics it computes to the caller ({@link #batchStatistics()}), which updates the moving
 * statistics in its training step.
 */
final class ForwardPass {

    /**
     * The result of a pass.
     *
     * @param output           the network's output, flattened to {@code (batch, units)}
     * @param logits the input of the final activation, flattened likewise (equal to output when the
     *               network ends linearly)
     * @param ending how the network ends, which decides whether losses can start from the logits
     */
    record Result(Operand<TFloat32> output, Operand<TFloat32> logits, Ending ending) {
    }

    /** How a network ends, as far as losses care. */
    enum Ending {
        /** A softmax over the whole flattened output: logits feed a stable log-softmax. */
        SOFTMAX,
        /** An element-wise sigmoid: logits feed a stable log-sigmoid. */
        SIGMOID,
        /** No final activation: the output is already a logit (or a regression value). */
        LINEAR,
        /** Anything else (ReLU, tanh, a per-position softmax): only the output itself is usable. */
        OTHER
    }

    /**
     * The statistics of one batch normalisation layer over the current batch, for the update of its moving
     * statistics.
     *
     * @param layer    the layer
     * @param mean     the batch mean per feature, {@code (features)}
     * @param variance the batch variance per feature that the moving variance moves towards: with Bessel's
     *                 correction where Keras's fused kernel applies it (see {@link BatchNormalization#fused})
     */
    record BatchStatistics(BatchNormalization layer, Operand<TFloat32> mean, Operand<TFloat32> variance) {
    }

    private final Ops tf;
    private final Architecture architecture;
    private final Map<String, Operand<TFloat32>> parameters;
    private final List<BatchStatistics> batchStatistics = new ArrayList<>();

    /**
     * @param parameters the variable of each parameter, keyed {@code layer/param}
     */
    ForwardPass(Ops tf, Architecture architecture, Map<String, Operand<TFloat32>> parameters) {
        this.tf = tf;
        this.architecture = architecture;
        this.parameters = parameters;
    }

    /**
     * Whether the training pass differs from the inference pass: some dropout, or a batch normalisation
     * that is not frozen (a frozen one normalises with its moving statistics, as at inference).
     */
    static boolean trainingDiffers(Architecture architecture) {
        return architecture.layers().stream().anyMatch(l -> l instanceof Dropout d && d.rate() > 0
                || l instanceof BatchNormalization && !architecture.frozenLayers().contains(l.name()));
    }

    /** The batch statistics of every batch normalisation the training passes built so far normalise with. */
    List<BatchStatistics> batchStatistics() {
        return Collections.unmodifiableList(batchStatistics);
    }

    /**
     * Builds one pass.
     *
     * @param input       the batch, {@code (batch, ...input shape)}
     * @param dropoutSeed a {@code [2]} int64 seed for the training pass; null builds the inference pass
     */
    Result build(Operand<TFloat32> input, Operand<TInt64> dropoutSeed) {
        // The value of every layer so far (and of the input), by name.
        Map<String, Operand<TFloat32>> values = new HashMap<>();
        values.put(architecture.inputName(), input);
        // And the step that made each value (a layer may look at how its input was made).
        Map<String, Step> steps = new HashMap<>();
        steps.put(architecture.inputName(), Step.linear(input));
        List<ConnectedLayer> layers = architecture.connectedLayers();
        List<Shape> inputs = architecture.inputShapes();
        List<Shape> outputs = architecture.outputShapes();
        Step step = null;
        for (int i = 0; i < layers.size(); i++) {
            ConnectedLayer layer = layers.get(i);
            List<Operand<TFloat32>> xs = new ArrayList<>(layer.inbound().size());
            layer.inbound().forEach(name -> xs.add(values.get(name)));
            Ops scope = tf.withSubScope("l" + i);
            step = layer.layer().accept(new LayerOps(scope, xs, steps.get(layer.inbound().get(0)), inputs.get(i),
                    outputs.get(i), i, dropoutSeed));
            steps.put(layer.name(), step);
            values.put(layer.name(), activate(scope, step.linear(), step.activation()));
        }
        // The output layer is the last: every other layer leads to it.
        Operand<TFloat32> x = values.get(layers.get(layers.size() - 1).name());
        Operand<TFloat32> preActivation = step.linear();
        Activation lastActivation = step.activation();
        Shape out = architecture.outputShape();
        // A layer that computes its whole output itself (ReLU6, a softmax over another axis) leaves no logits.
        Ending ending = lastActivation == null ? Ending.OTHER : switch (lastActivation) {
            case LINEAR -> Ending.LINEAR;
            case SIGMOID -> Ending.SIGMOID;
            // A softmax over the channels of an image output is not a softmax over the flattened output;
            // a spatial softmax's output is flat.
            case SOFTMAX -> out.isFlat() || out.elementCount() == out.dim(out.rank() - 1)
                    ? Ending.SOFTMAX : Ending.OTHER;
            case RELU, TANH -> Ending.OTHER;
        };
        if (!out.isFlat()) {
            x = flatten(tf, x, out);
            preActivation = flatten(tf, preActivation, out);
        }
        return new Result(x, preActivation, ending);
    }

    /**
     * One layer's graph: its linear part and the activation to apply to it. A null activation marks an
     * output computed whole, which is neither logits nor an activation of them ({@link #opaque}).
     */
    private record Step(Operand<TFloat32> linear, Activation activation) {
        static Step linear(Operand<TFloat32> linear) {
            return new Step(linear, Activation.LINEAR);
        }

        static Step opaque(Operand<TFloat32> output) {
            return new Step(output, null);
        }
    }

    /** The graph of one layer, given its input values and shapes. */
    private final class LayerOps implements Layer.Visitor<Step> {
        private final Ops scope;
        /** The value of each input, in order: one, except for a merge layer. */
        private final List<Operand<TFloat32>> xs;
        /** The first (for most layers, the only) input value. */
        private final Operand<TFloat32> x;
        /** The step whose activated output is {@code x}. */
        private final Step in;
        /** The shape of the first input. */
        private final Shape input;
        private final Shape output;
        private final int index;
        /** Null in the inference pass. */
        private final Operand<TInt64> dropoutSeed;

        LayerOps(Ops scope, List<Operand<TFloat32>> xs, Step in, Shape input, Shape output, int index,
                 Operand<TInt64> dropoutSeed) {
            this.scope = scope;
            this.xs = xs;
            this.x = xs.get(0);
            this.in = in;
            this.input = input;
            this.output = output;
            this.index = index;
            this.dropoutSeed = dropoutSeed;
        }

        /** The training pass is the one with a dropout seed. */
        private boolean training() {
            return dropoutSeed != null;
        }

        @Override
        public Step visit(Conv2D c) {
            return new Step(addBias(scope, conv(scope, c, x, input), c.name(), c.useBias()), c.activation());
        }

        @Override
        public Step visit(MaxPool2D p) {
            // The MaxPool op (window as attributes), not MaxPoolV2 (window as inputs): oneDNN's graph pass
            // rewrites only MaxPool, and its pooling and pooling gradient are several times TensorFlow's own.
            org.tensorflow.OperationBuilder b = scope.scope().opBuilder("MaxPool", "MaxPool");
            b.addInput(x.asOutput());
            b.setAttr("ksize", new long[] {1, p.poolHeight(), p.poolWidth(), 1});
            b.setAttr("strides", new long[] {1, p.strideHeight(), p.strideWidth(), 1});
            b.setAttr("padding", poolPadding(p.padding()));
            b.setAttr("data_format", "NHWC");
            return Step.linear(b.build().<TFloat32>output(0));
        }

        @Override
        public Step visit(AvgPool2D p) {
            return Step.linear(scope.nn.avgPool(x, List.of(1L, (long) p.poolHeight(), (long) p.poolWidth(), 1L),
                    List.of(1L, (long) p.strideHeight(), (long) p.strideWidth(), 1L), poolPadding(p.padding())));
        }

        @Override
        public Step visit(ZeroPadding2D z) {
            return Step.linear(pad(scope, x, z.top(), z.bottom(), z.left(), z.right()));
        }

        @Override
        public Step visit(Dropout d) {
            return Step.linear(dropoutSeed == null || d.rate() == 0 ? x
                    : dropout(scope, x, d.rate(), dropoutSeed, index));
        }

        @Override
        public Step visit(Flatten f) {
            return Step.linear(flatten(scope, x, output));
        }

        @Override
        public Step visit(Dense d) {
            return new Step(addBias(scope, scope.linalg.matMul(x, param(d.name(), "kernel")), d.name(), d.useBias()),
                    d.activation());
        }

        @Override
        public Step visit(ActivationLayer a) {
            return new Step(x, a.activation());
        }

        @Override
        public Step visit(Rescaling r) {
            return Step.linear(scope.math.add(scope.math.mul(x, scope.constant((float) r.scale())),
                    scope.constant((float) r.offset())));
        }

        @Override
        public Step visit(PositionBias b) {
            return Step.linear(scope.math.add(x, param(b.name(), "bias")));
        }

        @Override
        public Step visit(SpatialSoftmax s) {
            return new Step(flatten(scope, x, output), Activation.SOFTMAX);
        }

        @Override
        public Step visit(Add a) {
            return Step.linear(scope.math.addN(xs));
        }

        @Override
        public Step visit(Concatenate c) {
            // The DSL's shapes leave out the batch axis, which comes first in the tensor.
            return Step.linear(scope.concat(xs, scope.constant(c.shapeAxis(input.rank()) + 1)));
        }

        @Override
        public Step visit(Multiply m) {
            Operand<TFloat32> product = x;
            for (Operand<TFloat32> next : xs.subList(1, xs.size())) {
                product = scope.math.mul(product, next);
            }
            return Step.linear(product);
        }

        @Override
        public Step visit(Average a) {
            // Keras's Average: the sum divided by the number of inputs.
            return Step.linear(scope.math.div(scope.math.addN(xs), scope.constant((float) xs.size())));
        }

        @Override
        public Step visit(BatchNormalization b) {
            // Keras: batch statistics while training, unless the layer is frozen (trainable = False).
            boolean fromBatch = training() && !architecture.frozenLayers().contains(b.name());
            return Step.linear(b.fused(input) ? fusedBatchNorm(scope, b, x, input, fromBatch)
                    : batchNorm(scope, b, x, input, fromBatch));
        }

        @Override
        public Step visit(GlobalAveragePooling2D p) {
            return Step.linear(scope.math.mean(x, scope.constant(new int[] {1, 2}), Mean.keepDims(p.keepdims())));
        }

        @Override
        public Step visit(GlobalMaxPooling2D p) {
            return Step.linear(scope.max(x, scope.constant(new int[] {1, 2}), Max.keepDims(p.keepdims())));
        }

        @Override
        public Step visit(DepthwiseConv2D c) {
            Operand<TFloat32> y = depthwise(scope, x, param(c.name(), "depthwise_kernel"), c.padding(),
                    c.paddingFor(input), c.strideHeight(), c.strideWidth());
            return new Step(addBias(scope, y, c.name(), c.useBias()), c.activation());
        }

        @Override
        public Step visit(SeparableConv2D c) {
            // Keras's separable_conv2d: the depthwise step with the strides and padding, then a 1x1 convolution.
            Operand<TFloat32> depthwise = depthwise(scope, x, param(c.name(), "depthwise_kernel"), c.padding(),
                    c.paddingFor(input), c.strideHeight(), c.strideWidth());
            Operand<TFloat32> pointwise = scope.nn.conv2d(depthwise, param(c.name(), "pointwise_kernel"),
                    List.of(1L, 1L, 1L, 1L), "VALID");
            return new Step(addBias(scope, pointwise, c.name(), c.useBias()), c.activation());
        }

        @Override
        public Step visit(ReLU r) {
            return r.isPlain() ? new Step(x, Activation.RELU) : Step.opaque(relu(scope, r, x));
        }

        @Override
        public Step visit(Softmax s) {
            if (s.overLastAxis(input)) {
                return new Step(x, Activation.SOFTMAX);
            }
            // As tf.nn.softmax over another axis: swap it with the last, softmax, swap back.
            int rank = input.rank() + 1;
            int[] swap = new int[rank];
            for (int i = 0; i < rank; i++) {
                swap[i] = i;
            }
            swap[s.axisIndex(input) + 1] = rank - 1;
            swap[rank - 1] = s.axisIndex(input) + 1;
            Operand<TFloat32> last = scope.linalg.transpose(x, scope.constant(swap));
            return Step.opaque(scope.linalg.transpose(scope.nn.softmax(last), scope.constant(swap)));
        }

        @Override
        public Step visit(Reshape r) {
            // An element-wise activation commutes with a reshape, and so does a softmax over a last axis
            // that keeps its size: reshape what came before the activation, so that the logits survive.
            boolean commutes = in.activation() != null && (in.activation() != Activation.SOFTMAX
                    || input.dim(input.rank() - 1) == output.dim(output.rank() - 1));
            return commutes ? new Step(reshape(scope, in.linear(), output), in.activation())
                    : Step.opaque(reshape(scope, x, output));
        }
    }

    private Operand<TFloat32> param(String layer, String name) {
        Operand<TFloat32> p = parameters.get(layer + "/" + name);
        if (p == null) {
            throw new IllegalStateException("no variable for " + layer + "/" + name);
        }
        return p;
    }

    private Operand<TFloat32> conv(Ops scope, Conv2D c, Operand<TFloat32> x, Shape input) {
        if (c.dilated()) {
            return dilatedConv(scope, c, x, input);
        }
        if (coversWholeInput(c, input)) {
            return wholeInputConv(scope, c, x, input);
        }
        Padding.Explicit explicit = c.paddingFor(input);
        // Zeros that are exactly SAME's (AlphaGo's 1 around a 3x3 kernel) go to the kernel, not a Pad op and
        // its gradient: the same numbers, one pass over the image less each way.
        Padding padding = !explicit.isZero() && explicit.equals(Padding.same().resolve(input.height(), input.width(),
                c.kernelHeight(), c.kernelWidth(), c.strideHeight(), c.strideWidth())) ? Padding.same() : c.padding();
        Window w = window(scope, x, padding, explicit);
        return scope.nn.conv2d(w.input(), param(c.name(), "kernel"),
                List.of(1L, (long) c.strideHeight(), (long) c.strideWidth(), 1L), w.padding());
    }

    /** An undilated, unpadded convolution whose kernel is as large as its input: one output position. */
    static boolean coversWholeInput(Conv2D c, Shape input) {
        Padding.Explicit p = c.paddingFor(input);
        return !c.dilated() && p.top() == 0 && p.bottom() == 0 && p.left() == 0 && p.right() == 0
                && c.kernelHeight() == input.height() && c.kernelWidth() == input.width();
    }

    /**
     * A convolution with one output position is a matrix product of the flattened input and the
     * flattened kernel (the kernel's {@code (height, width, in)} order is the input's): LeNet's C5
     * layer. oneDNN's convolution kernels reorder the weights at every step and are far slower on
     * this shape than a matrix product (lenet5's step: 1.8 ms as a convolution, 0.3 ms as a product).
     */
    private Operand<TFloat32> wholeInputConv(Ops scope, Conv2D c, Operand<TFloat32> x, Shape input) {
        int features = Math.toIntExact(input.elementCount());
        Operand<TFloat32> flat = scope.reshape(x, scope.constant(new int[] {-1, features}));
        Operand<TFloat32> kernel = scope.reshape(param(c.name(), "kernel"),
                scope.constant(new int[] {features, c.filters()}));
        return scope.reshape(scope.linalg.matMul(flat, kernel), scope.constant(new int[] {-1, 1, 1, c.filters()}));
    }

    /**
     * A dilated convolution (stride 1) as TensorFlow's Python API writes one: the zero-padded input
     * split by space-to-batch into {@code dh * dw} interleaved phase images, an undilated valid
     * convolution of each, and batch-to-space putting the results back in place. Not TensorFlow's
     * dilated Conv2D op: its C++ gradient, the one TensorFlow Java differentiates with, leaves the
     * dilation out of the backpropagation ops and so gives wrong gradients.
     */
    private Operand<TFloat32> dilatedConv(Ops scope, Conv2D c, Operand<TFloat32> x, Shape input) {
        Padding.Explicit p = c.paddingFor(input);
        int dh = c.dilationHeight();
        int dw = c.dilationWidth();
        // Extra zeros at the bottom/right make the padded sizes multiples of the block; cropped again after.
        int extraH = Math.floorMod(-(input.height() + p.top() + p.bottom()), dh);
        int extraW = Math.floorMod(-(input.width() + p.left() + p.right()), dw);
        Operand<TInt32> block = scope.constant(new int[] {dh, dw});
        Operand<TFloat32> phases = scope.spaceToBatchNd(x, block,
                scope.constant(new int[][] {{p.top(), p.bottom() + extraH}, {p.left(), p.right() + extraW}}));
        Operand<TFloat32> convolved = scope.nn.conv2d(phases, param(c.name(), "kernel"), List.of(1L, 1L, 1L, 1L),
                "VALID");
        return scope.batchToSpaceNd(convolved, block, scope.constant(new int[][] {{0, extraH}, {0, extraW}}));
    }

    private static Operand<TFloat32> depthwise(Ops scope, Operand<TFloat32> x, Operand<TFloat32> kernel,
                                               Padding padding, Padding.Explicit explicit, int strideHeight,
                                               int strideWidth) {
        Window w = window(scope, x, padding, explicit);
        return scope.nn.depthwiseConv2dNative(w.input(), kernel,
                List.of(1L, (long) strideHeight, (long) strideWidth, 1L), w.padding());
    }

    /** A window op's input and TensorFlow padding: {@code SAME}, or {@code VALID} after any explicit zeros. */
    private record Window(Operand<TFloat32> input, String padding) {
    }

    private static Window window(Ops scope, Operand<TFloat32> x, Padding padding, Padding.Explicit explicit) {
        if (padding instanceof Padding.Same) {
            // TensorFlow's SAME is Keras's: the odd extra row/column at the bottom/right (of the dilated extent).
            return new Window(x, "SAME");
        }
        return new Window(explicit.isZero() ? x
                : pad(scope, x, explicit.top(), explicit.bottom(), explicit.left(), explicit.right()), "VALID");
    }

    /**
     * Keras's batch normalisation over an image's channels, with TensorFlow's fused kernel as Keras uses
     * it: from the batch's statistics (whose variance output carries Bessel's correction, which is what
     * Keras moves the moving variance towards) or from the moving statistics.
     */
    private Operand<TFloat32> fusedBatchNorm(Ops scope, BatchNormalization b, Operand<TFloat32> x, Shape input,
                                             boolean fromBatch) {
        int features = b.features(input);
        Operand<TFloat32> gamma = b.scale() ? param(b.name(), "gamma") : scope.constant(filled(features, 1f));
        Operand<TFloat32> beta = b.center() ? param(b.name(), "beta") : scope.constant(new float[features]);
        FusedBatchNorm.Options epsilon = FusedBatchNorm.epsilon((float) b.epsilonFor(input));
        if (fromBatch) {
            Operand<TFloat32> none = scope.constant(new float[0]);
            FusedBatchNorm<TFloat32, TFloat32> bn = scope.nn.fusedBatchNorm(x, gamma, beta, none, none, epsilon,
                    FusedBatchNorm.isTraining(true), FusedBatchNorm.dataFormat("NHWC"));
            batchStatistics.add(new BatchStatistics(b, bn.batchMean(), bn.batchVariance()));
            return bn.y();
        }
        return scope.nn.fusedBatchNorm(x, gamma, beta, param(b.name(), "moving_mean"),
                param(b.name(), "moving_variance"), epsilon, FusedBatchNorm.isTraining(false),
                FusedBatchNorm.dataFormat("NHWC")).y();
    }

    /**
     * Keras's batch normalisation where it does not use the fused kernel (a flat input, or an image over
     * another axis than its channels), as {@code tf.nn.moments} and {@code tf.nn.batch_normalization}:
     * {@code x * inv + (beta - mean * inv)} with {@code inv = gamma / sqrt(variance + epsilon)}, the
     * variance without Bessel's correction.
     */
    private Operand<TFloat32> batchNorm(Ops scope, BatchNormalization b, Operand<TFloat32> x, Shape input,
                                        boolean fromBatch) {
        int rank = input.rank() + 1;
        int axis = b.axisIndex(input) + 1;
        int features = input.dim(axis - 1);
        int[] reduced = new int[rank - 1];
        int[] broadcast = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) {
            broadcast[i] = i == axis ? features : 1;
            if (i != axis) {
                reduced[k++] = i;
            }
        }
        Operand<TInt32> perFeature = scope.constant(broadcast);
        Operand<TFloat32> mean;
        Operand<TFloat32> variance;
        if (fromBatch) {
            Operand<TInt32> axes = scope.constant(reduced);
            mean = scope.math.mean(x, axes, Mean.keepDims(true));
            variance = scope.math.mean(scope.math.squaredDifference(x, scope.stopGradient(mean)), axes,
                    Mean.keepDims(true));
            Operand<TInt32> flat = scope.constant(new int[] {features});
            batchStatistics.add(new BatchStatistics(b, scope.reshape(mean, flat), scope.reshape(variance, flat)));
        } else {
            mean = scope.reshape(param(b.name(), "moving_mean"), perFeature);
            variance = scope.reshape(param(b.name(), "moving_variance"), perFeature);
        }
        Operand<TFloat32> inv = scope.math.rsqrt(scope.math.add(variance, scope.constant((float) b.epsilonFor(input))));
        if (b.scale()) {
            inv = scope.math.mul(inv, scope.reshape(param(b.name(), "gamma"), perFeature));
        }
        Operand<TFloat32> scaledMean = scope.math.mul(mean, inv);
        Operand<TFloat32> shift = b.center()
                ? scope.math.sub(scope.reshape(param(b.name(), "beta"), perFeature), scaledMean)
                : scope.math.neg(scaledMean);
        return scope.math.add(scope.math.mul(x, inv), shift);
    }

    /**
     * Keras's ReLU layer as its backend writes it: {@code x} above the threshold (else 0), clipped to
     * {@code [0, max_value]}, minus {@code negative_slope * relu(threshold - x)}; a leaky ReLU when only the
     * slope is set, TensorFlow's ReLU6 for a maximum of 6 without threshold.
     */
    private static Operand<TFloat32> relu(Ops scope, ReLU r, Operand<TFloat32> x) {
        float slope = (float) r.negativeSlope();
        float threshold = (float) r.threshold();
        if (slope != 0 && r.maxValue().isEmpty() && threshold == 0) {
            return scope.nn.leakyRelu(x, LeakyRelu.alpha(slope));
        }
        boolean relu6 = threshold == 0 && r.maxValue().isPresent() && r.maxValue().getAsDouble() == 6;
        Operand<TFloat32> y;
        if (threshold != 0) {
            y = scope.math.mul(x, scope.dtypes.cast(scope.math.greater(x, scope.constant(threshold)), TFloat32.class));
        } else {
            y = relu6 ? scope.nn.relu6(x) : scope.nn.relu(x);
        }
        if (r.maxValue().isPresent() && !relu6) {
            y = scope.clipByValue(y, scope.constant(0f), scope.constant((float) r.maxValue().getAsDouble()));
        }
        if (slope != 0) {
            Operand<TFloat32> below = scope.nn.relu(threshold == 0 ? scope.math.neg(x)
                    : scope.math.add(scope.math.neg(x), scope.constant(threshold)));
            y = scope.math.sub(y, scope.math.mul(scope.constant(slope), below));
        }
        return y;
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private Operand<TFloat32> addBias(Ops scope, Operand<TFloat32> x, String layer, boolean useBias) {
        return useBias ? scope.nn.biasAdd(x, param(layer, "bias")) : x;
    }

    private static String poolPadding(Padding padding) {
        return padding instanceof Padding.Same ? "SAME" : "VALID";
    }

    private static Operand<TFloat32> pad(Ops scope, Operand<TFloat32> x, int top, int bottom, int left, int right) {
        return scope.pad(x, scope.constant(new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}}),
                scope.constant(0f));
    }

    private static Operand<TFloat32> flatten(Ops scope, Operand<TFloat32> x, Shape flat) {
        return scope.reshape(x, scope.constant(new int[] {-1, Math.toIntExact(flat.elementCount())}));
    }

    /** {@code (batch, ...)} to {@code (batch, ...shape)}, row-major as TensorFlow's reshape. */
    private static Operand<TFloat32> reshape(Ops scope, Operand<TFloat32> x, Shape shape) {
        int[] dims = new int[shape.rank() + 1];
        dims[0] = -1;
        for (int i = 0; i < shape.rank(); i++) {
            dims[i + 1] = shape.dim(i);
        }
        return scope.reshape(x, scope.constant(dims));
    }

    /**
     * Keras's inverted dropout: keep each value with probability {@code 1 - rate} and scale the kept
     * ones by {@code 1 / (1 - rate)}, so that the expected activation is unchanged.
     */
    private static Operand<TFloat32> dropout(Ops scope, Operand<TFloat32> x, double rate, Operand<TInt64> seed,
                                             int layerIndex) {
        // A distinct stateless stream per layer: the fed seed's first word offset by the layer's index in the
        // architecture's (topological) order, which for a sequential network is its position in the list.
        Operand<TInt64> layerSeed = scope.math.add(seed, scope.constant(new long[] {layerIndex * 0x9E3779B97F4A7C15L, 0}));
        Operand<TInt32> shape = scope.shape(x);
        Operand<TFloat32> uniform = scope.random.statelessRandomUniform(shape, layerSeed, TFloat32.class);
        Operand<TFloat32> keep = scope.dtypes.cast(scope.math.greaterEqual(uniform, scope.constant((float) rate)),
                TFloat32.class);
        return scope.math.mul(x, scope.math.mul(keep, scope.constant((float) (1.0 / (1.0 - rate)))));
    }

    /** The activation applied to {@code x}; a null activation (an opaque step's) leaves it as it is. */
    static Operand<TFloat32> activate(Ops scope, Operand<TFloat32> x, Activation activation) {
        if (activation == null) {
            return x;
        }
        return switch (activation) {
            case LINEAR -> x;
            case RELU -> scope.nn.relu(x);
            case SIGMOID -> scope.math.sigmoid(x);
            case TANH -> scope.math.tanh(x);
            case SOFTMAX -> scope.nn.softmax(x);
        };
    }
}
