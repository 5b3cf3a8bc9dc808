package org.tribuozoo.keras;

import java.util.ArrayList;
import java.util.List;

import org.tribuozoo.dsl.InvalidArchitectureException;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.graph.Weights;

/**
 * The state of one import as its layers are translated in order: the DSL layers and weights so far,
 * the shape of the current tensor in the DSL's layout (channels last), the layout Keras holds that
 * tensor in, and, after a {@code channels_first} model flattened in Keras's (c, h, w) order, the order
 * in which the next Dense layer's kernel rows must be taken.
 */
final class ImportContext {

    /** How Keras holds an image tensor. */
    enum DataFormat {
        CHANNELS_LAST, CHANNELS_FIRST;

        String kerasName() {
            return this == CHANNELS_LAST ? "channels_last" : "channels_first";
        }
    }

    private final KerasFile file;
    private final List<Layer> layers = new ArrayList<>();
    private final Weights.Builder weights = Weights.builder();
    private final List<String> frozen = new ArrayList<>();
    private final DataFormat format;
    private Shape current;
    /** For each row of the next Dense kernel in DSL (h, w, c) order, the Keras row; null when they agree. */
    private int[] pendingRowOrder;

    ImportContext(KerasFile file, Shape input, DataFormat format) {
        this.file = file;
        this.current = input;
        this.format = format;
    }

    KerasFile file() {
        return file;
    }

    /** The current tensor's shape in the DSL's layout. */
    Shape current() {
        return current;
    }

    /** True while the current tensor is an image that Keras holds channels first. */
    boolean channelsFirstImage() {
        return format == DataFormat.CHANNELS_FIRST && current.isImage();
    }

    /**
     * Refuses a layer whose {@code data_format} is not the layout Keras holds the current image in:
     * such a model mixes layouts (a channels_last pooling over a channels_first convolution's output
     * pools over channels), which no NHWC network computes.
     */
    void requireDataFormat(KerasLayer layer) {
        String declared = layer.string("data_format", "channels_last");
        if (!declared.equals("channels_last") && !declared.equals("channels_first")) {
            throw layer.unsupported("data_format '" + declared + "' is not supported");
        }
        if (current.isImage() && !declared.equals(format.kerasName())) {
            throw layer.unsupported("data_format " + declared + " on a tensor the model holds "
                    + format.kerasName() + ": a model mixing layouts cannot be mapped to channels-last data");
        }
    }

    /** Marks the flat tensor just made from a channels_first image as being in Keras's (c, h, w) order. */
    void flattenedChannelsFirst(Shape image) {
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        int[] order = new int[h * w * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    order[(y * w + x) * c + k] = (k * h + y) * w + x;
                }
            }
        }
        pendingRowOrder = order;
    }

    /** Takes the row order a Dense kernel must be read in, once; null when Keras's rows are the DSL's. */
    int[] takeRowOrder() {
        int[] order = pendingRowOrder;
        pendingRowOrder = null;
        return order;
    }

    /**
     * Appends a DSL layer with its weights, given in the DSL's parameter order (kernel before bias), and
     * freezes it where Keras had frozen the layer.
     *
     * @throws KerasImportException naming the Keras layer if the DSL rejects the layer or a weight's shape
     */
    void add(KerasLayer keras, Layer layer, List<KerasTensor> values) {
        List<Parameter> params;
        Shape out;
        try {
            params = layer.parameters(current);
            out = layer.outputShape(current);
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
        layers.add(layer);
        if (!keras.trainable() && !params.isEmpty()) {
            frozen.add(layer.name());
        }
        current = out;
    }

    List<Layer> layers() {
        return layers;
    }

    List<String> frozen() {
        return frozen;
    }

    Weights weights() {
        return weights.build();
    }

    /** Refuses an ending whose values Keras orders otherwise than the DSL's network does. */
    void requireFinished() {
        if (pendingRowOrder != null) {
            throw new KerasImportException("the model ends with a channels_first Flatten whose (c, h, w) order "
                    + "no Dense layer takes up: its outputs cannot be given in channels-last order");
        }
        if (channelsFirstImage()) {
            throw new KerasImportException("the model ends with a channels_first image: its outputs cannot be "
                    + "given in channels-last order");
        }
    }
}
