package org.tribuozoo.tribuo.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * The standard ONNX operators a convolutional network needs that Tribuo's {@link ONNXOperators} lacks,
 * declared at the same opset (13) so that one opset import covers the whole graph.
 *
 * <p>Inputs, optional inputs and attributes follow the ONNX operator specification of opset 13; the
 * attribute types are what {@link ONNXAttribute#build(Object)} checks values against, so {@code INTS}
 * attributes take an {@code int[]}, {@code INT} an {@code Integer} and {@code STRING} a {@code String}.
 */
public enum ConvNetOperators implements ONNXOperator {
    /**
     * 2-D convolution over NCHW input with OIHW weights and an optional bias: inputs {@code X, W[, B]}.
     * {@code pads} is {@code [top, left, bottom, right]}.
     */
    CONV("Conv", 2, 1,
            attr("auto_pad", AttributeType.STRING, false),
            attr("dilations", AttributeType.INTS, false),
            attr("group", AttributeType.INT, false),
            attr("kernel_shape", AttributeType.INTS, false),
            attr("pads", AttributeType.INTS, false),
            attr("strides", AttributeType.INTS, false)),
    /** Max pooling over NCHW input; padded positions never win. Only the values output is declared. */
    MAX_POOL("MaxPool", 1, 0,
            attr("auto_pad", AttributeType.STRING, false),
            attr("ceil_mode", AttributeType.INT, false),
            attr("dilations", AttributeType.INTS, false),
            attr("kernel_shape", AttributeType.INTS, true),
            attr("pads", AttributeType.INTS, false),
            attr("storage_order", AttributeType.INT, false),
            attr("strides", AttributeType.INTS, false)),
    /** Average pooling over NCHW input; {@code count_include_pad} decides whether padding counts in the mean. */
    AVERAGE_POOL("AveragePool", 1, 0,
            attr("auto_pad", AttributeType.STRING, false),
            attr("ceil_mode", AttributeType.INT, false),
            attr("count_include_pad", AttributeType.INT, false),
            attr("kernel_shape", AttributeType.INTS, true),
            attr("pads", AttributeType.INTS, false),
            attr("strides", AttributeType.INTS, false)),
    /**
     * Padding: inputs {@code data, pads[, constant_value]}, {@code pads} an int64 tensor
     * {@code [x1_begin, x2_begin, ..., x1_end, x2_end, ...]} over every axis.
     */
    PAD("Pad", 2, 1,
            attr("mode", AttributeType.STRING, false)),
    /** Element-wise {@code max(0, x)}. */
    RELU("Relu", 1, 0),
    /** Element-wise {@code x} for positive {@code x}, else {@code alpha * x}. */
    LEAKY_RELU("LeakyRelu", 1, 0,
            attr("alpha", AttributeType.FLOAT, false)),
    /** Element-wise clipping: inputs {@code input[, min[, max]]}, the bounds scalar tensors. */
    CLIP("Clip", 1, 2),
    /**
     * Inference batch normalisation over axis 1 (the channels of NCHW, the features of {@code (N, C)}):
     * inputs {@code X, scale, B, mean, var}, {@code scale * (X - mean) / sqrt(var + epsilon) + B}.
     */
    BATCH_NORMALIZATION("BatchNormalization", 5, 0,
            attr("epsilon", AttributeType.FLOAT, false),
            attr("momentum", AttributeType.FLOAT, false)),
    /** The mean of each channel of NCHW input over its whole image: {@code (N, C, 1, 1)}. */
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 0),
    /** The maximum of each channel of NCHW input over its whole image: {@code (N, C, 1, 1)}. */
    GLOBAL_MAX_POOL("GlobalMaxPool", 1, 0),
    /** Element-wise hyperbolic tangent. */
    TANH("Tanh", 1, 0),
    /** Reshape: inputs {@code data, shape}, {@code shape} an int64 tensor where -1 stands for the rest. */
    RESHAPE("Reshape", 2, 0),
    /** Permutes the axes: output axis {@code i} is input axis {@code perm[i]}. */
    TRANSPOSE("Transpose", 1, 0,
            attr("perm", AttributeType.INTS, false)),
    /**
     * The element-wise mean of one or more inputs of one shape; variadic, which Tribuo marks (as for its
     * {@code Sum} and {@code Concat}) with -1 inputs.
     */
    MEAN("Mean", -1, 0);

    private final String opName;
    private final int numInputs;
    private final int numOptionalInputs;
    private final Map<String, ONNXAttribute> attributes;
    private final Set<String> mandatoryAttributeNames;

    ConvNetOperators(String opName, int numInputs, int numOptionalInputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.numInputs = numInputs;
        this.numOptionalInputs = numOptionalInputs;
        Map<String, ONNXAttribute> byName = new LinkedHashMap<>();
        for (ONNXAttribute a : attributes) {
            byName.put(a.getName(), a);
        }
        this.attributes = Collections.unmodifiableMap(byName);
        this.mandatoryAttributeNames = List.of(attributes).stream().filter(ONNXAttribute::isMandatory)
                .map(ONNXAttribute::getName).collect(Collectors.toUnmodifiableSet());
    }

    private static ONNXAttribute attr(String name, AttributeType type, boolean mandatory) {
        return new ONNXAttribute(name, type, mandatory);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return numInputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return numOptionalInputs;
    }

    /** Every operator here has one output (MaxPool's optional indices output is never requested). */
    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return mandatoryAttributeNames;
    }

    /** The opset of Tribuo's own operators, so that the model imports a single default-domain opset. */
    @Override
    public int getOpVersion() {
        return ONNXOperators.getOpsetVersion();
    }

    /** Null: the default ONNX domain, as for Tribuo's own operators. */
    @Override
    public String getOpDomain() {
        return null;
    }
}
