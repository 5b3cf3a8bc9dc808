package org.tribuozoo.keras;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.InvalidArchitectureException;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.graph.Weights;

/**
 * Reads Keras files into the DSL: a whole model ({@link #read}) or the weights of a network the DSL
 * already describes, matched by layer name ({@link #readWeights}).
 *
 * <pre>{@code
 * ImportedNetwork net = KerasImport.read(Path.of("mnist_cnn.keras"));
 * System.out.println(net.architecture().summary());
 * try (CompiledNetwork compiled = CompiledNetwork.forInference(net.architecture(), net.weights(), 2, 1,
 *         InferenceOutputs.AS_COMPUTED)) {
 *     float[] outputs = compiled.predict(images);
 * }
 * }</pre>
 *
 * <p>Which layers, activations, initialisers and options are translated is listed in
 * {@code docs/keras.md}; anything else is refused with a {@link KerasImportException} naming the
 * layer, its Keras class and what is unsupported. A {@code channels_first} model is converted to take
 * channels-last images like every zoo network; a model that mixes layouts is refused.
 */
public final class KerasImport {

    private KerasImport() {
    }

    /**
     * Reads a Keras model file: HDF5 ({@code .h5}, Keras 2, tf.keras or Keras 3's legacy format) or a
     * Keras 3 archive ({@code .keras}).
     *
     * @throws KerasImportException if the file cannot be read or holds something the DSL cannot express
     */
    public static ImportedNetwork read(Path file) {
        return of(KerasFile.read(file));
    }

    /**
     * Translates a Keras model file already read.
     *
     * @throws KerasImportException if it is a weights-only file, of Keras 1, or holds something the DSL
     *                              cannot express
     */
    public static ImportedNetwork of(KerasFile file) {
        JsonNode config = file.config().orElseThrow(() -> new KerasImportException("Keras file " + file.name()
                + " holds weights only, no model; load it into a network of the same layer names instead"));
        if (file.kerasVersion().startsWith("1.")) {
            throw new KerasImportException("Keras file " + file.name() + " was written by Keras "
                    + file.kerasVersion() + "; Keras 1 files are not supported (Keras 2 or later)");
        }
        KerasModelConfig model = KerasModelConfig.parse(config);
        // Every layer's class first, in the file's order, so that the first unsupported one is named.
        model.layers().forEach(KerasLayerMappings::of);
        List<KerasLayer> chain = model.chain();
        ImportContext.DataFormat format = dataFormat(chain);
        ImportContext ctx = new ImportContext(file, inputShape(chain, format), format);
        for (KerasLayer layer : chain) {
            KerasLayerMappings.of(layer).map(layer, ctx);
        }
        ctx.requireFinished();
        if (ctx.layers().isEmpty()) {
            throw new KerasImportException("model '" + model.name() + "' has no layer besides its input");
        }
        Architecture architecture;
        try {
            architecture = Architecture.of(model.name(), inputShape(chain, format), ctx.layers())
                    .withFrozen(ctx.frozen());
        } catch (InvalidArchitectureException e) {
            throw new KerasImportException("model '" + model.name() + "': " + e.getMessage(), e);
        }
        return new ImportedNetwork(architecture, ctx.weights(), file);
    }

    /**
     * Reads the weights of {@code architecture} from a Keras file by layer name: a weights-only file
     * ({@code save_weights}: Keras 2 HDF5, Keras 3 {@code .weights.h5}) or the weights of a model file.
     * Each layer with parameters must find its Keras layer's weights, in Keras's order (kernel before
     * bias) and of the same shapes; Keras layers the architecture lacks are ignored (a {@code _notop}
     * file into a network with a new head works the other way round: the new head keeps no values).
     *
     * @return a value for every parameter of layers found in the file
     * @throws KerasImportException if a layer's weights are missing from the file or of other shapes
     */
    public static Weights readWeights(Path file, Architecture architecture) {
        return weightsOf(KerasFile.read(file), architecture);
    }

