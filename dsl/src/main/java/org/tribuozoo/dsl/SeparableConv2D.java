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
 */
public record SeparableConv2D(String name, int filters, int kernelHeight, int kernelWidth, int strideHeight,
                              int strideWidth, Padding padding, int depthMultiplier, Activation activation,
                              boolean useBias, Initializer depthwiseInitializer, Initializer pointwiseInitializer,
                              Initializer biasInitializer, Constraint depthwiseConstraint,
                              Constraint pointwiseConstraint) implements Layer {

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

    /** Starts a separable convolution with this many filters (3x3, stride 1, valid, multiplier 1, linear, bias). */
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

    /** The zero padding per side for an input shape (of the depthwise step; the 1x1 step needs none). */
    public Padding.Explicit paddingFor(Shape input) {
        return padding.resolve(input.height(), input.width(), kernelHeight, kernelWidth, strideHeight, strideWidth);
    }

    /** The channels between the depthwise and the pointwise step: input channels times the multiplier. */
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

        /** Depthwise kernels per input channel (Keras's {@code depth_multiplier}, 1 by default). */
        public Builder depthMultiplier(int multiplier) {
            this.depthMultiplier = multiplier;
            return this;
        }

        /** How the depthwise kernel starts (the kernel initialiser, glorot_uniform, by default). */
        public Builder depthwiseInitializer(Initializer initializer) {
            this.depthwiseInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** How the pointwise kernel starts (the kernel initialiser, glorot_uniform, by default). */
        public Builder pointwiseInitializer(Initializer initializer) {
            this.pointwiseInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        public Builder depthwiseConstraint(Constraint constraint) {
            this.depthwiseConstraint = Objects.requireNonNull(constraint, "constraint");
            return this;
        }

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
