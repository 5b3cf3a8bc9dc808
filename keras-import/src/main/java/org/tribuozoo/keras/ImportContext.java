package org.tribuozoo.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

import org.tribuozoo.dsl.ConnectedLayer;
import org.tribuozoo.dsl.InvalidArchitectureException;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.graph.Weights;

/**
 * The state of one import as its layers are translated in data-flow order: the DSL layers (each with
 * what it reads) and weights so far, and for every Keras layer translated the tensor it outputs as the
 * DSL holds it ({@link Tensor}: its channels-last shape, the layout Keras holds it in, and for a
 * channels_first image flattened in Keras's (c, h, w) order the order of its values).
 */
final class ImportContext {

    private static final Logger LOG = Logger.getLogger(ImportContext.class.getName());

    /** How Keras holds a tensor, which decides how Keras's axes map onto the DSL's (h, w, c) shape. */
    enum Layout {
        /** A vector {@code (n)}. */
        FLAT,
        /** A two-dimensional {@code (h, w)} tensor, which the DSL holds as a one-channel image {@code (h, w, 1)}. */
        ROWS,
        /** An image {@code (h, w, c)}, as the DSL. */
        CHANNELS_LAST,
        /** An image {@code (c, h, w)}, which the DSL holds as {@code (h, w, c)}. */
        CHANNELS_FIRST;

        /** The layout of Keras's {@code data_format} name. */
        static Layout ofDataFormat(KerasLayer layer) {
            String declared = layer.string("data_format", "channels_last");
            return switch (declared) {
                case "channels_last" -> CHANNELS_LAST;
                case "channels_first" -> CHANNELS_FIRST;
                default -> throw layer.unsupported("data_format '" + declared + "' is not supported");
            };
        }

        boolean isImage() {
            return this == CHANNELS_LAST || this == CHANNELS_FIRST;
        }

        /** Keras's {@code data_format} name of an image layout. */
        String kerasName() {
            return this == CHANNELS_FIRST ? "channels_first" : "channels_last";
        }

        /** What a tensor held this way is, for messages: "a vector", "a channels_first image", ... */
        String describe() {
            return switch (this) {
                case FLAT -> "a vector";
                case ROWS -> "a two-dimensional tensor";
                case CHANNELS_LAST, CHANNELS_FIRST -> "a " + kerasName() + " image";
            };
        }

        /**
         * The DSL's axis (Keras-style: 1 the first after the batch) for a Keras axis of a tensor held this
         * way: channels_first's 1, 2, 3 (channels, height, width) are the DSL's 3, 1, 2; a two-dimensional
         * tensor's 1 and 2 are the DSL's height and width.
         */
        int dslAxis(int kerasAxis, KerasLayer layer) {
            int rank = switch (this) {
                case FLAT -> 1;
                case ROWS -> 2;
                case CHANNELS_LAST, CHANNELS_FIRST -> 3;
            };
            int axis = kerasAxis < 0 ? kerasAxis + rank + 1 : kerasAxis;
            if (axis < 1 || axis > rank) {
                throw layer.unsupported("axis " + kerasAxis + " is not an axis of " + describe() + " ("
                        + rank + " dimensions; axis 0 is the batch)");
            }
            return this == CHANNELS_FIRST ? new int[] {0, 3, 1, 2}[axis] : axis;
        }
    }

    /**
     * A Keras tensor as the DSL computes it.
     *
     * @param source   the DSL layer (or the network's input) that computes it
     * @param shape    its shape in the DSL's layout
     * @param layout   how Keras holds it
     * @param rowOrder for a vector made from a channels_first image in Keras's (c, h, w) order: for each
     *                 DSL position, Keras's position of the same value; null when they agree
     */
    record Tensor(String source, Shape shape, Layout layout, int[] rowOrder) {
        Tensor {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(layout, "layout");
        }

        /** True for an image Keras holds channels first whose values Keras orders otherwise than the DSL. */
        boolean channelsFirstImage() {
            return layout == Layout.CHANNELS_FIRST && shape.height() * shape.width() > 1;
        }

        boolean sameOrder(Tensor other) {
            return layout == other.layout && Arrays.equals(rowOrder, other.rowOrder);
        }
    }

    private final KerasFile file;
    private final Layout modelFormat;
    private final Tensor input;
    private final Map<String, Tensor> tensors = new HashMap<>();
    private final List<ConnectedLayer> layers = new ArrayList<>();
    private final Weights.Builder weights = Weights.builder();
    private final List<String> frozen = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private KerasLayer current;
    private List<Tensor> currentInputs = List.of();

    /**
     * @param file        the file, for its weights and backend
     * @param modelFormat the layout Keras holds the model's images in (that of its first spatial layer)
     * @param input       the network's input
     */
    ImportContext(KerasFile file, Layout modelFormat, Tensor input) {
        this.file = file;
        this.modelFormat = modelFormat;
        this.input = input;
    }

    KerasFile file() {
        return file;
    }

    /** The layout of images a layer makes from non-images (a Reshape to three dimensions). */
    Layout modelFormat() {
        return modelFormat;
    }

    /** Starts translating a layer: its inputs are the tensors of the layers it reads, or the network's input. */
    void begin(KerasLayer layer) {
        current = layer;
        if (layer.inbound().isEmpty()) {
            currentInputs = List.of(input);
            return;
        }
        List<Tensor> in = new ArrayList<>(layer.inbound().size());
        for (String from : layer.inbound()) {
            in.add(Objects.requireNonNull(tensors.get(from), from));
        }
        currentInputs = List.copyOf(in);
    }

