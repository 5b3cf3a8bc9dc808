package org.tribuozoo.keras;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Average;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.Constraint;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.DepthwiseConv2D;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.Initializer;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.MergeLayer;
import org.tribuozoo.dsl.Multiply;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.ReLU;
import org.tribuozoo.dsl.SeparableConv2D;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.Reshape;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.Softmax;
import org.tribuozoo.dsl.ZeroPadding2D;
import org.tribuozoo.keras.ImportContext.Layout;
import org.tribuozoo.keras.ImportContext.Tensor;

/**
 * The Keras layer classes the importer translates, one entry each: the Keras class name and the
 * method that turns such a layer into a DSL layer with its weights, keeping track of how Keras holds
 * its output (layout, and the value order of a flattened channels_first image). A new layer type plugs
 * in as one entry and one method; a class not in the table is refused by name.
 */
final class KerasLayerMappings {

    /** Translates one Keras layer into the context: a DSL layer, its weights, its output's layout. */
    @FunctionalInterface
    interface Mapping {
        void map(KerasLayer layer, ImportContext ctx);
    }

    /** Keras class name to its translation. Keras 1 names (Convolution2D, ...) are not here: refused. */
    static final Map<String, Mapping> TABLE = Map.ofEntries(
            Map.entry("InputLayer", KerasLayerMappings::input),
            Map.entry("Conv2D", KerasLayerMappings::conv2d),
            Map.entry("DepthwiseConv2D", KerasLayerMappings::depthwiseConv2d),
            Map.entry("SeparableConv2D", KerasLayerMappings::separableConv2d),
            Map.entry("Dense", KerasLayerMappings::dense),
            Map.entry("MaxPooling2D", (layer, ctx) -> pool(layer, ctx, true)),
            Map.entry("AveragePooling2D", (layer, ctx) -> pool(layer, ctx, false)),
            Map.entry("GlobalAveragePooling2D", (layer, ctx) -> globalPool(layer, ctx, false)),
            Map.entry("GlobalMaxPooling2D", (layer, ctx) -> globalPool(layer, ctx, true)),
            Map.entry("ZeroPadding2D", KerasLayerMappings::zeroPadding),
            Map.entry("BatchNormalization", KerasLayerMappings::batchNormalization),
            Map.entry("Dropout", KerasLayerMappings::dropout),
            Map.entry("Flatten", KerasLayerMappings::flatten),
            Map.entry("Reshape", KerasLayerMappings::reshape),
            Map.entry("Activation", KerasLayerMappings::activation),
            Map.entry("ReLU", KerasLayerMappings::relu),
            Map.entry("LeakyReLU", KerasLayerMappings::leakyRelu),
            Map.entry("ThresholdedReLU", KerasLayerMappings::thresholdedRelu),
            Map.entry("Softmax", KerasLayerMappings::softmax),
            Map.entry("Rescaling", KerasLayerMappings::rescaling),
            Map.entry("Add", (layer, ctx) -> merge(layer, ctx, () -> new Add(layer.name()))),
            Map.entry("Multiply", (layer, ctx) -> merge(layer, ctx, () -> new Multiply(layer.name()))),
            Map.entry("Average", (layer, ctx) -> merge(layer, ctx, () -> new Average(layer.name()))),
            Map.entry("Concatenate", KerasLayerMappings::concatenate));

    /** The options of a layer with a kernel and a bias; regularizers are dropped with a note. */
    private static final Set<String> WEIGHTED_KEYS = Set.of("activation", "use_bias", "kernel_initializer",
            "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
            "bias_constraint");

    private KerasLayerMappings() {
    }

    /**
     * The translation of a Keras class.
     *
     * @throws KerasImportException naming the layer and listing the supported classes
     */
    static Mapping of(KerasLayer layer) {
        String cls = layer.kerasClass();
        Mapping m = TABLE.get(cls);
        if (m == null) {
            throw layer.unsupported("layer type " + cls + " is not supported (supported: "
                    + String.join(", ", new TreeMap<>(TABLE).keySet()) + ")");
        }
        return m;
    }

    // ------------------------------------------------------------------ the translations

