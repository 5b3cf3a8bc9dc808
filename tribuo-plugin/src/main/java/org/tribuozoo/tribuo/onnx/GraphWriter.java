package org.tribuozoo.tribuo.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Softmax;
import org.tribuozoo.dsl.SeparableConv2D;
import org.tribuozoo.dsl.Reshape;
import org.tribuozoo.dsl.ReLU;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.DepthwiseConv2D;
import org.tribuozoo.dsl.BatchNormalization;
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
import org.tribuozoo.graph.Weights;

/**
 * Writes one architecture's inference pass into an {@link ONNXContext}, layer by layer in the
 * architecture's topological order, mirroring tf-graph's forward pass: each layer reads the values of
 * the layers (or the input) it is connected to. Between layers an image is kept in ONNX's NCHW layout
 * (Conv and the pooling operators only take channels first); wherever TensorFlow's element order becomes
 * visible (flattening, the spatial softmax, a per-position bias, the axis of a concatenation) the writer
 * goes back to, or accounts for, NHWC order.
 *
 * <p>Single use: one writer writes one graph.
 */
final class GraphWriter {

    private static final int[] NHWC_TO_NCHW = {0, 3, 1, 2};
    private static final int[] NCHW_TO_NHWC = {0, 2, 3, 1};
    /** Softmax over channels: axis 1 both of a flat {@code (batch, units)} and of an NCHW image. */
    private static final int CHANNEL_AXIS = 1;

    private final ONNXContext ctx;
    private final Weights weights;
    /**
     * The value being written: before a layer, its (first) input; after it, its output. {@code (batch,
     * units)} or an NCHW image.
     */
    private ONNXRef<?> current;

    GraphWriter(ONNXRef<?> flatInput, Weights weights) {
        this.ctx = flatInput.onnxContext();
        this.current = flatInput;
        this.weights = weights;
    }

    /**
     * Writes the whole pass.
     *
     * @return the output, {@code (batch, units)}, or {@code (batch, 2)} for a widened single unit
     */
    ONNXNode write(Architecture architecture, double pixelScale, double pixelOffset,
                   boolean binarySigmoidToTwoClasses) {
        scalePixels(pixelScale, pixelOffset);
        Shape input = architecture.inputShape();
        if (input.isImage()) {
            // The flat vector is row-major (h, w, c), exactly as a Tribuo example lists its pixels.
            reshape("input_nhwc", -1, input.height(), input.width(), input.channels());
            current = apply(ConvNetOperators.TRANSPOSE, "input_nchw", Map.of("perm", NHWC_TO_NCHW));
        }
        // The value of every layer so far (and of the input), by name; an identity layer maps to its input.
        Map<String, ONNXRef<?>> values = new HashMap<>();
        values.put(architecture.inputName(), current);
        List<ConnectedLayer> layers = architecture.connectedLayers();
        List<Shape> inputs = architecture.inputShapes();
        for (int i = 0; i < layers.size(); i++) {
            ConnectedLayer layer = layers.get(i);
            List<ONNXRef<?>> in = new ArrayList<>(layer.inbound().size());
            layer.inbound().forEach(name -> in.add(values.get(name)));
            current = in.get(0);
            layer.layer().accept(new LayerWriter(inputs.get(i), architecture.outputShapes().get(i), in));
            values.put(layer.name(), current);
        }
        // The output layer is the last: every other layer leads to it, so current is its value.
        Shape out = architecture.outputShape();
        if (out.isImage()) {
            // tf-graph flattens an image-shaped output in NHWC order; so must the exported model.
            flattenNhwc("output_flat", out);
        }
        if (binarySigmoidToTwoClasses && out.elementCount() == 1) {
            widenToTwoClasses();
        }
        if (!(current instanceof ONNXNode)) {
            // Nothing was computed (a flat network of dropouts without scaling): still return a node.
            current = apply(ONNXOperators.IDENTITY, "output_identity", Map.of());
        }
        return (ONNXNode) current;
    }

