package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A depthwise 2-D convolution over an image {@code (h, w, c)}: each input channel is convolved on its
 * own with {@code depthMultiplier} kernels of {@code kernelHeight x kernelWidth}, giving
 * {@code c * depthMultiplier} output channels (output channel {@code i * depthMultiplier + m} is input
 * channel {@code i}'s {@code m}-th kernel, as in Keras), then an optional bias and an activation.
 * Parameters, with Keras's names: {@code depthwise_kernel} {@code (kh, kw, c, depthMultiplier)} and
 * {@code bias} {@code (c * depthMultiplier)}. Start with {@link #kernel(int)}.
 *
 * @param name                 the layer's unique name
 * @param kernelHeight         the kernel's rows, positive
 * @param kernelWidth          the kernel's columns, positive
 * @param strideHeight         the vertical step between windows, positive
 * @param strideWidth          the horizontal step between windows, positive
 * @param padding              how the window treats the border
 * @param depthMultiplier      the kernels per input channel, positive
 * @param activation           the function applied to the output
 * @param useBias              whether a bias of {@code c * depthMultiplier} values is added
 * @param depthwiseInitializer how the depthwise kernel starts
 * @param biasInitializer      how the bias starts (unused without a bias)
 * @param depthwiseConstraint  applied to the depthwise kernel after each update
 */
public record DepthwiseConv2D(String name, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                              Padding padding, int depthMultiplier, Activation activation, boolean useBias,
                              Initializer depthwiseInitializer, Initializer biasInitializer,
                              Constraint depthwiseConstraint) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name                 the layer's unique name
     * @param kernelHeight         the kernel's rows, positive
     * @param kernelWidth          the kernel's columns, positive
     * @param strideHeight         the vertical step between windows, positive
     * @param strideWidth          the horizontal step between windows, positive
     * @param padding              how the window treats the border
     * @param depthMultiplier      the kernels per input channel, positive
     * @param activation           the function applied to the output
     * @param useBias              whether a bias of {@code c * depthMultiplier} values is added
     * @param depthwiseInitializer how the depthwise kernel starts
     * @param biasInitializer      how the bias starts (unused without a bias)
     * @param depthwiseConstraint  applied to the depthwise kernel after each update
     * @throws InvalidArchitectureException if the name is not valid or a size is not positive
     * @throws NullPointerException         if an object setting is null
     */
    public DepthwiseConv2D {
        Layer.checkName(name);
        Layers.positive(name, "kernel height", kernelHeight);
        Layers.positive(name, "kernel width", kernelWidth);
        Layers.positive(name, "stride height", strideHeight);
        Layers.positive(name, "stride width", strideWidth);
        Layers.positive(name, "depth multiplier", depthMultiplier);
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(depthwiseInitializer, "depthwiseInitializer");
        Objects.requireNonNull(biasInitializer, "biasInitializer");
        Objects.requireNonNull(depthwiseConstraint, "depthwiseConstraint");
    }

    /**
     * Starts a depthwise convolution with a square kernel (stride 1, valid, multiplier 1, linear, with bias).
     *
     * @param size the kernel's height and width, positive; checked when the layer is built
     * @return a builder for the other settings
     */
    public static Builder kernel(int size) {
        return kernel(size, size);
    }

    /**
     * Starts a depthwise convolution with a kernel of height x width.
     *
     * @param height the kernel's rows, positive; checked when the layer is built
     * @param width  the kernel's columns, positive; checked when the layer is built
     * @return a builder for the other settings
     */
    public static Builder kernel(int height, int width) {
        return new Builder().kernel(height, width);
    }

    @Override
    public String jsonType() {
        return "depthwise_conv2d";
    }

    @Override
    public String typeName() {
        return "DepthwiseConv2D";
    }

    /**
     * The zero padding per side for an input shape.
     *
     * @param input the image shape the layer reads
     * @return the rows and columns of zeros added on each side
     * @throws IllegalStateException if the input is not an image shape
     */
    public Padding.Explicit paddingFor(Shape input) {
        return padding.resolve(input.height(), input.width(), kernelHeight, kernelWidth, strideHeight, strideWidth);
    }

    /**
     * The output channels for an input shape: input channels times the depth multiplier.
     *
     * @param input the image shape the layer reads
     * @return the number of output channels
     * @throws IllegalStateException if the input is not an image shape
     * @throws ArithmeticException   if the product overflows an int
     */
    public int outputChannels(Shape input) {
        return Math.multiplyExact(input.channels(), depthMultiplier);
    }

    @Override
    public Shape outputShape(Shape input) {
        Layers.requireImage(this, input);
        return Layers.windowOutput(this, input, paddingFor(input), kernelHeight, kernelWidth, strideHeight,
                strideWidth, padding, outputChannels(input));
    }

    @Override
    public List<Parameter> parameters(Shape input) {
        Layers.requireImage(this, input);
        List<Parameter> params = new ArrayList<>(2);
        params.add(new Parameter(name, "depthwise_kernel",
                Shape.of(kernelHeight, kernelWidth, input.channels(), depthMultiplier), depthwiseInitializer,
                depthwiseConstraint, true));
        if (useBias) {
            params.add(new Parameter(name, "bias", Shape.of(outputChannels(input)), biasInitializer, Constraint.none(),
                    true));
        }
        return params;
    }

    @Override
    public DepthwiseConv2D withName(String newName) {
        return new DepthwiseConv2D(newName, kernelHeight, kernelWidth, strideHeight, strideWidth, padding,
                depthMultiplier, activation, useBias, depthwiseInitializer, biasInitializer, depthwiseConstraint);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /**
     * Builds a {@link DepthwiseConv2D}; every setting but the kernel has a Keras default. The kernel
     * initialiser and constraint are those of the depthwise kernel (Keras's {@code depthwise_initializer},
     * {@code depthwise_constraint}).
     */
    public static final class Builder extends ConvolutionBuilder<Builder> {
        private int depthMultiplier = 1;

        private Builder() {
        }

        /**
         * Kernels per input channel (Keras's {@code depth_multiplier}, 1 by default).
         *
         * @param multiplier the kernels per input channel, positive; checked when the layer is built
         * @return this builder
         */
        public Builder depthMultiplier(int multiplier) {
            this.depthMultiplier = multiplier;
            return this;
        }

        @Override
        public String namePrefix() {
            return "depthwise_conv2d";
        }

        @Override
        public DepthwiseConv2D build(String layerName) {
            return new DepthwiseConv2D(layerName, kernelHeight, kernelWidth, strideHeight, strideWidth, padding,
                    depthMultiplier, activation, useBias, kernelInitializer, biasInitializer, kernelConstraint);
        }
    }
}
