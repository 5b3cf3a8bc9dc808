package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A depthwise separable 2-D convolution over an image {@code (h, w, c)}, as Keras's: a depthwise
 * convolution ({@code depthMultiplier} kernels of {@code kernelHeight x kernelWidth} per input channel,
 * with the strides and padding), then a 1x1 convolution to {@code filters} channels, then an optional
 * bias and an activation. Parameters, with Keras's names: {@code depthwise_kernel}
 * {@code (kh, kw, c, depthMultiplier)}, {@code pointwise_kernel} {@code (1, 1, c * depthMultiplier, filters)}
 * and {@code bias} {@code (filters)}. Start with {@link #filters(int)}.
 *
 * @param name                 the layer's unique name
 * @param filters              the output channels of the pointwise step, positive
 * @param kernelHeight         the depthwise kernel's rows, positive
 * @param kernelWidth          the depthwise kernel's columns, positive
 * @param strideHeight         the vertical step between windows, positive
 * @param strideWidth          the horizontal step between windows, positive
 * @param padding              how the depthwise window treats the border
 * @param depthMultiplier      the depthwise kernels per input channel, positive
 * @param activation           the function applied to the output
 * @param useBias              whether a bias of {@code filters} values is added
 * @param depthwiseInitializer how the depthwise kernel starts
 * @param pointwiseInitializer how the 1x1 pointwise kernel starts
 * @param biasInitializer      how the bias starts (unused without a bias)
 * @param depthwiseConstraint  applied to the depthwise kernel after each update
 * @param pointwiseConstraint  applied to the pointwise kernel after each update
 */
public record SeparableConv2D(String name, int filters, int kernelHeight, int kernelWidth, int strideHeight,
                              int strideWidth, Padding padding, int depthMultiplier, Activation activation,
                              boolean useBias, Initializer depthwiseInitializer, Initializer pointwiseInitializer,
                              Initializer biasInitializer, Constraint depthwiseConstraint,
                              Constraint pointwiseConstraint) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name                 the layer's unique name
     * @param filters              the output channels of the pointwise step, positive
     * @param kernelHeight         the depthwise kernel's rows, positive
     * @param kernelWidth          the depthwise kernel's columns, positive
     * @param strideHeight         the vertical step between windows, positive
     * @param strideWidth          the horizontal step between windows, positive
     * @param padding              how the depthwise window treats the border
     * @param depthMultiplier      the depthwise kernels per input channel, positive
     * @param activation           the function applied to the output
     * @param useBias              whether a bias of {@code filters} values is added
     * @param depthwiseInitializer how the depthwise kernel starts
     * @param pointwiseInitializer how the 1x1 pointwise kernel starts
     * @param biasInitializer      how the bias starts (unused without a bias)
     * @param depthwiseConstraint  applied to the depthwise kernel after each update
     * @param pointwiseConstraint  applied to the pointwise kernel after each update
     * @throws InvalidArchitectureException if the name is not valid or a size is not positive
     * @throws NullPointerException         if an object setting is null
     */
    public SeparableConv2D {
        Layer.checkName(name);
        Layers.positive(name, "filters", filters);
        Layers.positive(name, "kernel height", kernelHeight);
        Layers.positive(name, "kernel width", kernelWidth);
        Layers.positive(name, "stride height", strideHeight);
        Layers.positive(name, "stride width", strideWidth);
        Layers.positive(name, "depth multiplier", depthMultiplier);
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(depthwiseInitializer, "depthwiseInitializer");
        Objects.requireNonNull(pointwiseInitializer, "pointwiseInitializer");
        Objects.requireNonNull(biasInitializer, "biasInitializer");
        Objects.requireNonNull(depthwiseConstraint, "depthwiseConstraint");
        Objects.requireNonNull(pointwiseConstraint, "pointwiseConstraint");
    }

    /**
     * Starts a separable convolution with this many filters (3x3, stride 1, valid, multiplier 1, linear, bias).
     *
     * @param filters the output channels, positive; checked when the layer is built
     * @return a builder for the other settings
     */
    public static Builder filters(int filters) {
        return new Builder(filters);
    }

    @Override
    public String jsonType() {
        return "separable_conv2d";
    }

    @Override
    public String typeName() {
        return "SeparableConv2D";
    }

    /**
     * The zero padding per side for an input shape (of the depthwise step; the 1x1 step needs none).
     *
     * @param input the image shape the layer reads
     * @return the rows and columns of zeros added on each side
     * @throws IllegalStateException if the input is not an image shape
     */
    public Padding.Explicit paddingFor(Shape input) {
        return padding.resolve(input.height(), input.width(), kernelHeight, kernelWidth, strideHeight, strideWidth);
    }

    /**
     * The channels between the depthwise and the pointwise step: input channels times the multiplier.
     *
     * @param input the image shape the layer reads
     * @return the number of intermediate channels
     * @throws IllegalStateException if the input is not an image shape
     * @throws ArithmeticException   if the product overflows an int
     */
    public int intermediateChannels(Shape input) {
        return Math.multiplyExact(input.channels(), depthMultiplier);
    }

    @Override
    public Shape outputShape(Shape input) {
        Layers.requireImage(this, input);
        return Layers.windowOutput(this, input, paddingFor(input), kernelHeight, kernelWidth, strideHeight,
                strideWidth, padding, filters);
    }

    @Override
    public List<Parameter> parameters(Shape input) {
        Layers.requireImage(this, input);
        List<Parameter> params = new ArrayList<>(3);
        params.add(new Parameter(name, "depthwise_kernel",
                Shape.of(kernelHeight, kernelWidth, input.channels(), depthMultiplier), depthwiseInitializer,
                depthwiseConstraint, true));
        params.add(new Parameter(name, "pointwise_kernel", Shape.of(1, 1, intermediateChannels(input), filters),
                pointwiseInitializer, pointwiseConstraint, true));
        if (useBias) {
            params.add(new Parameter(name, "bias", Shape.of(filters), biasInitializer, Constraint.none(), true));
        }
        return params;
    }

    @Override
    public SeparableConv2D withName(String newName) {
        return new SeparableConv2D(newName, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padding,
                depthMultiplier, activation, useBias, depthwiseInitializer, pointwiseInitializer, biasInitializer,
                depthwiseConstraint, pointwiseConstraint);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /**
     * Builds a {@link SeparableConv2D}; every setting but the filter count has a Keras default. The
     * kernel initialiser and constraint apply to both kernels unless set for one of them with
     * {@link #depthwiseInitializer}, {@link #pointwiseInitializer}, {@link #depthwiseConstraint} or
     * {@link #pointwiseConstraint}.
     */
    public static final class Builder extends ConvolutionBuilder<Builder> {
        private final int filters;
        private int depthMultiplier = 1;
        private Initializer depthwiseInitializer;
        private Initializer pointwiseInitializer;
        private Constraint depthwiseConstraint;
        private Constraint pointwiseConstraint;

        private Builder(int filters) {
            this.filters = filters;
        }

        /**
         * Depthwise kernels per input channel (Keras's {@code depth_multiplier}, 1 by default).
         *
         * @param multiplier the kernels per input channel, positive; checked when the layer is built
         * @return this builder
         */
        public Builder depthMultiplier(int multiplier) {
            this.depthMultiplier = multiplier;
            return this;
        }

        /**
         * How the depthwise kernel starts (the kernel initialiser, glorot_uniform, by default).
         *
         * @param initializer the depthwise kernel's initialiser, not null
         * @return this builder
         */
        public Builder depthwiseInitializer(Initializer initializer) {
            this.depthwiseInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * How the pointwise kernel starts (the kernel initialiser, glorot_uniform, by default).
         *
         * @param initializer the pointwise kernel's initialiser, not null
         * @return this builder
         */
        public Builder pointwiseInitializer(Initializer initializer) {
            this.pointwiseInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * The constraint on the depthwise kernel (the kernel constraint, none, by default).
         *
         * @param constraint the constraint, not null
         * @return this builder
         */
        public Builder depthwiseConstraint(Constraint constraint) {
            this.depthwiseConstraint = Objects.requireNonNull(constraint, "constraint");
            return this;
        }

        /**
         * The constraint on the pointwise kernel (the kernel constraint, none, by default).
         *
         * @param constraint the constraint, not null
         * @return this builder
         */
        public Builder pointwiseConstraint(Constraint constraint) {
            this.pointwiseConstraint = Objects.requireNonNull(constraint, "constraint");
            return this;
        }

        @Override
        public String namePrefix() {
            return "separable_conv2d";
        }

        @Override
        public SeparableConv2D build(String layerName) {
            return new SeparableConv2D(layerName, filters, kernelHeight, kernelWidth, strideHeight, strideWidth,
                    padding, depthMultiplier, activation, useBias,
                    depthwiseInitializer != null ? depthwiseInitializer : kernelInitializer,
                    pointwiseInitializer != null ? pointwiseInitializer : kernelInitializer, biasInitializer,
                    depthwiseConstraint != null ? depthwiseConstraint : kernelConstraint,
                    pointwiseConstraint != null ? pointwiseConstraint : kernelConstraint);
        }
    }
}