    private void scalePixels(double scale, double offset) {
        // float constants, Mul then Add: the same float operations the Tribuo-side conversion does,
        // so the network sees bit-identical inputs. Multiplying by 1 or adding 0 changes nothing.
        if (scale != 1.0) {
            current = apply(ONNXOperators.MUL, "pixels_scaled", Map.of(), ctx.constant("pixel_scale", (float) scale));
        }
        if (offset != 0.0) {
            current = apply(ONNXOperators.ADD, "pixels_shifted", Map.of(),
                    ctx.constant("pixel_offset", (float) offset));
        }
    }

    /**
     * Writes one layer after its (first) input, {@link #current}, given that input's shape; a merge layer
     * reads all of {@code inputs}. Inference only: dropout is the identity.
     */
    private final class LayerWriter implements Layer.Visitor<Void> {
        private final Shape in;
        private final Shape out;
        private final List<ONNXRef<?>> inputs;

        LayerWriter(Shape in, Shape out, List<ONNXRef<?>> inputs) {
            this.in = in;
            this.out = out;
            this.inputs = inputs;
        }

        @Override
        public Void visit(Conv2D c) {
            conv(c, in);
            activate(c.activation(), c.name());
            return null;
        }

        @Override
        public Void visit(MaxPool2D p) {
            Padding.Explicit pads = p.paddingFor(in);
            current = apply(ConvNetOperators.MAX_POOL, p.name() + "_maxpool", Map.of(
                    "kernel_shape", new int[] {p.poolHeight(), p.poolWidth()},
                    "strides", new int[] {p.strideHeight(), p.strideWidth()},
                    "pads", convPads(pads)));
            return null;
        }

        @Override
        public Void visit(AvgPool2D p) {
            Padding.Explicit pads = p.paddingFor(in);
            current = apply(ConvNetOperators.AVERAGE_POOL, p.name() + "_avgpool", Map.of(
                    "kernel_shape", new int[] {p.poolHeight(), p.poolWidth()},
                    "strides", new int[] {p.strideHeight(), p.strideWidth()},
                    "pads", convPads(pads),
                    // TensorFlow's SAME average pooling divides by the number of real inputs in the window.
                    "count_include_pad", 0));
            return null;
        }

        @Override
        public Void visit(ZeroPadding2D z) {
            zeroPad(z);
            return null;
        }

        @Override
        public Void visit(Dropout d) {
            return null; // the identity at inference
        }

        @Override
        public Void visit(Flatten f) {
            if (in.isImage()) {
                flattenNhwc(f.name(), in);
            }
            return null;
        }

        @Override
        public Void visit(Dense d) {
            dense(d, in);
            activate(d.activation(), d.name());
            return null;
        }

        @Override
        public Void visit(ActivationLayer a) {
            activate(a.activation(), a.name());
            return null;
        }

        @Override
        public Void visit(Rescaling r) {
            current = apply(ONNXOperators.MUL, r.name() + "_scaled", Map.of(),
                    ctx.constant(r.name() + "/scale", (float) r.scale()));
            current = apply(ONNXOperators.ADD, r.name() + "_shifted", Map.of(),
                    ctx.constant(r.name() + "/offset", (float) r.offset()));
            return null;
        }

        @Override
        public Void visit(PositionBias b) {
            positionBias(b, in);
            return null;
        }

        @Override
        public Void visit(SpatialSoftmax s) {
            flattenNhwc(s.name(), in);
            softmax(s.name());
            return null;
        }

        @Override
        public Void visit(Add a) {
            current = apply(ONNXOperators.SUM, a.name() + "_sum", Map.of(), rest());
            return null;
        }

        @Override
        public Void visit(Concatenate c) {
            current = apply(ONNXOperators.CONCAT, c.name() + "_concat", Map.of("axis", onnxAxis(c, in)), rest());
            return null;
        }

        @Override
        public Void visit(Multiply m) {
            // Mul takes two inputs: multiply them in one at a time, in order.
            List<ONNXRef<?>> rest = rest();
            for (int i = 0; i < rest.size(); i++) {
                current = apply(ONNXOperators.MUL, m.name() + "_mul" + (rest.size() == 1 ? "" : "_" + (i + 1)),
                        Map.of(), rest.get(i));
            }
            return null;
        }