    /** {@link #readWeights(Path, Architecture)} for a file already read. */
    public static Weights weightsOf(KerasFile file, Architecture architecture) {
        Weights.Builder out = Weights.builder();
        List<Shape> inputs = architecture.inputShapes();
        for (int i = 0; i < architecture.layers().size(); i++) {
            Layer layer = architecture.layers().get(i);
            List<Parameter> params = layer.parameters(inputs.get(i));
            if (params.isEmpty()) {
                continue;
            }
            if (!file.weights().containsKey(layer.name())) {
                throw new KerasImportException("Keras file " + file.name() + " has no weights for layer '"
                        + layer.name() + "' (" + layer.typeName() + "); its layers: "
                        + String.join(", ", file.weights().keySet()));
            }
            List<KerasTensor> values = file.weights(layer.name());
            if (values.size() != params.size()) {
                throw new KerasImportException("layer '" + layer.name() + "' (" + layer.typeName() + "): Keras file "
                        + file.name() + " holds " + values.size() + " weight arrays, the layer needs " + params.size());
            }
            for (int j = 0; j < params.size(); j++) {
                Parameter p = params.get(j);
                if (!values.get(j).dslShape().equals(p.shape())) {
                    throw new KerasImportException("layer '" + layer.name() + "' (" + layer.typeName() + "): weight "
                            + p.name() + " has shape " + values.get(j).dslShape() + " in Keras file " + file.name()
                            + ", the layer needs " + p.shape());
                }
                out.put(p.key(), p.shape(), values.get(j).values());
            }
        }
        return out.build();
    }

    /**
     * The layout Keras holds the model's images in: that of its first convolution, pooling or padding
     * layer ({@code channels_last} when it has none).
     */
    private static ImportContext.DataFormat dataFormat(List<KerasLayer> chain) {
        Set<String> spatial = Set.of("Conv2D", "MaxPooling2D", "AveragePooling2D", "ZeroPadding2D");
        for (KerasLayer layer : chain) {
            if (spatial.contains(layer.kerasClass())) {
                return layer.string("data_format", "channels_last").equals("channels_first")
                        ? ImportContext.DataFormat.CHANNELS_FIRST : ImportContext.DataFormat.CHANNELS_LAST;
            }
        }
        return ImportContext.DataFormat.CHANNELS_LAST;
    }

    /**
     * The input shape in the DSL's layout, from the input layer's (or first layer's) batch shape:
     * {@code (n)} a flat vector, {@code (h, w)} a one-channel image, {@code (h, w, c)} or, for a
     * channels_first model, {@code (c, h, w)} an image.
     */
    private static Shape inputShape(List<KerasLayer> chain, ImportContext.DataFormat format) {
        KerasLayer first = chain.get(0);
        JsonNode batch = first.get("batch_shape");
        if (batch.isMissingNode() || batch.isNull()) {
            batch = first.get("batch_input_shape");
        }
        if (!batch.isArray() || batch.size() < 2) {
            throw first.unsupported("the model's input shape is not given (no InputLayer or batch_input_shape)");
        }
        int[] dims = new int[batch.size() - 1];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = batch.get(i + 1);
            if (!d.isIntegralNumber() || d.asInt() < 1) {
                throw first.unsupported("input shape " + batch + " has a dimension of no fixed size; the zoo's "
                        + "networks take inputs of one size");
            }
            dims[i] = d.asInt();
        }
        return switch (dims.length) {
            case 1 -> Shape.flat(dims[0]);
            case 2 -> {
                if (format == ImportContext.DataFormat.CHANNELS_FIRST) {
                    throw first.unsupported("a two-dimensional input of a channels_first model is not supported");
                }
                yield Shape.image(dims[0], dims[1], 1);
            }
            case 3 -> format == ImportContext.DataFormat.CHANNELS_FIRST ? Shape.image(dims[1], dims[2], dims[0])
                    : Shape.image(dims[0], dims[1], dims[2]);
            default -> throw first.unsupported("input shape " + batch + " has " + dims.length
                    + " dimensions; the zoo's networks take images or flat vectors");
        };
    }
}
