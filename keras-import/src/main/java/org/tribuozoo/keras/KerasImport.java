package org.tribuozoo.keras;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.ConnectedLayer;
import org.tribuozoo.dsl.InvalidArchitectureException;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.keras.ImportContext.Layout;

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
        List<KerasLayer> ordered = model.ordered();
        KerasLayer inputLayer = ordered.stream().filter(l -> l.name().equals(model.input())).findFirst()
                .orElseThrow(() -> new KerasImportException("model '" + model.name() + "' names an input layer '"
                        + model.input() + "' it does not define"));
        Layout format = dataFormat(ordered);
        Shape inputShape = inputShape(inputLayer, format);
        // Keras names a Sequential model's implicit input after its first layer.
        String inputName = inputLayer.kerasClass().equals("InputLayer") ? inputLayer.name()
                : inputLayer.name() + "_input";
        Layout inputLayout = switch (inputShape.rank()) {
            case 1 -> Layout.FLAT;
            case 3 -> inputShape.channels() == 1 && isRows(inputLayer) ? Layout.ROWS : format;
            default -> format;
        };
        ImportContext ctx = new ImportContext(file, format,
                new ImportContext.Tensor(inputName, inputShape, inputLayout, null));
        for (KerasLayer layer : ordered) {
            ctx.begin(layer);
            KerasLayerMappings.of(layer).map(layer, ctx);
        }
        if (ctx.layers().isEmpty()) {
            throw new KerasImportException("model '" + model.name() + "' has no layer besides its input");
        }
        if (ordered.stream().noneMatch(l -> l.name().equals(model.output()))) {
            throw new KerasImportException("model '" + model.name() + "' names an output layer '" + model.output()
                    + "' it does not define");
        }
        ImportContext.Tensor output = ctx.tensorOf(model.output());
        ImportContext.requireOutputOrder(output);
        Architecture architecture;
        try {
            architecture = isChain(ctx.layers(), inputName, output.source())
                    ? Architecture.of(model.name(), inputShape,
                            ctx.layers().stream().map(ConnectedLayer::layer).toList())
                    : Architecture.of(model.name(), inputName, inputShape, ctx.layers(), output.source());
            architecture = architecture.withFrozen(ctx.frozen());
        } catch (InvalidArchitectureException e) {
            throw new KerasImportException("model '" + model.name() + "': " + e.getMessage(), e);
        }
        return new ImportedNetwork(architecture, ctx.weights(), file, ctx.notes());
    }

    /** True when each layer reads the one before it (the first the input) and the last is the output. */
    private static boolean isChain(List<ConnectedLayer> layers, String inputName, String output) {
        String previous = inputName;
        for (ConnectedLayer c : layers) {
            if (!c.inbound().equals(List.of(previous))) {
                return false;
            }
            previous = c.name();
        }
        return previous.equals(output);
    }

    /**
     * Reads the weights of {@code architecture} from a Keras file by layer name: a weights-only file
     * ({@code save_weights}: Keras 2 HDF5, Keras 3 {@code .weights.h5}, Keras Applications' published
     * weights, {@code _notop} ones too) or the weights of a model file. Each layer with parameters must find
     * its Keras layer's weights, in Keras's order (kernel before bias; gamma, beta, moving mean, moving
     * variance) and of the same shapes; Keras layers the architecture lacks are ignored, so that a
     * {@code _notop} file loads into a network built without its top. A layer name holding {@code /}
     * (tf.keras 2's DenseNet: {@code conv1/conv}) matches the DSL's name with {@code _} instead
     * ({@code conv1_conv}, as Keras 3 names it).
     *
     * @return a value for every parameter of the architecture
     * @throws KerasImportException if a layer's weights are missing from the file or of other shapes, or the
     *                              file's convolution kernels are Theano's (flipped)
     */
    public static Weights readWeights(Path file, Architecture architecture) {
        return weightsOf(KerasFile.read(file), architecture);
    }

    /**
     * A network the DSL describes (a zoo architecture, for example Keras Applications' built with
     * {@code KerasApplications}) with its weights read from a Keras file by layer name, as
     * {@link #readWeights(Path, Architecture)}: ready for {@link KerasImporter#toModel(ImportedNetwork)}.
     */
    public static ImportedNetwork intoArchitecture(Path file, Architecture architecture) {
        KerasFile keras = KerasFile.read(file);
        return new ImportedNetwork(architecture, weightsOf(keras, architecture), keras, List.of());
    }

    /** {@link #readWeights(Path, Architecture)} for a file already read. */
    public static Weights weightsOf(KerasFile file, Architecture architecture) {
        Map<String, String> fileNames = fileLayerNames(file);
        Weights.Builder out = Weights.builder();
        List<Shape> inputs = architecture.inputShapes();
        for (int i = 0; i < architecture.layers().size(); i++) {
            Layer layer = architecture.layers().get(i);
            List<Parameter> params = layer.parameters(inputs.get(i));
            if (params.isEmpty()) {
                continue;
            }
            String fileName = fileNames.get(layer.name());
            if (fileName == null) {
                List<String> held = file.weights().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .map(Map.Entry::getKey).toList();
                throw new KerasImportException("Keras file " + file.name() + " has no weights for layer '"
                        + layer.name() + "' (" + layer.typeName() + "); its layers with weights: "
                        + (held.size() <= 12 ? String.join(", ", held) : String.join(", ", held.subList(0, 12))
                        + ", ... (" + held.size() + " in all)"));
            }
            if (file.backend().equals("theano") && layer.typeName().contains("Conv")) {
                throw new KerasImportException("layer '" + layer.name() + "' (" + layer.typeName() + "): Keras file "
                        + file.name() + " was written with the Theano backend, whose convolution kernels are flipped; "
                        + "not supported");
            }
            List<KerasTensor> values = file.weights(fileName);
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
     * The file's layer names by the DSL name they match: their own; with {@code /} as {@code _} where that
     * names no other layer of the file; and for Keras 3's {@code predictions}, the classifier names of
     * keras-applications (tf.keras 2's weight files), {@code fc1000} (DenseNet) and {@code probs} (ResNet),
     * which Keras itself never matches by name (it loads those files in layer order).
     */
    private static Map<String, String> fileLayerNames(KerasFile file) {
        Map<String, String> names = new HashMap<>();
        for (String name : file.weights().keySet()) {
            names.put(name, name);
        }
        for (String name : file.weights().keySet()) {
            String underscored = name.replace('/', '_');
            if (!underscored.equals(name)) {
                String other = names.putIfAbsent(underscored, name);
                if (other != null && !other.equals(name) && !other.equals(underscored)) {
                    throw new KerasImportException("Keras file " + file.name() + " has layers '" + other + "' and '"
                            + name + "', which both match '" + underscored + "'");
                }
            }
        }
        if (!names.containsKey("predictions")) {
            List<String> tops = TOP_ALIASES.stream().filter(file.weights()::containsKey).toList();
            if (tops.size() == 1) {
                names.put("predictions", tops.get(0));
            }
        }
        return names;
    }

    /** keras-applications' names of the classifier Keras 3 calls {@code predictions}. */
    private static final List<String> TOP_ALIASES = List.of("fc1000", "probs");

    /**
     * The layout Keras holds the model's images in: that of its first convolution, pooling or padding
     * layer ({@code channels_last} when it has none).
     */
    private static Layout dataFormat(List<KerasLayer> layers) {
        for (KerasLayer layer : layers) {
            if (SPATIAL.contains(layer.kerasClass())) {
                return Layout.ofDataFormat(layer);
            }
        }
        return Layout.CHANNELS_LAST;
    }

    /** The Keras classes that hold images in their {@code data_format}. */
    private static final Set<String> SPATIAL = Set.of("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "MaxPooling2D",
            "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "ZeroPadding2D");

    /** True when the input layer's batch shape has two dimensions besides the batch: (h, w). */
    private static boolean isRows(KerasLayer input) {
        return batchShape(input).size() == 3;
    }

    private static JsonNode batchShape(KerasLayer input) {
        JsonNode batch = input.get("batch_shape");
        if (batch.isMissingNode() || batch.isNull()) {
            batch = input.get("batch_input_shape");
        }
        return batch;
    }

    /**
     * The input shape in the DSL's layout, from the input layer's (or first layer's) batch shape:
     * {@code (n)} a flat vector, {@code (h, w)} a one-channel image, {@code (h, w, c)} or, for a
     * channels_first model, {@code (c, h, w)} an image.
     */
    private static Shape inputShape(KerasLayer first, Layout format) {
        JsonNode batch = batchShape(first);
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
            case 2 -> Shape.image(dims[0], dims[1], 1);
            case 3 -> format == Layout.CHANNELS_FIRST ? Shape.image(dims[1], dims[2], dims[0])
                    : Shape.image(dims[0], dims[1], dims[2]);
            default -> throw first.unsupported("input shape " + batch + " has " + dims.length
                    + " dimensions; the zoo's networks take images or flat vectors");
        };
    }
}
