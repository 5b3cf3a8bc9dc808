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
 */
public record DepthwiseConv2D(String name, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                              Padding padding, int depthMultiplier, Activation activation, boolean useBias,
                              Initializer depthwiseInitializer, Initializer biasInitializer,
                              Constraint depthwiseConstraint) implements Layer {

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

    /** Starts a depthwise convolution with a square kernel (stride 1, valid, multiplier 1, linear, with bias). */
    public static Builder kernel(int size) {
        return kernel(size, size);
    }

    /** Starts a depthwise convolution with a kernel of height x width. */
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

    /** The zero padding per side for an input shape. */
    public Padding.Explicit paddingFor(Shape input) {
        return padding.resolve(input.height(), input.width(), kernelHeight, kernelWidth, strideHeight, strideWidth);
    }

    /** The output channels for an input shape: input channels times the depth multiplier. */
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

        /** Kernels per input channel (Keras's {@code depth_multiplier}, 1 by default). */
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
