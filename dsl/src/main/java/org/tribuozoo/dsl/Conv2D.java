package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A 2-D convolution over an image {@code (h, w, c)}: {@code filters} kernels of
 * {@code kernelHeight x kernelWidth x c}, then an optional bias and an activation.
 * Start with {@link #filters(int)}: {@code Conv2D.filters(32).kernel(3).padding(Padding.same()).activation(RELU)}.
 */
public record Conv2D(String name, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                     Padding padding, Activation activation, boolean useBias, Initializer kernelInitializer,
                     Initializer biasInitializer, Constraint kernelConstraint) implements Layer {

    public Conv2D {
        Layer.checkName(name);
        Layers.positive(name, "filters", filters);
        Layers.positive(name, "kernel height", kernelHeight);
        Layers.positive(name, "kernel width", kernelWidth);
        Layers.positive(name, "stride height", strideHeight);
        Layers.positive(name, "stride width", strideWidth);
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(kernelInitializer, "kernelInitializer");
        Objects.requireNonNull(biasInitializer, "biasInitializer");
        Objects.requireNonNull(kernelConstraint, "kernelConstraint");
    }

    /** Starts a convolution with this many filters (3x3 kernel, stride 1, valid, linear, with bias by default). */
    public static Builder filters(int filters) {
        return new Builder(filters);
    }

    @Override
    public String jsonType() {
        return "conv2d";
    }

    @Override
    public String typeName() {
        return "Conv2D";
    }

    /** The zero padding per side for an input shape. */
    public Padding.Explicit paddingFor(Shape input) {
        return padding.resolve(input.height(), input.width(), kernelHeight, kernelWidth, strideHeight, strideWidth);
    }

    @Override
    public Shape outputShape(Shape input) {
        Layers.requireImage(this, input);
        Padding.Explicit p = paddingFor(input);
        int h = Layers.windowOutput(this, "input height", input.height(), p.top(), p.bottom(), kernelHeight,
                strideHeight, padding);
        int w = Layers.windowOutput(this, "input width", input.width(), p.left(), p.right(), kernelWidth,
                strideWidth, padding);
        return Shape.of(h, w, filters);
    }

    @Override
    public List<Parameter> parameters(Shape input) {
        Layers.requireImage(this, input);
        List<Parameter> params = new ArrayList<>(2);
        params.add(new Parameter(name, "kernel", Shape.of(kernelHeight, kernelWidth, input.channels(), filters),
                kernelInitializer, kernelConstraint, true));
        if (useBias) {
            params.add(new Parameter(name, "bias", Shape.of(filters), biasInitializer, Constraint.none(), true));
        }
        return params;
    }

    @Override
    public Conv2D withName(String newName) {
        return new Conv2D(newName, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padding, activation,
                useBias, kernelInitializer, biasInitializer, kernelConstraint);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** Builds a {@link Conv2D}; every setting but the filter count has a Keras default. */
    public static final class Builder extends WeightedLayerBuilder<Builder> {
        private final int filters;
        private int kernelHeight = 3;
        private int kernelWidth = 3;
        private int strideHeight = 1;
        private int strideWidth = 1;
        private Padding padding = Padding.valid();

        private Builder(int filters) {
            this.filters = filters;
        }

        /** A square kernel. */
        public Builder kernel(int size) {
            return kernel(size, size);
        }

        public Builder kernel(int height, int width) {
            this.kernelHeight = height;
            this.kernelWidth = width;
            return this;
        }

        /** The same stride on both axes. */
        public Builder strides(int stride) {
            return strides(stride, stride);
        }

        public Builder strides(int height, int width) {
            this.strideHeight = height;
            this.strideWidth = width;
            return this;
        }

        public Builder padding(Padding p) {
            this.padding = Objects.requireNonNull(p, "padding");
            return this;
        }

        @Override
        public String namePrefix() {
            return "conv2d";
        }

        @Override
        public Conv2D build(String layerName) {
            return new Conv2D(layerName, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padding,
                    activation, useBias, kernelInitializer, biasInitializer, kernelConstraint);
        }
    }
}
