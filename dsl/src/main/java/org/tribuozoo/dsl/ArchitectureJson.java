package org.tribuozoo.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned JSON form of an {@link Architecture}. Writing is deterministic: fields in a fixed
 * order, every setting written out, {@code \n} line ends. Reading is strict: unknown fields, unknown
 * layer types and other versions are rejected with a message naming the place.
 *
 * <p>Two versions: 1 is a sequential network (a list of layers), 2 a graph (each layer lists the names of
 * what it reads, the input has a name, the output layer is named). A sequential network whose input has
 * its generated name is written as version 1, so that its bytes are those of the builds before graphs;
 * every other network as version 2. Both are read.
 */
final class ArchitectureJson {
    static final String FORMAT = "tribuo-zoo-architecture";
    /** A sequential network. */
    static final int SEQUENTIAL = 1;
    /** A graph: inbound layer names per layer, the input's name, the output layer's name. */
    static final int GRAPH = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ArchitectureJson() {
    }

    static String write(Architecture a) {
        boolean graph = !a.isSequential()
                || !a.inputName().equals(Architecture.defaultInputName(a.layers().stream().map(Layer::name).toList()));
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("version", graph ? GRAPH : SEQUENTIAL);
        root.put("name", a.name());
        root.set("input", ints(a.inputShape().toArray()));
        if (graph) {
            root.put("input_name", a.inputName());
        }
        ArrayNode layers = root.putArray("layers");
        for (ConnectedLayer c : a.connectedLayers()) {
            layers.add(layer(c, graph));
        }
        if (graph) {
            root.put("output", a.layers().get(a.layers().size() - 1).name());
        }
        if (!a.frozenLayers().isEmpty()) {
            ArrayNode frozen = root.putArray("frozen");
            a.frozenLayers().forEach(frozen::add);
        }
        // Fixed "\n" line ends whatever the platform, so the same network gives the same bytes everywhere.
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write architecture JSON", e);
        }
    }

    private static ObjectNode layer(ConnectedLayer c, boolean graph) {
        ObjectNode n = NODES.objectNode();
        n.put("type", typeOf(c.layer()));
        n.put("name", c.name());
        if (graph) {
            ArrayNode inbound = n.putArray("inbound");
            c.inbound().forEach(inbound::add);
        }
        c.layer().accept(new SettingsWriter(n));
        return n;
    }

    /** Writes a layer's settings after its type and name, in a fixed order per type. */
    private static final class SettingsWriter implements Layer.Visitor<Void> {
        private final ObjectNode n;

        SettingsWriter(ObjectNode n) {
            this.n = n;
        }

        @Override
        public Void visit(Conv2D c) {
            n.put("filters", c.filters());
            n.set("kernel", ints(c.kernelHeight(), c.kernelWidth()));
            n.set("strides", ints(c.strideHeight(), c.strideWidth()));
            if (c.dilated()) {
                // Only when dilated, so that the documents of undilated convolutions keep their bytes.
                n.set("dilation_rate", ints(c.dilationHeight(), c.dilationWidth()));
            }
            n.set("padding", padding(c.padding()));
            n.put("activation", c.activation().jsonName());
            n.put("use_bias", c.useBias());
            n.set("kernel_initializer", initializer(c.kernelInitializer()));
            n.set("bias_initializer", initializer(c.biasInitializer()));
            n.set("kernel_constraint", constraint(c.kernelConstraint()));
            return null;
        }

        @Override
        public Void visit(MaxPool2D p) {
            pool(n, p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth(), p.padding());
            return null;
        }

        @Override
        public Void visit(AvgPool2D p) {
            pool(n, p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth(), p.padding());
            return null;
        }

        @Override
        public Void visit(ZeroPadding2D z) {
            n.set("padding", ints(z.top(), z.bottom(), z.left(), z.right()));
            return null;
        }

        @Override
        public Void visit(Dropout d) {
            n.put("rate", d.rate());
            return null;
        }

        @Override
        public Void visit(Flatten f) {
            return null; // no settings besides the name
        }

        @Override
        public Void visit(Dense d) {
            n.put("units", d.units());
            n.put("activation", d.activation().jsonName());
            n.put("use_bias", d.useBias());
            n.set("kernel_initializer", initializer(d.kernelInitializer()));
            n.set("bias_initializer", initializer(d.biasInitializer()));
            n.set("kernel_constraint", constraint(d.kernelConstraint()));
            return null;
        }

        @Override
        public Void visit(ActivationLayer a) {
            n.put("activation", a.activation().jsonName());
            return null;
        }

        @Override
        public Void visit(Rescaling r) {
            n.put("scale", r.scale());
            n.put("offset", r.offset());
            return null;
        }

        @Override
        public Void visit(PositionBias b) {
            n.set("initializer", initializer(b.initializer()));
            return null;
        }

        @Override
        public Void visit(SpatialSoftmax s) {
            return null; // no settings besides the name
        }

        @Override
        public Void visit(Add a) {
            return null; // no settings besides the name
        }

        @Override
        public Void visit(Concatenate c) {
            n.put("axis", c.axis());
            return null;
        }

        @Override
        public Void visit(Multiply m) {
            return null; // no settings besides the name
        }

        @Override
        public Void visit(Average a) {
            return null; // no settings besides the name
        }

        @Override
        public Void visit(BatchNormalization b) {
            n.put("axis", b.axis());
            n.put("momentum", b.momentum());
            n.put("epsilon", b.epsilon());
            n.put("center", b.center());
            n.put("scale", b.scale());
            n.set("beta_initializer", initializer(b.betaInitializer()));
            n.set("gamma_initializer", initializer(b.gammaInitializer()));
            n.set("moving_mean_initializer", initializer(b.movingMeanInitializer()));
            n.set("moving_variance_initializer", initializer(b.movingVarianceInitializer()));
            return null;
        }

        @Override
        public Void visit(GlobalAveragePooling2D p) {
            n.put("keepdims", p.keepdims());
            return null;
        }

        @Override
        public Void visit(GlobalMaxPooling2D p) {
            n.put("keepdims", p.keepdims());
            return null;
        }

        @Override
        public Void visit(DepthwiseConv2D c) {
            n.set("kernel", ints(c.kernelHeight(), c.kernelWidth()));
            n.set("strides", ints(c.strideHeight(), c.strideWidth()));
            n.set("padding", padding(c.padding()));
            n.put("depth_multiplier", c.depthMultiplier());
            n.put("activation", c.activation().jsonName());
            n.put("use_bias", c.useBias());
            n.set("depthwise_initializer", initializer(c.depthwiseInitializer()));
            n.set("bias_initializer", initializer(c.biasInitializer()));
            n.set("depthwise_constraint", constraint(c.depthwiseConstraint()));
            return null;
        }

        @Override
        public Void visit(SeparableConv2D c) {
            n.put("filters", c.filters());
            n.set("kernel", ints(c.kernelHeight(), c.kernelWidth()));
            n.set("strides", ints(c.strideHeight(), c.strideWidth()));
            n.set("padding", padding(c.padding()));
            n.put("depth_multiplier", c.depthMultiplier());
            n.put("activation", c.activation().jsonName());
            n.put("use_bias", c.useBias());
            n.set("depthwise_initializer", initializer(c.depthwiseInitializer()));
            n.set("pointwise_initializer", initializer(c.pointwiseInitializer()));
            n.set("bias_initializer", initializer(c.biasInitializer()));
            n.set("depthwise_constraint", constraint(c.depthwiseConstraint()));
            n.set("pointwise_constraint", constraint(c.pointwiseConstraint()));
            return null;
        }

        @Override
        public Void visit(ReLU r) {
            if (r.maxValue().isPresent()) {
                n.put("max_value", r.maxValue().getAsDouble());
            } else {
                n.putNull("max_value");
            }
            n.put("negative_slope", r.negativeSlope());
            n.put("threshold", r.threshold());
            return null;
        }

        @Override
        public Void visit(Softmax s) {
            n.put("axis", s.axis());
            return null;
        }

        @Override
        public Void visit(Reshape r) {
            n.set("target_shape", ints(r.targetShape().stream().mapToInt(Integer::intValue).toArray()));
            return null;
        }
    }

    /** The JSON type name of a layer, which is also the prefix of its generated names. */
    static String typeOf(Layer layer) {
        return layer.jsonType();
    }

    private static void pool(ObjectNode n, int ph, int pw, int sh, int sw, Padding padding) {
        n.set("pool_size", ints(ph, pw));
        n.set("strides", ints(sh, sw));
        n.set("padding", padding(padding));
    }

    private static JsonNode padding(Padding p) {
        if (p instanceof Padding.Explicit e) {
            return ints(e.top(), e.bottom(), e.left(), e.right());
        }
        return NODES.textNode(p.jsonName());
    }

    private static ObjectNode initializer(Initializer init) {
        ObjectNode n = NODES.objectNode();
        n.put("type", init.jsonName());
        if (init instanceof Initializer.RandomNormal r) {
            n.put("mean", r.mean());
            n.put("stddev", r.stddev());
        } else if (init instanceof Initializer.Constant c) {
            n.put("value", c.value());
        }
        return n;
    }

    private static ObjectNode constraint(Constraint c) {
        ObjectNode n = NODES.objectNode();
        if (c instanceof Constraint.MaxNorm m) {
            n.put("type", "max_norm");
            n.put("max_value", m.maxValue());
        } else {
            n.put("type", "none");
        }
        return n;
    }

    private static ArrayNode ints(int... values) {
        ArrayNode a = NODES.arrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    // ---------------------------------------------------------------- reading

    static Architecture parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("architecture JSON is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("architecture JSON must be an object");
        }
        Fields top = new Fields(root, "architecture JSON");
        String format = top.text("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("architecture JSON has format '" + format + "', expected '" + FORMAT + "'");
        }
        int version = top.integer("version");
        if (version != SEQUENTIAL && version != GRAPH) {
            throw new IllegalArgumentException("unsupported architecture JSON version " + version
                    + " (this build reads versions " + SEQUENTIAL + " and " + GRAPH + ")");
        }
        boolean graph = version == GRAPH;
        String name = top.text("name");
        Shape input = new Shape(top.intList("input"));
        String inputName = graph ? top.text("input_name") : null;
        JsonNode layersNode = top.required("layers");
        if (!layersNode.isArray()) {
            throw new IllegalArgumentException("architecture JSON: 'layers' must be an array");
        }
        List<ConnectedLayer> layers = new ArrayList<>();
        int index = 0;
        for (JsonNode ln : layersNode) {
            layers.add(parseLayer(ln, index++, graph));
        }
        String output = graph ? top.text("output") : null;
        List<String> frozen = new ArrayList<>();
        top.optional("frozen").ifPresent(f -> {
            if (!f.isArray()) {
                throw new IllegalArgumentException("architecture JSON: 'frozen' must be an array of layer names");
            }
            f.forEach(x -> frozen.add(x.asText()));
        });
        top.rejectUnknown();
        Architecture a = graph ? Architecture.of(name, inputName, input, layers, output)
                : Architecture.of(name, input, layers.stream().map(ConnectedLayer::layer).toList());
        return frozen.isEmpty() ? a : a.withFrozen(frozen);
    }

    /** Reads one layer type's settings, the fields after {@code type} and {@code name}. */
    @FunctionalInterface
    private interface LayerReader {
        Layer read(String name, Fields f);
    }

    /**
     * The reader of every layer type, by its JSON type name, in the order unknown types list them.
     * A test checks that every concrete {@link Layer} type has one.
     */
    private static final Map<String, LayerReader> READERS = readers();

    private static Map<String, LayerReader> readers() {
        Map<String, LayerReader> r = new LinkedHashMap<>();
        r.put("conv2d", (name, f) -> {
            int[] k = f.pair("kernel");
            int[] s = f.pair("strides");
            int[] d = f.optional("dilation_rate").isPresent() ? f.pair("dilation_rate") : new int[] {1, 1};
            return new Conv2D(name, f.integer("filters"), k[0], k[1], s[0], s[1], d[0], d[1], f.padding("padding"),
                    f.activation("activation"), f.bool("use_bias"), f.initializer("kernel_initializer"),
                    f.initializer("bias_initializer"), f.constraint("kernel_constraint"));
        });
        r.put("max_pooling2d", (name, f) -> {
            int[] p = f.pair("pool_size");
            int[] s = f.pair("strides");
            return new MaxPool2D(name, p[0], p[1], s[0], s[1], f.padding("padding"));
        });
        r.put("average_pooling2d", (name, f) -> {
            int[] p = f.pair("pool_size");
            int[] s = f.pair("strides");
            return new AvgPool2D(name, p[0], p[1], s[0], s[1], f.padding("padding"));
        });
        r.put("zero_padding2d", (name, f) -> {
            List<Integer> p = f.intList("padding");
            f.requireSize("padding", p, 4);
            return new ZeroPadding2D(name, p.get(0), p.get(1), p.get(2), p.get(3));
        });
        r.put("dropout", (name, f) -> new Dropout(name, f.number("rate")));
        r.put("flatten", (name, f) -> new Flatten(name));
        r.put("dense", (name, f) -> new Dense(name, f.integer("units"), f.activation("activation"),
                f.bool("use_bias"), f.initializer("kernel_initializer"), f.initializer("bias_initializer"),
                f.constraint("kernel_constraint")));
        r.put("activation", (name, f) -> new ActivationLayer(name, f.activation("activation")));
        r.put("rescaling", (name, f) -> new Rescaling(name, f.number("scale"), f.number("offset")));
        r.put("position_bias", (name, f) -> new PositionBias(name, f.initializer("initializer")));
        r.put("spatial_softmax", (name, f) -> new SpatialSoftmax(name));
        r.put("batch_normalization", (name, f) -> new BatchNormalization(name, f.integer("axis"),
                f.number("momentum"), f.number("epsilon"), f.bool("center"), f.bool("scale"),
                f.initializer("beta_initializer"), f.initializer("gamma_initializer"),
                f.initializer("moving_mean_initializer"), f.initializer("moving_variance_initializer")));
        r.put("global_average_pooling2d", (name, f) -> new GlobalAveragePooling2D(name, f.bool("keepdims")));
        r.put("global_max_pooling2d", (name, f) -> new GlobalMaxPooling2D(name, f.bool("keepdims")));
        r.put("depthwise_conv2d", (name, f) -> {
            int[] k = f.pair("kernel");
            int[] s = f.pair("strides");
            return new DepthwiseConv2D(name, k[0], k[1], s[0], s[1], f.padding("padding"),
                    f.integer("depth_multiplier"), f.activation("activation"), f.bool("use_bias"),
                    f.initializer("depthwise_initializer"), f.initializer("bias_initializer"),
                    f.constraint("depthwise_constraint"));
        });
        r.put("separable_conv2d", (name, f) -> {
            int[] k = f.pair("kernel");
            int[] s = f.pair("strides");
            return new SeparableConv2D(name, f.integer("filters"), k[0], k[1], s[0], s[1], f.padding("padding"),
                    f.integer("depth_multiplier"), f.activation("activation"), f.bool("use_bias"),
                    f.initializer("depthwise_initializer"), f.initializer("pointwise_initializer"),
                    f.initializer("bias_initializer"), f.constraint("depthwise_constraint"),
                    f.constraint("pointwise_constraint"));
        });
        r.put("re_lu", (name, f) -> new ReLU(name, f.optionalNumber("max_value"), f.number("negative_slope"),
                f.number("threshold")));
        r.put("softmax", (name, f) -> new Softmax(name, f.integer("axis")));
        r.put("reshape", (name, f) -> new Reshape(name, f.intList("target_shape")));
        r.put("add", (name, f) -> new Add(name));
        r.put("concatenate", (name, f) -> new Concatenate(name, f.integer("axis")));
        r.put("multiply", (name, f) -> new Multiply(name));
        r.put("average", (name, f) -> new Average(name));
        return Collections.unmodifiableMap(r);
    }

    /** The JSON type names the reader knows. */
    static Set<String> layerTypes() {
        return READERS.keySet();
    }

    /** One layer; in a graph (version 2) with its inbound names, otherwise with none. */
    private static ConnectedLayer parseLayer(JsonNode node, int index, boolean graph) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("architecture JSON: layer #" + (index + 1) + " is not an object");
        }
        Fields f = new Fields(node, "layer #" + (index + 1));
        String type = f.text("type");
        String name = f.text("name");
        f.rename("layer '" + name + "' (" + type + ")");
        LayerReader reader = READERS.get(type);
        if (reader == null) {
            throw new IllegalArgumentException("architecture JSON: layer '" + name + "' has unknown type '" + type
                    + "' (known: " + String.join(", ", READERS.keySet()) + ")");
        }
        List<String> inbound = graph ? f.textList("inbound") : List.of();
        Layer layer = reader.read(name, f);
        f.rejectUnknown();
        return new ConnectedLayer(layer, inbound);
    }

    /** Reads the fields of one JSON object, remembering which were read so that the rest can be rejected. */
    private static final class Fields {
        private final JsonNode node;
        private final Set<String> read = new HashSet<>();
        private String where;

        Fields(JsonNode node, String where) {
            this.node = node;
            this.where = where;
        }

        void rename(String newWhere) {
            this.where = newWhere;
        }

        JsonNode required(String field) {
            read.add(field);
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException(where + ": missing field '" + field + "'");
            }
            return v;
        }

        java.util.Optional<JsonNode> optional(String field) {
            read.add(field);
            return java.util.Optional.ofNullable(node.get(field)).filter(v -> !v.isNull());
        }

        String text(String field) {
            JsonNode v = required(field);
            if (!v.isTextual()) {
                throw bad(field, "a string", v);
            }
            return v.asText();
        }

        int integer(String field) {
            JsonNode v = required(field);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw bad(field, "an integer", v);
            }
            return v.intValue();
        }

        double number(String field) {
            JsonNode v = required(field);
            if (!v.isNumber()) {
                throw bad(field, "a number", v);
            }
            return v.doubleValue();
        }

        /** A number that may be {@code null} (written out as null when absent, as Keras does). */
        java.util.OptionalDouble optionalNumber(String field) {
            java.util.Optional<JsonNode> v = optional(field);
            if (v.isEmpty()) {
                if (!node.has(field)) {
                    throw new IllegalArgumentException(where + ": missing field '" + field + "'");
                }
                return java.util.OptionalDouble.empty();
            }
            if (!v.get().isNumber()) {
                throw bad(field, "a number or null", v.get());
            }
            return java.util.OptionalDouble.of(v.get().doubleValue());
        }

        boolean bool(String field) {
            JsonNode v = required(field);
            if (!v.isBoolean()) {
                throw bad(field, "true or false", v);
            }
            return v.booleanValue();
        }

        List<Integer> intList(String field) {
            JsonNode v = required(field);
            if (!v.isArray()) {
                throw bad(field, "an array of integers", v);
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode x : v) {
                if (!x.isIntegralNumber() || !x.canConvertToInt()) {
                    throw bad(field, "an array of integers", v);
                }
                out.add(x.intValue());
            }
            return out;
        }

        List<String> textList(String field) {
            JsonNode v = required(field);
            if (!v.isArray()) {
                throw bad(field, "an array of names", v);
            }
            List<String> out = new ArrayList<>();
            for (JsonNode x : v) {
                if (!x.isTextual()) {
                    throw bad(field, "an array of names", v);
                }
                out.add(x.asText());
            }
            return out;
        }

        int[] pair(String field) {
            List<Integer> l = intList(field);
            requireSize(field, l, 2);
            return new int[] {l.get(0), l.get(1)};
        }

        void requireSize(String field, List<Integer> l, int size) {
            if (l.size() != size) {
                throw new IllegalArgumentException(where + ": field '" + field + "' needs " + size + " integers, got "
                        + l.size());
            }
        }

        Activation activation(String field) {
            try {
                return Activation.fromJsonName(text(field));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }

        Padding padding(String field) {
            JsonNode v = required(field);
            if (v.isTextual()) {
                return switch (v.asText()) {
                    case "valid" -> Padding.valid();
                    case "same" -> Padding.same();
                    default -> throw bad(field, "'valid', 'same' or [top, bottom, left, right]", v);
                };
            }
            List<Integer> p = intList(field);
            requireSize(field, p, 4);
            return Padding.explicit(p.get(0), p.get(1), p.get(2), p.get(3));
        }

        Initializer initializer(String field) {
            JsonNode v = required(field);
            if (!v.isObject()) {
                throw bad(field, "an object with a 'type'", v);
            }
            Fields f = new Fields(v, where + ", " + field);
            String type = f.text("type");
            Initializer init = switch (type) {
                case "glorot_uniform" -> Initializer.glorotUniform();
                case "glorot_normal" -> Initializer.glorotNormal();
                case "he_uniform" -> Initializer.heUniform();
                case "he_normal" -> Initializer.heNormal();
                case "zeros" -> Initializer.zeros();
                case "ones" -> Initializer.ones();
                case "random_normal" -> Initializer.randomNormal(f.number("mean"), f.number("stddev"));
                case "constant" -> Initializer.constant(f.number("value"));
                default -> throw new IllegalArgumentException(where + ": unknown initializer '" + type
                        + "' (known: glorot_uniform, glorot_normal, he_uniform, he_normal, random_normal, zeros, ones, constant)");
            };
            f.rejectUnknown();
            return init;
        }

        Constraint constraint(String field) {
            JsonNode v = required(field);
            if (!v.isObject()) {
                throw bad(field, "an object with a 'type'", v);
            }
            Fields f = new Fields(v, where + ", " + field);
            String type = f.text("type");
            Constraint c = switch (type) {
                case "none" -> Constraint.none();
                case "max_norm" -> Constraint.maxNorm(f.number("max_value"));
                default -> throw new IllegalArgumentException(where + ": unknown constraint '" + type
                        + "' (known: none, max_norm)");
            };
            f.rejectUnknown();
            return c;
        }

        void rejectUnknown() {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!read.contains(n)) {
                    throw new IllegalArgumentException(where + ": unknown field '" + n + "'");
                }
            }
        }

        private IllegalArgumentException bad(String field, String expected, JsonNode got) {
            return new IllegalArgumentException(where + ": field '" + field + "' must be " + expected + ", got " + got);
        }
    }
}