    private static void input(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("sparse", "ragged", "optional"));
        ctx.alias(ctx.input());
    }

    private static void conv2d(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(union(WEIGHTED_KEYS, "filters", "kernel_size", "strides", "padding", "data_format",
                "dilation_rate", "groups"));
        layer.requireUnset("bias_constraint");
        ctx.dropRegularizers(layer, "kernel_regularizer", "bias_regularizer", "activity_regularizer");
        Tensor in = spatialInput(layer, ctx);
        requireNoGroups(layer);
        int[] kernel = layer.pair("kernel_size", null);
        int[] strides = layer.pair("strides", new int[] {1, 1});
        int[] dilation = layer.pair("dilation_rate", new int[] {1, 1});
        boolean bias = layer.bool("use_bias", true);
        Conv2D conv = build(layer, () -> new Conv2D(layer.name(), layer.integer("filters"), kernel[0], kernel[1],
                strides[0], strides[1], dilation[0], dilation[1], padding(layer), imageActivation(layer, in.layout()),
                bias, KerasSettings.initializer(layer, "kernel_initializer", Initializer.glorotUniform()),
                KerasSettings.initializer(layer, "bias_initializer", Initializer.zeros()),
                KerasSettings.constraint(layer, "kernel_constraint", 3)));
        ctx.add(layer, conv, ctx.file().weights(layer.name()), in.layout(), null);
    }

    private static void depthwiseConv2d(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
                "depth_multiplier", "activation", "use_bias", "depthwise_initializer", "bias_initializer",
                "depthwise_regularizer", "bias_regularizer", "activity_regularizer", "depthwise_constraint",
                "bias_constraint"));
        layer.requireUnset("depthwise_constraint", "bias_constraint");
        ctx.dropRegularizers(layer, "depthwise_regularizer", "bias_regularizer", "activity_regularizer");
        Tensor in = spatialInput(layer, ctx);
        requireNoDilation(layer);
        requireNoGroups(layer);
        int[] kernel = layer.pair("kernel_size", null);
        int[] strides = layer.pair("strides", new int[] {1, 1});
        int multiplier = layer.has("depth_multiplier") ? layer.integer("depth_multiplier") : 1;
        DepthwiseConv2D conv = build(layer, () -> new DepthwiseConv2D(layer.name(), kernel[0], kernel[1], strides[0],
                strides[1], padding(layer), multiplier, imageActivation(layer, in.layout()),
                layer.bool("use_bias", true),
                KerasSettings.initializer(layer, "depthwise_initializer", Initializer.glorotUniform()),
                KerasSettings.initializer(layer, "bias_initializer", Initializer.zeros()), Constraint.none()));
        ctx.add(layer, conv, ctx.file().weights(layer.name()), in.layout(), null);
    }

    private static void separableConv2d(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                "depth_multiplier", "activation", "use_bias", "depthwise_initializer", "pointwise_initializer",
                "bias_initializer", "depthwise_regularizer", "pointwise_regularizer", "bias_regularizer",
                "activity_regularizer", "depthwise_constraint", "pointwise_constraint", "bias_constraint"));
        layer.requireUnset("depthwise_constraint", "pointwise_constraint", "bias_constraint");
        ctx.dropRegularizers(layer, "depthwise_regularizer", "pointwise_regularizer", "bias_regularizer",
                "activity_regularizer");
        Tensor in = spatialInput(layer, ctx);
        requireNoDilation(layer);
        int[] kernel = layer.pair("kernel_size", null);
        int[] strides = layer.pair("strides", new int[] {1, 1});
        int multiplier = layer.has("depth_multiplier") ? layer.integer("depth_multiplier") : 1;
        Initializer depthwise = KerasSettings.initializer(layer, "depthwise_initializer", Initializer.glorotUniform());
        Initializer pointwise = KerasSettings.initializer(layer, "pointwise_initializer", Initializer.glorotUniform());
        Initializer biasInit = KerasSettings.initializer(layer, "bias_initializer", Initializer.zeros());
        Activation activation = imageActivation(layer, in.layout());
        boolean bias = layer.bool("use_bias", true);
        SeparableConv2D conv = build(layer, () -> new SeparableConv2D(layer.name(), layer.integer("filters"),
                kernel[0], kernel[1], strides[0], strides[1], padding(layer), multiplier, activation, bias, depthwise,
                pointwise, biasInit, Constraint.none(), Constraint.none()));
        ctx.add(layer, conv, ctx.file().weights(layer.name()), in.layout(), null);
    }

    private static void dense(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(union(WEIGHTED_KEYS, "units"));
        layer.requireUnset("bias_constraint");
        ctx.dropRegularizers(layer, "kernel_regularizer", "bias_regularizer", "activity_regularizer");
        Tensor in = ctx.input();
        if (in.layout() != Layout.FLAT) {
            throw layer.unsupported("a Dense layer over " + in.layout().describe() + " (it acts on the last axis) is "
                    + "not supported; the DSL's Dense takes a vector (Flatten first)");
        }
        boolean bias = layer.bool("use_bias", true);
        Dense dense = build(layer, () -> new Dense(layer.name(), layer.integer("units"),
                KerasSettings.activation(layer, "activation"), bias,
                KerasSettings.initializer(layer, "kernel_initializer", Initializer.glorotUniform()),
                KerasSettings.initializer(layer, "bias_initializer", Initializer.zeros()),
                KerasSettings.constraint(layer, "kernel_constraint", 1)));
        List<KerasTensor> values = new ArrayList<>(ctx.file().weights(layer.name()));
        if (in.rowOrder() != null && !values.isEmpty()) {
            values.set(0, takeRows(values.get(0), in.rowOrder(), layer));
        }
        ctx.add(layer, dense, values, Layout.FLAT, null);
    }

    private static void pool(KerasLayer layer, ImportContext ctx, boolean max) {
        layer.requireOnly(Set.of("pool_size", "strides", "padding", "data_format"));
        Tensor in = spatialInput(layer, ctx);
        int[] size = layer.pair("pool_size", new int[] {2, 2});
        int[] strides = layer.pair("strides", size);
        Padding padding = padding(layer);
        Layer pool = build(layer, () -> max
                ? new MaxPool2D(layer.name(), size[0], size[1], strides[0], strides[1], padding)
                : new AvgPool2D(layer.name(), size[0], size[1], strides[0], strides[1], padding));
        ctx.add(layer, pool, List.of(), in.layout(), null);
    }

    private static void globalPool(KerasLayer layer, ImportContext ctx, boolean max) {
        layer.requireOnly(Set.of("data_format", "keepdims"));
        Tensor in = spatialInput(layer, ctx);
        boolean keepdims = layer.bool("keepdims", false);
        // (c) in either layout; kept dimensions, (1, 1, c) or (c, 1, 1), hold the values in the same order.
        Layer pool = build(layer, () -> max ? new GlobalMaxPooling2D(layer.name(), keepdims)
                : new GlobalAveragePooling2D(layer.name(), keepdims));
        ctx.add(layer, pool, List.of(), in.layout(), null);
    }

    private static void zeroPadding(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("padding", "data_format"));
        Tensor in = spatialInput(layer, ctx);
        var p = layer.get("padding");
        int top;
        int bottom;
        int left;
        int right;
        if (p.isIntegralNumber()) {
            top = bottom = left = right = p.asInt();
        } else if (p.isArray() && p.size() == 2 && p.get(0).isIntegralNumber()) {
            top = bottom = p.get(0).asInt();
            left = right = p.get(1).asInt();
        } else if (p.isArray() && p.size() == 2 && p.get(0).isArray() && p.get(1).isArray()) {
            top = p.get(0).get(0).asInt();
            bottom = p.get(0).get(1).asInt();
            left = p.get(1).get(0).asInt();
            right = p.get(1).get(1).asInt();
        } else {
            throw layer.unsupported("padding " + p + " is not understood");
        }
        ctx.add(layer, build(layer, () -> new ZeroPadding2D(layer.name(), top, bottom, left, right)), List.of(),
                in.layout(), null);
    }

    /**
     * Batch normalisation over one axis, at inference {@code gamma * (x - moving_mean) / sqrt(moving_variance
     * + epsilon) + beta}; Keras's axis is remapped to the DSL's layout (a channels_first image's axis 1 is
     * the DSL's channels, -1), and over a flattened channels_first image the per-feature weights are
     * reordered as the values are.
     */
    private static void batchNormalization(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("axis", "momentum", "epsilon", "center", "scale", "beta_initializer",
                "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer",
                "gamma_regularizer", "beta_constraint", "gamma_constraint", "renorm_momentum", "fused"));
        layer.requireUnset("beta_constraint", "gamma_constraint");
        ctx.dropRegularizers(layer, "beta_regularizer", "gamma_regularizer");
        Tensor in = ctx.input();
        int axis = in.layout().dslAxis(layer.axis("axis", -1), layer);
        boolean center = layer.bool("center", true);
        boolean scale = layer.bool("scale", true);
        BatchNormalization bn = build(layer, () -> new BatchNormalization(layer.name(), axis,
                layer.number("momentum", BatchNormalization.DEFAULT_MOMENTUM),
                layer.number("epsilon", BatchNormalization.DEFAULT_EPSILON), center, scale,
                KerasSettings.initializer(layer, "beta_initializer", Initializer.zeros()),
                KerasSettings.initializer(layer, "gamma_initializer", Initializer.ones()),
                KerasSettings.initializer(layer, "moving_mean_initializer", Initializer.zeros()),
                KerasSettings.initializer(layer, "moving_variance_initializer", Initializer.ones())));
        List<KerasTensor> values = ctx.file().weights(layer.name());
        if (in.rowOrder() != null) {
            List<KerasTensor> reordered = new ArrayList<>(values.size());
            for (KerasTensor v : values) {
                reordered.add(takeRows(v, in.rowOrder(), layer));
            }
            values = reordered;
        }
        ctx.add(layer, bn, values, in.layout(), in.rowOrder());
    }

    private static void dropout(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("rate", "seed"));
        layer.requireUnset("noise_shape");
        elementwise(layer, ctx, () -> new Dropout(layer.name(), layer.number("rate", 0.0)));
    }

    private static void flatten(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("data_format"));
        Tensor in = ctx.input();
        // Keras flattens a channels_first tensor as it lies, (c, h, w), unless the Flatten layer itself says
        // channels_first: then it moves the channels last first, which is the DSL's (h, w, c) order.
        int[] order = in.rowOrder();
        if (in.layout() == Layout.CHANNELS_FIRST
                && !layer.string("data_format", "channels_last").equals("channels_first")) {
            order = ImportContext.channelsFirstOrder(in.shape());
        }
        ctx.add(layer, build(layer, () -> new Flatten(layer.name())), List.of(), Layout.FLAT, order);
    }

    /**
     * Keras's Reshape keeps the values' order. A vector, a two-dimensional tensor or a channels_last image
     * reshapes as the DSL's does (a two-dimensional target becomes a one-channel image); a channels_first
     * image becomes a vector in (c, h, w) order, taken up as a Flatten's; a reshape to a channels_first
     * image maps only where (c, h, w) and (h, w, c) order the values alike (c or h * w is 1); others would
     * need a transposition and are refused.
     */
    private static void reshape(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("target_shape"));
        Tensor in = ctx.input();
        List<Integer> target = resolvedTarget(layer, in.shape());
        int[] flattened = in.layout() == Layout.CHANNELS_FIRST ? ImportContext.channelsFirstOrder(in.shape()) : null;
        if (in.rowOrder() != null || (flattened != null && target.size() > 1)) {
            throw layer.unsupported("a Reshape to " + layer.get("target_shape") + " of values in channels_first "
                    + "(c, h, w) order cannot be mapped to channels-last data");
        }
        Layout layout;
        List<Integer> dsl;
        switch (target.size()) {
            case 1 -> {
                layout = Layout.FLAT;
                dsl = target;
            }
            case 2 -> {
                layout = Layout.ROWS;
                dsl = List.of(target.get(0), target.get(1), 1);
            }
            case 3 -> {
                layout = ctx.modelFormat();
                dsl = target;
                if (layout == Layout.CHANNELS_FIRST) {
                    if (target.get(0) != 1 && target.get(1) * target.get(2) != 1) {
                        throw layer.unsupported("a Reshape to the channels_first image " + layer.get("target_shape")
                                + " orders its values otherwise than a channels-last image; not supported");
                    }
                    dsl = List.of(target.get(1), target.get(2), target.get(0));
                }
            }
            default -> throw layer.unsupported("target_shape " + layer.get("target_shape") + " is not supported "
                    + "(one to three dimensions)");
        }
        List<Integer> dslTarget = dsl;
        ctx.add(layer, build(layer, () -> new Reshape(layer.name(), dslTarget)), List.of(), layout, flattened);
    }

    /** Keras's target shape with a -1 worked out from the input's size. */
    private static List<Integer> resolvedTarget(KerasLayer layer, Shape input) {
        var t = layer.get("target_shape");
        List<Integer> target = new ArrayList<>();
        long known = 1;
        for (var d : t) {
            if (!d.isIntegralNumber() || d.asInt() == 0 || d.asInt() < -1) {
                throw layer.unsupported("target_shape " + t + " is not a list of positive whole numbers (one may "
                        + "be -1)");
            }
            target.add(d.asInt());
            known *= d.asInt() == -1 ? 1 : d.asInt();
        }
        long total = input.elementCount();
        if (target.contains(-1) && total % known == 0) {
            int missing = Math.toIntExact(total / known);
            target.replaceAll(d -> d == -1 ? missing : d);
        }
        return target;
    }

    /**
     * An activation layer. A softmax over the last axis of a channels_first image (its width) or of a
     * two-dimensional tensor becomes the DSL's {@link Softmax} over that axis; a softmax over a flattened
     * channels_first image is over the whole vector, so its order does not matter.
     */
    private static void activation(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("activation"));
        Tensor in = ctx.input();
        Activation a = KerasSettings.activation(layer, "activation");
        if (a == Activation.SOFTMAX && (in.layout() == Layout.CHANNELS_FIRST || in.layout() == Layout.ROWS)) {
            int axis = in.layout().dslAxis(-1, layer);
            ctx.add(layer, build(layer, () -> new Softmax(layer.name(), axis)), List.of(), in.layout(), null);
            return;
        }
        elementwise(layer, ctx, () -> new ActivationLayer(layer.name(), a));
    }

    /** Keras's ReLU layer: {@code max_value}, {@code negative_slope}, {@code threshold}. */
    private static void relu(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("max_value", "negative_slope", "threshold"));
        OptionalDouble max = layer.has("max_value") ? OptionalDouble.of(layer.number("max_value", 0))
                : OptionalDouble.empty();
        elementwise(layer, ctx, () -> new ReLU(layer.name(), max, layer.number("negative_slope", 0.0),
                layer.number("threshold", 0.0)));
    }

    /** Keras's LeakyReLU, {@code alpha} (Keras 2, 0.3 by default) or {@code negative_slope} (Keras 3). */
    private static void leakyRelu(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("alpha", "negative_slope"));
        double slope = layer.has("negative_slope") ? layer.number("negative_slope", 0.3) : layer.number("alpha", 0.3);
        elementwise(layer, ctx, () -> new ReLU(layer.name(), OptionalDouble.empty(), slope, 0.0));
    }

    /** Keras 2's ThresholdedReLU: {@code x} above {@code theta}, 0 elsewhere: a ReLU with that threshold. */
    private static void thresholdedRelu(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("theta"));
        elementwise(layer, ctx, () -> new ReLU(layer.name(), OptionalDouble.empty(), 0.0,
                layer.number("theta", 1.0)));
    }

    /** Keras's Softmax layer over one axis, remapped to the DSL's layout. */
    private static void softmax(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("axis"));
        Tensor in = ctx.input();
        int axis = in.layout().dslAxis(layer.axis("axis", -1), layer);
        // Over a flattened channels_first image the softmax takes the whole vector: the order stays as it is.
        ctx.add(layer, build(layer, () -> new Softmax(layer.name(), axis)), List.of(), in.layout(), in.rowOrder());
    }

    private static void rescaling(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("scale", "offset"));
        elementwise(layer, ctx, () -> new Rescaling(layer.name(), layer.number("scale", 1.0),
                layer.number("offset", 0.0)));
    }

    /**
     * A layer computing each value from the value at the same place (an activation, dropout): its output
     * is held as its input is.
     */
    private static void elementwise(KerasLayer layer, ImportContext ctx, Supplier<Layer> factory) {
        Tensor in = ctx.input();
        ctx.add(layer, build(layer, factory), List.of(), in.layout(), in.rowOrder());
    }

    /** An element-wise merge of inputs held alike (Add, Multiply, Average), whose output is held as they are. */
    private static void merge(KerasLayer layer, ImportContext ctx, Supplier<MergeLayer> factory) {
        layer.requireOnly(Set.of());
        List<Tensor> in = ctx.inputs();
        for (Tensor t : in) {
            if (!t.sameOrder(in.get(0))) {
                throw layer.unsupported("its inputs '" + in.get(0).source() + "' (" + in.get(0).layout().describe()
                        + ") and '" + t.source() + "' (" + t.layout().describe() + ") hold their values in different "
                        + "orders");
            }
        }
        ctx.add(layer, build(layer, factory), List.of(), in.get(0).layout(), in.get(0).rowOrder());
    }

    /**
     * Concatenation along a Keras axis, remapped to the DSL's layout (a channels_first image's axis 1 is
     * the DSL's channels). Vectors from flattened channels_first images concatenate with their orders.
     */
    private static void concatenate(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("axis"));
        List<Tensor> in = ctx.inputs();
        Layout layout = in.get(0).layout();
        for (Tensor t : in) {
            if (t.layout() != layout) {
                throw layer.unsupported("its inputs '" + in.get(0).source() + "' (" + layout.describe() + ") and '"
                        + t.source() + "' (" + t.layout().describe() + ") are held in different layouts");
            }
        }
        int axis = layout.dslAxis(layer.axis("axis", -1), layer);
        int[] order = null;
        if (layout == Layout.FLAT && in.stream().anyMatch(t -> t.rowOrder() != null)) {
            int total = in.stream().mapToInt(t -> t.shape().dim(0)).sum();
            order = new int[total];
            int at = 0;
            for (Tensor t : in) {
                int n = t.shape().dim(0);
                for (int i = 0; i < n; i++) {
                    order[at + i] = at + (t.rowOrder() == null ? i : t.rowOrder()[i]);
                }
                at += n;
            }
        }
        ctx.add(layer, build(layer, () -> new Concatenate(layer.name(), axis)), List.of(), layout, order);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The input of a convolution, pooling or padding layer: an image held in the layout the layer's
     * {@code data_format} says; a Theano-written file's flipped kernels are refused.
     */
    private static Tensor spatialInput(KerasLayer layer, ImportContext ctx) {
        ctx.requireDataFormat(layer);
        if (ctx.file().backend().equals("theano") && layer.kerasClass().contains("Conv")) {
            throw layer.unsupported("a file written with the Theano backend holds flipped convolution kernels; "
                    + "not supported");
        }
        return ctx.input();
    }

    /** A convolution's activation; a softmax over a channels_first image would be over its width: refused. */
    private static Activation imageActivation(KerasLayer layer, Layout layout) {
        Activation a = KerasSettings.activation(layer, "activation");
        if (a == Activation.SOFTMAX && layout != Layout.CHANNELS_LAST) {
            throw layer.unsupported("a softmax activation over the last axis of " + layout.describe()
                    + " cannot be mapped to channels-last data");
        }
        return a;
    }

    private static void requireNoGroups(KerasLayer layer) {
        if (layer.has("groups") && layer.integer("groups") != 1) {
            throw layer.unsupported("groups " + layer.integer("groups") + " is not supported");
        }
    }

    private static void requireNoDilation(KerasLayer layer) {
        int[] dilation = layer.pair("dilation_rate", new int[] {1, 1});
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw layer.unsupported("dilation_rate [" + dilation[0] + ", " + dilation[1] + "] is not supported");
        }
    }

    private static Padding padding(KerasLayer layer) {
        String p = layer.string("padding", "valid");
        return switch (p) {
            case "valid" -> Padding.valid();
            case "same" -> Padding.same();
            default -> throw layer.unsupported("padding '" + p + "' is not supported (valid, same)");
        };
    }

    /**
     * A Dense kernel {@code (in, units)}, or a per-feature vector {@code (in)}, with row {@code i} taken from
     * Keras's row {@code rows[i]}.
     */
    private static KerasTensor takeRows(KerasTensor kernel, int[] rows, KerasLayer layer) {
        int[] shape = kernel.shape();
        if (shape.length < 1 || shape.length > 2 || shape[0] != rows.length) {
            throw layer.unsupported("weight of shape " + kernel.dslShape() + " does not follow the "
                    + rows.length + " values of the channels_first Flatten before it");
        }
        int units = shape.length == 2 ? shape[1] : 1;
        float[] in = kernel.values();
        float[] out = new float[in.length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(in, rows[r] * units, out, r * units, units);
        }
        return new KerasTensor(shape, out);
    }

    /** Builds a DSL layer, turning the DSL's refusal (a bad name, a bad size) into one naming the Keras layer. */
    private static <L extends Layer> L build(KerasLayer layer, Supplier<L> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException e) {  // the DSL's InvalidArchitectureException among them
            if (e instanceof KerasImportException k) {
                throw k;
            }
            throw layer.unsupported(e.getMessage());
        }
    }

    private static Set<String> union(Set<String> a, String... more) {
        Set<String> all = new HashSet<>(a);
        all.addAll(List.of(more));
        return all;
    }
}
