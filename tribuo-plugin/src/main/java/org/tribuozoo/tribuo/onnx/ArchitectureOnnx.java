package org.tribuozoo.tribuo.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.onnx.proto.OnnxMl;
import org.tribuo.ONNXExportable;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.graph.Weights;

/**
 * Exports any DSL {@link Architecture} with given {@link Weights} as an ONNX inference graph that
 * computes what tf-graph's inference pass computes (dropout left out).
 *
 * <p>The graph's input is the flat pixel vector a Tribuo image example carries: {@code [batch, H*W*C]}
 * floats where element {@code i} is the raw pixel at row-major {@code (h, w, c)} index {@code i},
 * before scaling. Scaling ({@code x * pixelScale + pixelOffset}), the reshape to an image and the
 * conversion to ONNX's channels-first layout all happen inside the graph. The output is
 * {@code [batch, units]}: the network's output flattened in TensorFlow's (h, w, c) order, which for a
 * classifier is one probability per class.
 *
 * <p>A network with a single output unit (one sigmoid, a binary classifier such as {@code catsdogs-cnn})
 * can be widened to two columns {@code [1 - p, p]}, the scores of the (negative, positive) labels, as the
 * Tribuo model reports them: see {@code binarySigmoidToTwoClasses}.
 *
 * <p>Two uses: {@link #writeGraph} inside a Tribuo model's
 * {@link ONNXExportable#writeONNXGraph(ONNXRef)}, which then builds the model proto with
 * {@link ONNXExportable#buildModel} (and so Tribuo's provenance metadata), and {@link #export} for a
 * standalone model file.
 */
public final class ArchitectureOnnx {

    /** The graph input's name in models made by {@link #export}. */
    public static final String INPUT_NAME = "input";
    /** The graph output's name in models made by {@link #export}. */
    public static final String OUTPUT_NAME = "output";
    /** The producer name written by {@link #export}. */
    public static final String PRODUCER = "tribuo-zoo";
    /** Metadata key: the architecture's JSON document, which makes the file self-describing. */
    public static final String ARCHITECTURE_KEY = "tribuozoo.architecture";
    /** Metadata key: the image shape the flat input holds, for example {@code 28x28x1} (height x width x channels). */
    public static final String INPUT_SHAPE_KEY = "tribuozoo.input_shape";
    /** Metadata key: the factor applied to each raw input value inside the graph. */
    public static final String PIXEL_SCALE_KEY = "tribuozoo.pixel_scale";
    /** Metadata key: the offset added after scaling inside the graph. */
    public static final String PIXEL_OFFSET_KEY = "tribuozoo.pixel_offset";
    /** Metadata key: {@code true} when a single output unit was widened to {@code [1 - p, p]}. */
    public static final String TWO_CLASSES_KEY = "tribuozoo.binary_sigmoid_to_two_classes";
    /**
     * The ONNX IR version written by {@link #export}: 7 is the first that goes with opset 13 (ONNX 1.8).
     * Tribuo's own {@link ONNXExportable#buildModel} writes 6, which ONNX Runtime accepts as well.
     */
    public static final long IR_VERSION = 7;

    private ArchitectureOnnx() {
    }

    /**
     * Writes the network into {@code ctx}, widening a single output unit to two classes (as the Tribuo
     * model does). Same as {@link #writeGraph(ONNXContext, ONNXRef, Architecture, Weights, double, double,
     * boolean)} with {@code binarySigmoidToTwoClasses = true}.
     *
     * @param ctx          the context of {@code flatInput}
     * @param flatInput    {@code [batch, H*W*C]} raw pixels in row-major (h, w, c) order
     * @param architecture the network
     * @param weights      a value for every parameter of the architecture, TensorFlow layout
     * @param pixelScale   multiplies each raw input value
     * @param pixelOffset  added after scaling
     * @return the output, {@code [batch, outputWidth(architecture, true)]}
     * @throws IllegalArgumentException if a parameter is missing or has another shape, if the scaling
     *                                  is not finite, or if {@code flatInput} belongs to another context
     */
    public static ONNXNode writeGraph(ONNXContext ctx, ONNXRef<?> flatInput, Architecture architecture,
                                      Weights weights, double pixelScale, double pixelOffset) {
        return writeGraph(ctx, flatInput, architecture, weights, pixelScale, pixelOffset, true);
    }

