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

    /** {@return the unique name within its architecture, for example {@code conv2d_1}} */
    String name();

    /** {@return the Keras-style type shown in summaries, for example {@code Conv2D}} */
    String typeName();

    /** {@return the type name in JSON, also the prefix of generated names, for example {@code conv2d}} */
    String jsonType();

    /**
     * The output shape for the given input shape.
     *
     * @param input the shape of one input example reaching this layer, without the batch dimension
     * @return the shape of one example after this layer
     * @throws InvalidArchitectureException if the layer cannot read an input of that shape (for
     *                                      example an image layer given a flat vector, or a window larger
     *                                      than the image), naming the layer
     */
    Shape outputShape(Shape input);

    /**
     * The output shape for the shapes of all its inputs, in order: exactly one, except for a
     * {@link MergeLayer}.
     *
     * @param inputs     the shape of each input
     * @param inputNames the layer (or network input) each comes from, named in error messages; may be
     *                   empty, then the message names none
     * @return the shape of one example after this layer
     * @throws InvalidArchitectureException if the number of inputs or one of their shapes does not fit
     *                                      this layer, naming the layer
     */
    default Shape outputShape(List<Shape> inputs, List<String> inputNames) {
        if (inputs.size() != 1) {
            throw InvalidArchitectureException.at(this, "takes one input, got " + inputs.size()
                    + (inputNames.isEmpty() ? "" : " (" + Layers.quoted(inputNames) + ")"));
        }
        return outputShape(inputs.get(0));
    }

    /**
     * The parameter tensors this layer owns for the given input shape; none by default.
     *
     * @param input the shape of the layer's (first) input, which sets for example a kernel's input depth
     * @return the parameters in the order Keras lists them (kernel before bias), empty for a layer
     *         without weights
     */
    default List<Parameter> parameters(Shape input) {
        return List.of();
    }

    /**
     * A copy of this layer under another name, every other setting the same.
     *
     * @param name the new name: letters, digits, {@code _}, {@code .} and {@code -}
     * @return the renamed layer
     * @throws InvalidArchitectureException if the name is empty or has another character
     */
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
        /**
         * The case of a 2-D convolution.
         *
         * @param conv the layer visited
         * @return the operation's result for it
         */
        R visit(Conv2D conv);

        /**
         * The case of max pooling.
         *
         * @param pool the layer visited
         * @return the operation's result for it
         */
        R visit(MaxPool2D pool);

        /**
         * The case of average pooling.
         *
         * @param pool the layer visited
         * @return the operation's result for it
         */
        R visit(AvgPool2D pool);

        /**
         * The case of zero padding.
         *
         * @param padding the layer visited
         * @return the operation's result for it
         */
        R visit(ZeroPadding2D padding);

        /**
         * The case of dropout.
         *
         * @param dropout the layer visited
         * @return the operation's result for it
         */
        R visit(Dropout dropout);

        /**
         * The case of flattening.
         *
         * @param flatten the layer visited
         * @return the operation's result for it
         */
        R visit(Flatten flatten);

        /**
         * The case of a fully connected layer.
         *
         * @param dense the layer visited
         * @return the operation's result for it
         */
        R visit(Dense dense);

        /**
         * The case of a stand-alone activation.
         *
         * @param activation the layer visited
         * @return the operation's result for it
         */
        R visit(ActivationLayer activation);

        /**
         * The case of rescaling.
         *
         * @param rescaling the layer visited
         * @return the operation's result for it
         */
        R visit(Rescaling rescaling);

        /**
         * The case of a per-position bias.
         *
         * @param bias the layer visited
         * @return the operation's result for it
         */
        R visit(PositionBias bias);

        /**
         * The case of a softmax over the spatial positions.
         *
         * @param softmax the layer visited
         * @return the operation's result for it
         */
        R visit(SpatialSoftmax softmax);

        /**
         * The case of batch normalisation.
         *
         * @param normalization the layer visited
         * @return the operation's result for it
         */
        R visit(BatchNormalization normalization);

        /**
         * The case of global average pooling.
         *
         * @param pool the layer visited
         * @return the operation's result for it
         */
        R visit(GlobalAveragePooling2D pool);

        /**
         * The case of global max pooling.
         *
         * @param pool the layer visited
         * @return the operation's result for it
         */
        R visit(GlobalMaxPooling2D pool);

        /**
         * The case of a depthwise convolution.
         *
         * @param conv the layer visited
         * @return the operation's result for it
         */
        R visit(DepthwiseConv2D conv);

        /**
         * The case of a separable (depthwise then pointwise) convolution.
         *
         * @param conv the layer visited
         * @return the operation's result for it
         */
        R visit(SeparableConv2D conv);

        /**
         * The case of Keras's {@code ReLU} layer (with its cap, slope and threshold).
         *
         * @param relu the layer visited
         * @return the operation's result for it
         */
        R visit(ReLU relu);

        /**
         * The case of a softmax layer over one axis.
         *
         * @param softmax the layer visited
         * @return the operation's result for it
         */
        R visit(Softmax softmax);

        /**
         * The case of a reshape.
         *
         * @param reshape the layer visited
         * @return the operation's result for it
         */
        R visit(Reshape reshape);

        /**
         * The case of an element-wise sum of several inputs.
         *
         * @param add the layer visited
         * @return the operation's result for it
         */
        R visit(Add add);

        /**
         * The case of a concatenation of several inputs.
         *
         * @param concatenate the layer visited
         * @return the operation's result for it
         */
        R visit(Concatenate concatenate);

        /**
         * The case of an element-wise product of several inputs.
         *
         * @param multiply the layer visited
         * @return the operation's result for it
         */
        R visit(Multiply multiply);

        /**
         * The case of an element-wise mean of several inputs.
         *
         * @param average the layer visited
         * @return the operation's result for it
         */
        R visit(Average average);
    }

    /**
     * Checks a user-given layer name.
     *
     * @param name the name to check
     * @return the same name
     * @throws InvalidArchitectureException if it is null, blank, or has a character other than
     *                                      letters, digits, {@code _}, {@code .} and {@code -}
     */
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
