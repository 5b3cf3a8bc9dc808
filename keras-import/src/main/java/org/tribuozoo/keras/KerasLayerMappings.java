package org.tribuozoo.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Initializer;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.ZeroPadding2D;

/**
 * The Keras layer classes the importer translates, one entry each: the Keras class name and the
 * method that turns such a layer into DSL layers and weights. A new layer type plugs in as one entry
 * and one method; a class not in the table is refused by name.
 */
final class KerasLayerMappings {

    /** Translates one Keras layer into the context: DSL layers, weights, layout changes. */
    @FunctionalInterface
    interface Mapping {
        void map(KerasLayer layer, ImportContext ctx);
    }

    /** Keras class name to its translation. Keras 1 names (Convolution2D, ...) are not here: refused. */
    static final Map<String, Mapping> TABLE = Map.of(
            "InputLayer", KerasLayerMappings::input,
            "Conv2D", KerasLayerMappings::conv2d,
            "Dense", KerasLayerMappings::dense,
            "MaxPooling2D", (layer, ctx) -> pool(layer, ctx, true),
            "AveragePooling2D", (layer, ctx) -> pool(layer, ctx, false),
            "ZeroPadding2D", KerasLayerMappings::zeroPadding,
            "Dropout", KerasLayerMappings::dropout,
            "Flatten", KerasLayerMappings::flatten,
            "Activation", KerasLayerMappings::activation,
            "Rescaling", KerasLayerMappings::rescaling);

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
    }

    private static void conv2d(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(union(WEIGHTED_KEYS, "filters", "kernel_size", "strides", "padding", "data_format",
                "dilation_rate", "groups"));
        layer.requireUnset("kernel_regularizer", "bias_regularizer", "activity_regularizer", "bias_constraint");
        ctx.requireDataFormat(layer);
        if (ctx.file().backend().equals("theano")) {
            throw layer.unsupported("a file written with the Theano backend holds flipped convolution kernels; "
                    + "not supported");
        }
        int[] dilation = layer.pair("dilation_rate", new int[] {1, 1});
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw layer.unsupported("dilation_rate [" + dilation[0] + ", " + dilation[1] + "] is not supported");
        }
        if (layer.has("groups") && layer.integer("groups") != 1) {
            throw layer.unsupported("groups " + layer.integer("groups") + " is not supported");
        }
        int[] kernel = layer.pair("kernel_size", null);
        int[] strides = layer.pair("strides", new int[] {1, 1});
        boolean bias = layer.bool("use_bias", true);
        Conv2D conv = build(layer, () -> new Conv2D(layer.name(), layer.integer("filters"), kernel[0], kernel[1],
                strides[0], strides[1], padding(layer), KerasSettings.activation(layer, "activation"), bias,
                KerasSettings.initializer(layer, "kernel_initializer", Initializer.glorotUniform()),
                KerasSettings.initializer(layer, "bias_initializer", Initializer.zeros()),
                KerasSettings.constraint(layer, "kernel_constraint", 3)));
        ctx.add(layer, conv, ctx.file().weights(layer.name()));
    }

    private static void dense(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(union(WEIGHTED_KEYS, "units"));
        layer.requireUnset("kernel_regularizer", "bias_regularizer", "activity_regularizer", "bias_constraint");
        boolean bias = layer.bool("use_bias", true);
        Dense dense = build(layer, () -> new Dense(layer.name(), layer.integer("units"),
                KerasSettings.activation(layer, "activation"), bias,
                KerasSettings.initializer(layer, "kernel_initializer", Initializer.glorotUniform()),
                KerasSettings.initializer(layer, "bias_initializer", Initializer.zeros()),
                KerasSettings.constraint(layer, "kernel_constraint", 1)));
        List<KerasTensor> values = new ArrayList<>(ctx.file().weights(layer.name()));
        int[] rows = ctx.takeRowOrder();
        if (rows != null && !values.isEmpty()) {
            values.set(0, takeRows(values.get(0), rows, layer));
        }
        ctx.add(layer, dense, values);
    }

    private static void pool(KerasLayer layer, ImportContext ctx, boolean max) {
        layer.requireOnly(Set.of("pool_size", "strides", "padding", "data_format"));
        ctx.requireDataFormat(layer);
        int[] size = layer.pair("pool_size", new int[] {2, 2});
        int[] strides = layer.pair("strides", size);
        Padding padding = padding(layer);
        Layer pool = build(layer, () -> max
                ? new MaxPool2D(layer.name(), size[0], size[1], strides[0], strides[1], padding)
                : new AvgPool2D(layer.name(), size[0], size[1], strides[0], strides[1], padding));
        ctx.add(layer, pool, List.of());
    }

    private static void zeroPadding(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("padding", "data_format"));
        ctx.requireDataFormat(layer);
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
        ctx.add(layer, build(layer, () -> new ZeroPadding2D(layer.name(), top, bottom, left, right)), List.of());
    }

    private static void dropout(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("rate", "seed"));
        layer.requireUnset("noise_shape");
        ctx.add(layer, build(layer, () -> new Dropout(layer.name(), layer.number("rate", 0.0))), List.of());
    }

    private static void flatten(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("data_format"));
        var image = ctx.current();
        boolean channelsFirst = ctx.channelsFirstImage();
        ctx.add(layer, build(layer, () -> new Flatten(layer.name())), List.of());
        // Keras flattens a channels_first tensor as it lies, (c, h, w), unless the Flatten layer itself says
        // channels_first: then it moves the channels last first, which is the DSL's (h, w, c) order.
        if (channelsFirst && !layer.string("data_format", "channels_last").equals("channels_first")) {
            ctx.flattenedChannelsFirst(image);
        }
    }

    private static void activation(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("activation"));
        Activation a = KerasSettings.activation(layer, "activation");
        if (a == Activation.SOFTMAX && ctx.channelsFirstImage()) {
            throw layer.unsupported("a softmax over the last axis of a channels_first image (its width) cannot be "
                    + "mapped to channels-last data");
        }
        ctx.add(layer, build(layer, () -> new ActivationLayer(layer.name(), a)), List.of());
    }

    private static void rescaling(KerasLayer layer, ImportContext ctx) {
        layer.requireOnly(Set.of("scale", "offset"));
        ctx.add(layer, build(layer, () -> new Rescaling(layer.name(), layer.number("scale", 1.0),
                layer.number("offset", 0.0))), List.of());
    }

    // ------------------------------------------------------------------ helpers

    private static Padding padding(KerasLayer layer) {
        String p = layer.string("padding", "valid");
        return switch (p) {
            case "valid" -> Padding.valid();
            case "same" -> Padding.same();
            default -> throw layer.unsupported("padding '" + p + "' is not supported (valid, same)");
        };
    }

    /** A Dense kernel {@code (in, units)} with row {@code i} taken from Keras's row {@code rows[i]}. */
    private static KerasTensor takeRows(KerasTensor kernel, int[] rows, KerasLayer layer) {
        int[] shape = kernel.shape();
        if (shape.length != 2 || shape[0] != rows.length) {
            throw layer.unsupported("kernel of shape " + kernel.dslShape() + " does not follow the "
                    + rows.length + " values of the channels_first Flatten before it");
        }
        int units = shape[1];
        float[] in = kernel.values();
        float[] out = new float[in.length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(in, rows[r] * units, out, r * units, units);
        }
        return new KerasTensor(shape, out);
    }

    /** Builds a DSL layer, turning the DSL's refusal (a bad name, a bad size) into one naming the Keras layer. */
    private static <L extends Layer> L build(KerasLayer layer, java.util.function.Supplier<L> factory) {
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
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(List.of(more));
        return all;
    }
}