        @Override
        public Void visit(Average a) {
            current = apply(ConvNetOperators.MEAN, a.name() + "_mean", Map.of(), rest());
            return null;
        }

        /** The inputs after the first, which {@link #current} already is. */
        private List<ONNXRef<?>> rest() {
            return inputs.subList(1, inputs.size());
        }

        @Override
        public Void visit(BatchNormalization b) {
            batchNormalization(b, in);
            return null;
        }

        @Override
        public Void visit(GlobalAveragePooling2D p) {
            globalPool(ConvNetOperators.GLOBAL_AVERAGE_POOL, p.name() + "_global_avgpool", p.keepdims(), in);
            return null;
        }

        @Override
        public Void visit(GlobalMaxPooling2D p) {
            globalPool(ConvNetOperators.GLOBAL_MAX_POOL, p.name() + "_global_maxpool", p.keepdims(), in);
            return null;
        }

        @Override
        public Void visit(DepthwiseConv2D c) {
            depthwise(c.name(), c.name() + "_depthwise", c.kernelHeight(), c.kernelWidth(), c.strideHeight(),
                    c.strideWidth(), c.paddingFor(in), c.depthMultiplier(), in,
                    c.useBias() ? vector(c.name(), "bias") : null);
            activate(c.activation(), c.name());
            return null;
        }

        @Override
        public Void visit(SeparableConv2D c) {
            depthwise(c.name(), c.name() + "_depthwise", c.kernelHeight(), c.kernelWidth(), c.strideHeight(),
                    c.strideWidth(), c.paddingFor(in), c.depthMultiplier(), in, null);
            int mid = c.intermediateChannels(in);
            float[] oihw = TensorLayouts.hwioToOihw(weights.values(c.name(), "pointwise_kernel"), 1, 1, mid,
                    c.filters());
            ONNXInitializer kernel = ctx.floatTensor(c.name() + "/pointwise_kernel", List.of(c.filters(), mid, 1, 1),
                    fb -> fb.put(oihw));
            List<ONNXRef<?>> operands = c.useBias() ? List.of(kernel, vector(c.name(), "bias")) : List.of(kernel);
            current = apply(ConvNetOperators.CONV, c.name() + "_pointwise", Map.of("kernel_shape", new int[] {1, 1}),
                    operands);
            activate(c.activation(), c.name());
            return null;
        }

        @Override
        public Void visit(ReLU r) {
            relu(r);
            return null;
        }

        @Override
        public Void visit(Softmax s) {
            // The axis in ONNX's layout: an NHWC image's height, width, channels are NCHW's 2, 3, 1.
            int axis = in.isImage() ? new int[] {2, 3, 1}[s.axisIndex(in)] : CHANNEL_AXIS;
            current = apply(ONNXOperators.SOFTMAX, s.name() + "_softmax", Map.of("axis", axis));
            return null;
        }

        @Override
        public Void visit(Reshape r) {
            reshapeTo(r.name(), in, out);
            return null;
        }
    }

    /**
     * A concatenation axis in the layout the writer keeps: the NHWC axes (h, w, c) of an image are axes
     * (2, 3, 1) of NCHW; a flat value keeps (batch, units).
     */
    private static int onnxAxis(Concatenate c, Shape in) {
        int axis = c.shapeAxis(in.rank());
        return in.isImage() ? new int[] {2, 3, 1}[axis] : axis + 1;
    }

    private void conv(Conv2D c, Shape in) {
        int kh = c.kernelHeight();
        int kw = c.kernelWidth();
        float[] oihw = TensorLayouts.hwioToOihw(weights.values(c.name(), "kernel"), kh, kw, in.channels(),
                c.filters());
        ONNXInitializer kernel = ctx.floatTensor(c.name() + "/kernel", List.of(c.filters(), in.channels(), kh, kw),
                fb -> fb.put(oihw));
        List<ONNXRef<?>> operands = c.useBias() ? List.of(kernel, vector(c.name(), "bias")) : List.of(kernel);
        Map<String, Object> attributes = new java.util.HashMap<>(Map.of(
                "kernel_shape", new int[] {kh, kw},
                "strides", new int[] {c.strideHeight(), c.strideWidth()},
                // Explicit pads, never auto_pad: Keras's "same" puts the odd extra row and column at the
                // bottom and right, which Padding.resolve already worked out.
                "pads", convPads(c.paddingFor(in))));
        if (c.dilated()) {
            // Only when dilated, so that undilated convolutions export the same bytes as before.
            attributes.put("dilations", new int[] {c.dilationHeight(), c.dilationWidth()});
        }
        current = apply(ConvNetOperators.CONV, c.name() + "_conv", attributes, operands);
    }

