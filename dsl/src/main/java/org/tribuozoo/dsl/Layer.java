package org.tribuozoo.dsl;

import java.util.List;

/**
 * One layer of a network: an immutable value with a unique name. Every layer knows the shape it
 * produces from its input shape and the parameters it owns; both reject an input that does not fit
 * with an {@link InvalidArchitectureException} naming the layer. Most layers read one input; a
 * {@link MergeLayer} reads several.
 *
 * <p>Code that does something different per layer type (the TensorFlow graph, the ONNX writer, the
 * JSON form) does it through a {@link Visitor}, never through {@code instanceof} chains, so that a new
 * layer type cannot be forgotten by any of them: see {@link Visitor} for the steps of adding one.
 */
public sealed interface Layer permits Conv2D, MaxPool2D, AvgPool2D, ZeroPadding2D, Dropout, Flatten, Dense,
        ActivationLayer, Rescaling, PositionBias, SpatialSoftmax, BatchNormalization, GlobalAveragePooling2D,
        GlobalMaxPooling2D, DepthwiseConv2D, SeparableConv2D, ReLU, Softmax, Reshape, MergeLayer {

    /** The unique name within its architecture, for example {@code conv2d_1}. */
    String name();

    /** The Keras-style type shown in summaries, for example {@code Conv2D}. */
    String typeName();

    /** The type name in JSON, also the prefix of generated names, for example {@code conv2d}. */
    String jsonType();

    /** The output shape for the given input shape. */
    Shape outputShape(Shape input);

    /**
     * The output shape for the shapes of all its inputs, in order: exactly one, except for a
     * {@link MergeLayer}.
     *
     * @param inputs     the shape of each input
     * @param inputNames the layer (or network input) each comes from, named in error messages
     */
    default Shape outputShape(List<Shape> inputs, List<String> inputNames) {
        if (inputs.size() != 1) {
            throw InvalidArchitectureException.at(this, "takes one input, got " + inputs.size()
                    + (inputNames.isEmpty() ? "" : " (" + Layers.quoted(inputNames) + ")"));
        }
        return outputShape(inputs.get(0));
    }

    /** The parameters this layer owns for the given input shape; none by default. */
    default List<Parameter> parameters(Shape input) {
        return List.of();
    }

    /** A copy of this layer under another name. */
    Layer withName(String name);

    /**
     * Calls the visitor's {@code visit} method for this layer's own type.
     *
     * @param visitor the operation to apply
     * @param <R>     what the visitor returns
     * @return what that method returned
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * One operation with a case for every concrete layer type: {@code layer.accept(visitor)} calls the
     * {@code visit} method of the layer's type. This is how the backends translate layers (tf-graph's
     * forward pass, the ONNX writer, the JSON writer), so each handles every type or does not compile.
     *
     * <p>Adding a layer type: write its record here in {@code org.tribuozoo.dsl}, add it to
     * {@link Layer}'s {@code permits} list (or {@link MergeLayer}'s, for a layer that reads several
     * inputs) and a {@code visit} method for it to this interface,
     * implement {@link Layer#accept} as {@code return visitor.visit(this);}, then follow the compile
     * errors through every backend. Reading JSON starts from a type name, not a layer, so a test
     * checks the JSON reader instead: add the type's reader to {@code ArchitectureJson} and a sample
     * of it to the tests' {@code LayerSamples}, which the JSON, TensorFlow and ONNX tests run.
     *
     * @param <R> what each case returns
     */
    interface Visitor<R> {
        R visit(Conv2D conv);

        R visit(MaxPool2D pool);

        R visit(AvgPool2D pool);

        R visit(ZeroPadding2D padding);

        R visit(Dropout dropout);

        R visit(Flatten flatten);

        R visit(Dense dense);

        R visit(ActivationLayer activation);

        R visit(Rescaling rescaling);

        R visit(PositionBias bias);

        R visit(SpatialSoftmax softmax);

        R visit(BatchNormalization normalization);

        R visit(GlobalAveragePooling2D pool);

        R visit(GlobalMaxPooling2D pool);

        R visit(DepthwiseConv2D conv);

        R visit(SeparableConv2D conv);

        R visit(ReLU relu);

        R visit(Softmax softmax);

        R visit(Reshape reshape);

        R visit(Add add);

        R visit(Concatenate concatenate);

        R visit(Multiply multiply);

        R visit(Average average);
    }

    /** Checks a user-given layer name. */
    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidArchitectureException("a layer name must not be empty");
        }
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            throw new InvalidArchitectureException("layer name '" + name
                    + "' may only contain letters, digits, '_', '.' and '-'");
        }
        return name;
    }
}