    /** The current layer's one input. */
    Tensor input() {
        if (currentInputs.size() != 1) {
            throw current.unsupported("takes " + currentInputs.size() + " inputs (" + String.join(", ",
                    current.inbound()) + "); a " + current.kerasClass() + " layer takes one");
        }
        return currentInputs.get(0);
    }

    /** The current layer's inputs, in order. */
    List<Tensor> inputs() {
        return currentInputs;
    }

    /** The tensor a translated Keras layer outputs. */
    Tensor tensorOf(String kerasLayer) {
        return Objects.requireNonNull(tensors.get(kerasLayer), kerasLayer);
    }

    /** The current Keras layer computes nothing of its own (an input layer): its output is its input. */
    void alias(Tensor tensor) {
        tensors.put(current.name(), tensor);
    }

    /**
     * Refuses a spatial layer whose {@code data_format} is not the layout Keras holds its input image in:
     * such a model mixes layouts (a channels_last pooling over a channels_first convolution's output pools
     * over channels), which no NHWC network computes.
     */
    void requireDataFormat(KerasLayer layer) {
        Layout declared = Layout.ofDataFormat(layer);
        Tensor in = input();
        if (in.layout().isImage() && declared != in.layout()) {
            throw layer.unsupported("data_format " + declared.kerasName() + " on a tensor the model holds "
                    + in.layout().kerasName() + ": a model mixing layouts cannot be mapped to channels-last data");
        }
    }

    /**
     * Appends a DSL layer reading the current layer's inputs, with its weights given in the DSL's
     * parameter order (kernel before bias), and freezes it where Keras had frozen the layer.
     *
     * @param keras    the Keras layer it translates
     * @param layer    the DSL layer
     * @param values   its weights
     * @param layout   how Keras holds its output
     * @param rowOrder the order of its output's values (see {@link Tensor#rowOrder()}), or null
     * @throws KerasImportException naming the Keras layer if the DSL rejects the layer or a weight's shape
     */
    void add(KerasLayer keras, Layer layer, List<KerasTensor> values, Layout layout, int[] rowOrder) {
        List<Shape> shapes = currentInputs.stream().map(Tensor::shape).toList();
        List<String> sources = currentInputs.stream().map(Tensor::source).toList();
        List<Parameter> params;
        Shape out;
        try {
            out = layer.outputShape(shapes, sources);
            params = layer.parameters(shapes.get(0));
        } catch (InvalidArchitectureException e) {
            throw keras.unsupported(e.getMessage());
        }
        if (params.size() != values.size()) {
            throw keras.unsupported("the file holds " + values.size() + " weight arrays, the layer needs "
                    + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            KerasTensor t = values.get(i);
            if (!t.dslShape().equals(p.shape())) {
                throw keras.unsupported("weight " + p.name() + " has shape " + t.dslShape() + " in the file, the "
                        + "layer needs " + p.shape());
            }
            weights.put(p.key(), p.shape(), t.values());
        }
        layers.add(new ConnectedLayer(layer, sources));
        if (!keras.trainable() && !params.isEmpty()) {
            frozen.add(layer.name());
        }
        tensors.put(keras.name(), new Tensor(layer.name(), out, out.isFlat() ? Layout.FLAT : layout,
                out.isFlat() ? rowOrder : null));
    }

    /**
     * Drops the layer's regularizers that are set, with a note: they add a penalty to a training loss
     * and change nothing the network computes; an imported network trains further without them.
     */
    void dropRegularizers(KerasLayer layer, String... keys) {
        List<String> dropped = new ArrayList<>();
        for (String key : keys) {
            if (layer.has(key)) {
                dropped.add(key + " " + KerasLayer.describe(layer.get(key)));
            }
        }
        if (!dropped.isEmpty()) {
            String note = "layer '" + layer.name() + "' (" + layer.kerasClass() + "): " + String.join(", ", dropped)
                    + " dropped (a training penalty: the outputs are the same; further training goes without it)";
            notes.add(note);
            LOG.info(note);
        }
    }

    /** The DSL layers, each with what it reads, in the order they were translated. */
    List<ConnectedLayer> layers() {
        return layers;
    }

    /** The network's input. */
    Tensor networkInput() {
        return input;
    }

    List<String> frozen() {
        return frozen;
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    Weights weights() {
        return weights.build();
    }

    /**
     * For each value of a channels_first image flattened as Keras does, in (c, h, w) order, the Keras
     * position of the DSL's (h, w, c) position; null when the two agree (a 1x1 image).
     */
    static int[] channelsFirstOrder(Shape image) {
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        if (h * w == 1) {
            return null;
        }
        int[] order = new int[h * w * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    order[(y * w + x) * c + k] = (k * h + y) * w + x;
                }
            }
        }
        return order;
    }

    /** Refuses a network output whose values Keras orders otherwise than the DSL's network does. */
    static void requireOutputOrder(Tensor output) {
        if (output.rowOrder() != null) {
            throw new KerasImportException("the model ends with a channels_first Flatten whose (c, h, w) order "
                    + "no Dense layer takes up: its outputs cannot be given in channels-last order");
        }
        if (output.channelsFirstImage()) {
            throw new KerasImportException("the model ends with a channels_first image: its outputs cannot be "
                    + "given in channels-last order");
        }
    }
}