    /**
     * A depthwise convolution as ONNX's grouped Conv, one group per input channel. TensorFlow's kernel
     * {@code (kh, kw, in, multiplier)} holds the same values in the same order as an HWIO kernel
     * {@code (kh, kw, 1, in * multiplier)}, output channel {@code i * multiplier + m} in both, so the
     * usual HWIO to OIHW reordering gives Conv's {@code (in * multiplier, 1, kh, kw)}.
     */
    private void depthwise(String layer, String output, int kh, int kw, int strideHeight, int strideWidth,
                           Padding.Explicit pads, int multiplier, Shape in, ONNXInitializer bias) {
        int channels = in.channels() * multiplier;
        float[] oihw = TensorLayouts.hwioToOihw(weights.values(layer, "depthwise_kernel"), kh, kw, 1, channels);
        ONNXInitializer kernel = ctx.floatTensor(layer + "/depthwise_kernel", List.of(channels, 1, kh, kw),
                fb -> fb.put(oihw));
        current = apply(ConvNetOperators.CONV, output, Map.of(
                "group", in.channels(),
                "kernel_shape", new int[] {kh, kw},
                "strides", new int[] {strideHeight, strideWidth},
                "pads", convPads(pads)), bias == null ? List.of(kernel) : List.of(kernel, bias));
    }

    /**
     * Batch normalisation with the moving statistics: ONNX's BatchNormalization where the axis is the
     * channels (axis 1 both of NCHW and of a flat {@code (N, C)}); otherwise {@code x * a + b} with
     * {@code a = gamma / sqrt(variance + epsilon)} and {@code b = beta - mean * a}, shaped to broadcast
     * along the axis.
     */
    private void batchNormalization(BatchNormalization b, Shape in) {
        int features = b.features(in);
        float[] gamma = b.scale() ? weights.values(b.name(), "gamma") : filled(features, 1f);
        float[] beta = b.center() ? weights.values(b.name(), "beta") : new float[features];
        double epsilon = b.epsilonFor(in);
        if (b.axisIndex(in) == in.rank() - 1) {
            ONNXInitializer scale = b.scale() ? vector(b.name(), "gamma")
                    : ctx.floatTensor(b.name() + "/gamma", List.of(features), fb -> fb.put(gamma));
            ONNXInitializer offset = b.center() ? vector(b.name(), "beta")
                    : ctx.floatTensor(b.name() + "/beta", List.of(features), fb -> fb.put(beta));
            current = apply(ConvNetOperators.BATCH_NORMALIZATION, b.name() + "_batchnorm",
                    Map.of("epsilon", (float) epsilon, "momentum", (float) b.momentum()),
                    List.of(scale, offset, vector(b.name(), "moving_mean"), vector(b.name(), "moving_variance")));
            return;
        }
        float[] mean = weights.values(b.name(), "moving_mean");
        float[] variance = weights.values(b.name(), "moving_variance");
        float[] a = new float[features];
        float[] shift = new float[features];
        for (int f = 0; f < features; f++) {
            double scale = gamma[f] / Math.sqrt(variance[f] + epsilon);
            a[f] = (float) scale;
            shift[f] = (float) (beta[f] - mean[f] * scale);
        }
        // An image's height (NCHW axis 2) broadcasts as (h, 1), its width (axis 3) as (w).
        List<Integer> dims = b.axisIndex(in) == 0 ? List.of(features, 1) : List.of(features);
        current = apply(ONNXOperators.MUL, b.name() + "_scaled", Map.of(),
                ctx.floatTensor(b.name() + "/scale", dims, fb -> fb.put(a)));
        current = apply(ONNXOperators.ADD, b.name() + "_shifted", Map.of(),
                ctx.floatTensor(b.name() + "/shift", dims, fb -> fb.put(shift)));
    }