    /**
     * Writes the network into {@code ctx}: initializers for every parameter and the nodes of the
     * inference pass.
     *
     * @param ctx                       the context of {@code flatInput}
     * @param flatInput                 {@code [batch, H*W*C]} raw pixels in row-major (h, w, c) order, for
     *                                  example {@code ctx.floatInput("input", inputWidth(architecture))};
     *                                  {@code [batch, N]} for a network over flat vectors
     * @param architecture              the network
     * @param weights                   a value for every parameter of the architecture, TensorFlow layout
     *                                  (extra keys are ignored)
     * @param pixelScale                multiplies each raw input value (1/255 for bytes to [0, 1])
     * @param pixelOffset               added after scaling
     * @param binarySigmoidToTwoClasses when the network has exactly one output unit, output
     *                                  {@code [1 - p, p]} (the negative and positive labels' scores) instead
     *                                  of {@code [p]}; no effect on other networks
     * @return the output, {@code [batch, outputWidth(architecture, binarySigmoidToTwoClasses)]}
     * @throws IllegalArgumentException if a parameter is missing or has another shape, if the scaling
     *                                  is not finite, or if {@code flatInput} belongs to another context
     */
    public static ONNXNode writeGraph(ONNXContext ctx, ONNXRef<?> flatInput, Architecture architecture,
                                      Weights weights, double pixelScale, double pixelOffset,
                                      boolean binarySigmoidToTwoClasses) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(flatInput, "flatInput");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(weights, "weights");
        if (flatInput.onnxContext() != ctx) {
            throw new IllegalArgumentException("flatInput belongs to another ONNXContext");
        }
        if (!Double.isFinite(pixelScale) || !Double.isFinite(pixelOffset)) {
            throw new IllegalArgumentException("pixel scale and offset must be finite, got " + pixelScale + " and "
                    + pixelOffset);
        }
        requireWeights(architecture, weights);
        return new GraphWriter(flatInput, weights).write(architecture, pixelScale, pixelOffset,
                binarySigmoidToTwoClasses);
    }

    /**
     * The graph input's width: the number of values of one example, {@code H*W*C} for an image.
     *
     * @param architecture the network
     * @return the element count of its input shape
     * @throws ArithmeticException if that exceeds {@link Integer#MAX_VALUE}
     */
    public static int inputWidth(Architecture architecture) {
        return Math.toIntExact(architecture.inputShape().elementCount());
    }

    /**
     * The graph output's width: the network's output units, or 2 for a single unit widened to two classes.
     *
     * @param architecture              the network
     * @param binarySigmoidToTwoClasses whether a single output unit is widened to {@code [1 - p, p]}
     * @return the number of output columns
     */
    public static int outputWidth(Architecture architecture, boolean binarySigmoidToTwoClasses) {
        int units = Math.toIntExact(architecture.outputShape().elementCount());
        return binarySigmoidToTwoClasses && units == 1 ? 2 : units;
    }

    /**
     * The metadata that describes the exported graph: the architecture JSON, the input image shape, the
     * scaling done inside the graph and whether a single unit was widened. {@link #export} writes them;
     * a Tribuo model can add them next to its provenance.
     *
     * @param architecture              the network, written as its JSON document
     * @param pixelScale                the scale the graph applies
     * @param pixelOffset               the offset the graph applies
     * @param binarySigmoidToTwoClasses whether a single output unit is widened (recorded as {@code true}
     *                                  only when the network has a single output unit)
     * @return the entries under {@link #ARCHITECTURE_KEY}, {@link #INPUT_SHAPE_KEY},
     *         {@link #PIXEL_SCALE_KEY}, {@link #PIXEL_OFFSET_KEY} and {@link #TWO_CLASSES_KEY}, in that order
     */
    public static List<OnnxMl.StringStringEntryProto> metadata(Architecture architecture, double pixelScale,
                                                               double pixelOffset, boolean binarySigmoidToTwoClasses) {
        boolean widened = binarySigmoidToTwoClasses && architecture.outputShape().elementCount() == 1;
        return List.of(
                entry(ARCHITECTURE_KEY, architecture.toJson()),
                entry(INPUT_SHAPE_KEY, architecture.inputShape().compact()),
                entry(PIXEL_SCALE_KEY, Double.toString(pixelScale)),
                entry(PIXEL_OFFSET_KEY, Double.toString(pixelOffset)),
                entry(TWO_CLASSES_KEY, Boolean.toString(widened)));
    }

    /**
     * A standalone ONNX model of the network: input {@value #INPUT_NAME} {@code [batch, H*W*C]}, output
     * {@value #OUTPUT_NAME} {@code [batch, outputWidth]}, opset {@link ONNXOperators#getOpsetVersion()},
     * graph named after the architecture, with {@link #metadata} plus {@code extraMetadata} (for example
     * a marshalled provenance under {@link ONNXExportable#PROVENANCE_METADATA_FIELD}).
     *
     * @param architecture              the network
     * @param weights                   a value for every parameter of the architecture, TensorFlow layout
     * @param pixelScale                multiplies each raw input value inside the graph
     * @param pixelOffset               added after scaling
     * @param binarySigmoidToTwoClasses when the network has exactly one output unit, output
     *                                  {@code [1 - p, p]} instead of {@code [p]}
     * @param domain                    reverse-DNS namespace of the model, for example {@code org.tribuozoo}
     * @param modelVersion              the model's version number
     * @param extraMetadata             more metadata properties, written after the standard ones
     * @return the model, ready to be written with {@code writeTo}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a parameter is missing or has another shape, or the scaling is not
     *                                  finite
     * @see #writeGraph(ONNXContext, ONNXRef, Architecture, Weights, double, double, boolean)
     */
    public static OnnxMl.ModelProto export(Architecture architecture, Weights weights, double pixelScale,
                                           double pixelOffset, boolean binarySigmoidToTwoClasses, String domain,
                                           long modelVersion, Map<String, String> extraMetadata) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(extraMetadata, "extraMetadata");
        ONNXContext ctx = new ONNXContext();
        ctx.setName(architecture.name());
        ONNXPlaceholder input = ctx.floatInput(INPUT_NAME, inputWidth(architecture));
        ONNXPlaceholder output = ctx.floatOutput(OUTPUT_NAME, outputWidth(architecture, binarySigmoidToTwoClasses));
        writeGraph(ctx, input, architecture, weights, pixelScale, pixelOffset, binarySigmoidToTwoClasses)
                .assignTo(output);
        List<OnnxMl.StringStringEntryProto> props =
                new ArrayList<>(metadata(architecture, pixelScale, pixelOffset, binarySigmoidToTwoClasses));
        extraMetadata.forEach((k, v) -> props.add(entry(k, v)));
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setProducerName(PRODUCER)
                .setDomain(domain)
                .setModelVersion(modelVersion)
                .setDocString(architecture.toString())
                .setGraph(ctx.buildGraph())
                .addAllMetadataProps(props);
        String version = ArchitectureOnnx.class.getPackage().getImplementationVersion();
        if (version != null) {
            model.setProducerVersion(version);
        }
        return model.build();
    }

    /** Every parameter present with its declared shape, checked before anything is written. */
    private static void requireWeights(Architecture architecture, Weights weights) {
        for (Parameter p : architecture.parameters()) {
            if (!weights.contains(p.key())) {
                throw new IllegalArgumentException("architecture '" + architecture.name() + "': no weights for "
                        + p.key() + " " + p.shape() + " (weights hold " + weights.keys() + ")");
            }
            Weights.Tensor t = weights.tensor(p.key());
            if (!t.shape().equals(p.shape())) {
                throw new IllegalArgumentException("architecture '" + architecture.name() + "': weights for "
                        + p.key() + " have shape " + t.shape() + ", the layer needs " + p.shape());
            }
        }
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
