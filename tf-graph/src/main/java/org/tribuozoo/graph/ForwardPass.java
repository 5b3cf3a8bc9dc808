package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Average;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.ConnectedLayer;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Multiply;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.PositionBias;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.SpatialSoftmax;
import org.tribuozoo.dsl.ZeroPadding2D;

/**
 * Builds the forward pass of an architecture into a graph, layer by layer in the architecture's
 * topological order, over tensors of shape {@code (batch, height, width, channels)} or
 * {@code (batch, units)}: each layer reads the tensors of the layers (or the input) it is connected to.
 *
 * <p>The same variables serve two passes: the training pass, where dropout draws a mask from a
 * stateless generator keyed by a fed seed (so that masks depend only on seed and step, never on
 * thread scheduling), and the inference pass, which has no dropout at all.
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

    private final Ops tf;
    private final Architecture architecture;
    private final Map<String, Operand<TFloat32>> parameters;

    /**
     * @param parameters the variable of each parameter, keyed {@code layer/param}
     */
    ForwardPass(Ops tf, Architecture architecture, Map<String, Operand<TFloat32>> parameters) {
        this.tf = tf;
        this.architecture = architecture;
        this.parameters = parameters;
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
        List<ConnectedLayer> layers = architecture.connectedLayers();
        List<Shape> inputs = architecture.inputShapes();
        List<Shape> outputs = architecture.outputShapes();
        Step step = null;
        for (int i = 0; i < layers.size(); i++) {
            ConnectedLayer layer = layers.get(i);
            List<Operand<TFloat32>> xs = new ArrayList<>(layer.inbound().size());
            layer.inbound().forEach(name -> xs.add(values.get(name)));
            Ops scope = tf.withSubScope("l" + i);
            step = layer.layer().accept(new LayerOps(scope, xs, inputs.get(i), outputs.get(i), i, dropoutSeed));
            values.put(layer.name(), activate(scope, step.linear(), step.activation()));
        }
        // The output layer is the last: every other layer leads to it.
        Operand<TFloat32> x = values.get(layers.get(layers.size() - 1).name());
        Operand<TFloat32> preActivation = step.linear();
        Activation lastActivation = step.activation();
        Shape out = architecture.outputShape();
        Ending ending = switch (lastActivation) {
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

    /** One layer's graph: its linear part and the activation to apply to it. */
    private record Step(Operand<TFloat32> linear, Activation activation) {
        static Step linear(Operand<TFloat32> linear) {
            return new Step(linear, Activation.LINEAR);
        }
    }

    /** The graph of one layer, given its input values and shapes. */
    private final class LayerOps implements Layer.Visitor<Step> {
        private final Ops scope;
        /** The value of each input, in order: one, except for a merge layer. */
        private final List<Operand<TFloat32>> xs;
        /** The first (for most layers, the only) input value. */
        private final Operand<TFloat32> x;
        /** The shape of the first input. */
        private final Shape input;
        private final Shape output;
        private final int index;
        /** Null in the inference pass. */
        private final Operand<TInt64> dropoutSeed;

        LayerOps(Ops scope, List<Operand<TFloat32>> xs, Shape input, Shape output, int index,
                 Operand<TInt64> dropoutSeed) {
            this.scope = scope;
            this.xs = xs;
            this.x = xs.get(0);
            this.input = input;
            this.output = output;
            this.index = index;
            this.dropoutSeed = dropoutSeed;
        }

        @Override
        public Step visit(Conv2D c) {
            return new Step(addBias(scope, conv(scope, c, x, input), c.name(), c.useBias()), c.activation());
        }

        @Override
        public Step visit(MaxPool2D p) {
            return Step.linear(scope.nn.maxPool(x, scope.constant(new int[] {1, p.poolHeight(), p.poolWidth(), 1}),
                    scope.constant(new int[] {1, p.strideHeight(), p.strideWidth(), 1}), poolPadding(p.padding())));
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
    }

    private Operand<TFloat32> param(String layer, String name) {
        Operand<TFloat32> p = parameters.get(layer + "/" + name);
        if (p == null) {
            throw new IllegalStateException("no variable for " + layer + "/" + name);
        }
        return p;
    }

    private Operand<TFloat32> conv(Ops scope, Conv2D c, Operand<TFloat32> x, Shape input) {
        String padding;
        Operand<TFloat32> in = x;
        if (c.padding() instanceof Padding.Same) {
            padding = "SAME"; // TensorFlow's SAME is Keras's: the odd extra row/column at the bottom/right
        } else {
            padding = "VALID";
            Padding.Explicit p = c.paddingFor(input);
            if (!p.isZero()) {
                in = pad(scope, x, p.top(), p.bottom(), p.left(), p.right());
            }
        }
        return scope.nn.conv2d(in, param(c.name(), "kernel"),
                List.of(1L, (long) c.strideHeight(), (long) c.strideWidth(), 1L), padding);
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

    static Operand<TFloat32> activate(Ops scope, Operand<TFloat32> x, Activation activation) {
        return switch (activation) {
            case LINEAR -> x;
            case RELU -> scope.nn.relu(x);
            case SIGMOID -> scope.math.sigmoid(x);
            case TANH -> scope.math.tanh(x);
            case SOFTMAX -> scope.nn.softmax(x);
        };
    }
}