    /** Global pooling of an NCHW image to {@code (N, C, 1, 1)}, then to {@code (N, C)} unless kept. */
    private void globalPool(ConvNetOperators op, String output, boolean keepdims, Shape in) {
        current = apply(op, output, Map.of());
        if (!keepdims) {
            reshape(output + "_flat", -1, in.channels());
        }
    }

    /**
     * Keras's ReLU layer: Relu, LeakyRelu for a slope alone; otherwise {@code x} above the threshold
     * (else 0), clipped to {@code [0, max_value]}, minus {@code slope * relu(threshold - x)}.
     */
    private void relu(ReLU r) {
        String name = r.name();
        if (r.isPlain()) {
            current = apply(ConvNetOperators.RELU, name + "_relu", Map.of());
            return;
        }
        float slope = (float) r.negativeSlope();
        float threshold = (float) r.threshold();
        if (slope != 0 && r.maxValue().isEmpty() && threshold == 0) {
            current = apply(ConvNetOperators.LEAKY_RELU, name + "_leaky_relu", Map.of("alpha", slope));
            return;
        }
        ONNXRef<?> x = current;
        if (threshold != 0) {
            ONNXInitializer t = ctx.constant(name + "/threshold", threshold);
            ONNXNode above = x.apply(ONNXOperators.GREATER, t, name + "_above");
            current = above.apply(ONNXOperators.WHERE, List.of(x, ctx.constant(name + "/zero", 0f)),
                    List.of(name + "_thresholded"), Map.of()).get(0);
        } else {
            current = apply(ConvNetOperators.RELU, name + "_relu", Map.of());
        }
        if (r.maxValue().isPresent()) {
            current = apply(ConvNetOperators.CLIP, name + "_clipped", Map.of(),
                    ctx.constant(name + "/min", 0f), ctx.constant(name + "/max", (float) r.maxValue().getAsDouble()));
        }
        if (slope != 0) {
            ONNXNode below = threshold == 0 ? x.apply(ONNXOperators.NEG, name + "_negated")
                    : ctx.constant(name + "/threshold_minus", threshold).apply(ONNXOperators.SUB, x, name + "_below");
            ONNXNode negative = below.apply(ConvNetOperators.RELU, name + "_negative_part")
                    .apply(ONNXOperators.MUL, ctx.constant(name + "/slope", slope), name + "_sloped");
            current = apply(ONNXOperators.SUB, name + "_leaky", Map.of(), negative);
        }
    }

    /**
     * Keras's Reshape, which is row-major over TensorFlow's NHWC order: an image goes back to NHWC
     * before, and an image result to NCHW after.
     */
    private void reshapeTo(String name, Shape in, Shape out) {
        if (in.isImage()) {
            current = apply(ConvNetOperators.TRANSPOSE, name + "_nhwc", Map.of("perm", NCHW_TO_NHWC));
        }
        if (out.isImage()) {
            reshape(name + "_reshaped", -1, out.height(), out.width(), out.channels());
            current = apply(ConvNetOperators.TRANSPOSE, name + "_nchw", Map.of("perm", NHWC_TO_NCHW));
        } else if (in.isImage()) {
            reshape(name + "_flat", -1, out.elementCount());
        }
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private void dense(Dense d, Shape in) {
        // TensorFlow's dense kernel is (in, units), exactly Gemm's B without transposition.
        float[] kernel = weights.values(d.name(), "kernel");
        ONNXInitializer b = ctx.floatTensor(d.name() + "/kernel", List.of(in.dim(0), d.units()), fb -> fb.put(kernel));
        List<ONNXRef<?>> operands = d.useBias() ? List.of(b, vector(d.name(), "bias")) : List.of(b);
        current = apply(ONNXOperators.GEMM, d.name() + "_gemm", Map.of(), operands);
    }

    private void zeroPad(ZeroPadding2D z) {
        // Pad's int64 pads list every axis of the NCHW tensor: all begins, then all ends.
        ONNXInitializer pads = ctx.array(z.name() + "/pads",
                new long[] {0, 0, z.top(), z.left(), 0, 0, z.bottom(), z.right()});
        current = apply(ConvNetOperators.PAD, z.name() + "_pad", Map.of("mode", "constant"), pads);
    }

    private void positionBias(PositionBias b, Shape in) {
        float[] values = weights.values(b.name(), "bias");
        ONNXInitializer bias;
        if (in.isImage()) {
            // Stored (h, w, c) like the activation TensorFlow adds it to; here the activation is NCHW.
            float[] chw = TensorLayouts.hwcToChw(values, in.height(), in.width(), in.channels());
            bias = ctx.floatTensor(b.name() + "/bias", List.of(in.channels(), in.height(), in.width()),
                    fb -> fb.put(chw));
        } else {
            bias = ctx.floatTensor(b.name() + "/bias", List.of(in.dims().toArray(Integer[]::new)),
                    fb -> fb.put(values));
        }
        current = apply(ONNXOperators.ADD, b.name() + "_add", Map.of(), bias);
    }

    private void activate(Activation activation, String layer) {
        switch (activation) {
            case LINEAR -> {
            }
            case RELU -> current = apply(ConvNetOperators.RELU, layer + "_relu", Map.of());
            case SIGMOID -> current = apply(ONNXOperators.SIGMOID, layer + "_sigmoid", Map.of());
            case TANH -> current = apply(ConvNetOperators.TANH, layer + "_tanh", Map.of());
            case SOFTMAX -> softmax(layer);
            default -> throw new IllegalArgumentException("activation " + activation + " has no ONNX translation");
        }
    }

    /** A softmax over the channel axis: the last axis in TensorFlow's NHWC, axis 1 of a flat or NCHW value. */
    private void softmax(String layer) {
        current = apply(ONNXOperators.SOFTMAX, layer + "_softmax", Map.of("axis", CHANNEL_AXIS));
    }

    /** NCHW image to {@code (batch, h*w*c)} in TensorFlow's row-major (h, w, c) element order. */
    private void flattenNhwc(String name, Shape image) {
        current = apply(ConvNetOperators.TRANSPOSE, name + "_nhwc", Map.of("perm", NCHW_TO_NHWC));
        reshape(name + "_flat", -1, image.elementCount());
    }

    private void reshape(String name, long... dims) {
        current = apply(ConvNetOperators.RESHAPE, name, Map.of(), ctx.array(name + "/shape", dims));
    }

    /** One unit {@code p} to {@code [1 - p, p]}: the scores of the (negative, positive) labels. */
    private void widenToTwoClasses() {
        ONNXRef<?> positive = current;
        ONNXNode negative = ctx.constant("one", 1f).apply(ONNXOperators.SUB, positive, "negative_class");
        current = negative.apply(ONNXOperators.CONCAT, List.of(positive), List.of("two_classes"),
                Map.of("axis", 1)).get(0);
    }

    private ONNXInitializer vector(String layer, String parameter) {
        float[] values = weights.values(layer, parameter);
        return ctx.floatTensor(layer + "/" + parameter, List.of(values.length), fb -> fb.put(values));
    }

    /** ONNX Conv/pool pads: {@code [top, left, bottom, right]} (all begins, then all ends). */
    private static int[] convPads(Padding.Explicit p) {
        return new int[] {p.top(), p.left(), p.bottom(), p.right()};
    }

    private ONNXNode apply(ONNXOperator op, String output, Map<String, Object> attributes, ONNXRef<?>... operands) {
        return apply(op, output, attributes, List.of(operands));
    }

    private ONNXNode apply(ONNXOperator op, String output, Map<String, Object> attributes,
                           List<ONNXRef<?>> operands) {
        // Sorted by name: Map.of iterates in an order that changes from one JVM to the next, and an
        // export must give the same bytes every time.
        return current.apply(op, operands, List.of(output), new java.util.TreeMap<>(attributes)).get(0);
    }
}
