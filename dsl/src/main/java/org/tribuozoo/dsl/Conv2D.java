package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A 2-D convolution over an image {@code (h, w, c)}: {@code filters} kernels of
 * {@code kernelHeight x kernelWidth x c}, then an optional bias and an activation. A dilation rate
 * above 1 spreads the kernel's taps {@code dilation} rows or columns apart (Keras's
 * {@code dilation_rate}), so that it covers {@code (kernel - 1) * dilation + 1} input rows or columns; as
 * in Keras, a dilated convolution has stride 1.
 * Start with {@link #filters(int)}: {@code Conv2D.filters(32).kernel(3).padding(Padding.same()).activation(RELU)}.
 *
 * @param name              the layer's unique name
 * @param filters           the number of kernels, which is the number of output channels; positive
 * @param kernelHeight      the kernel's rows, positive
 * @param kernelWidth       the kernel's columns, positive
 * @param strideHeight      the vertical step between windows, positive; 1 when dilated
 * @param strideWidth       the horizontal step between windows, positive; 1 when dilated
 * @param dilationHeight    the rows between the kernel's taps, positive (1: no dilation)
 * @param dilationWidth     the columns between the kernel's taps, positive (1: no dilation)
 * @param padding           how the window treats the border
 * @param activation        the function applied to the output
 * @param useBias           whether a bias of {@code filters} values is added
 * @param kernelInitializer how the kernel {@code (kh, kw, c, filters)} starts
 * @param biasInitializer   how the bias starts (unused without a bias)
 * @param kernelConstraint  applied to the kernel after each update
 */
public record Conv2D(String name, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                     int dilationHeight, int dilationWidth, Padding padding, Activation activation, boolean useBias,
                     Initializer kernelInitializer, Initializer biasInitializer, Constraint kernelConstraint)
        implements Layer {

    /**
     * Checks the settings.
     *
     * @param name              the layer's unique name
     * @param filters           the number of kernels, which is the number of output channels; positive
     * @param kernelHeight      the kernel's rows, positive
     * @param kernelWidth       the kernel's columns, positive
     * @param strideHeight      the vertical step between windows, positive; 1 when dilated
     * @param strideWidth       the horizontal step between windows, positive; 1 when dilated
     * @param dilationHeight    the rows between the kernel's taps, positive (1: no dilation)
     * @param dilationWidth     the columns between the kernel's taps, positive (1: no dilation)
     * @param padding           how the window treats the border
     * @param activation        the function applied to the output
     * @param useBias           whether a bias of {@code filters} values is added
     * @param kernelInitializer how the kernel {@code (kh, kw, c, filters)} starts
     * @param biasInitializer   how the bias starts (unused without a bias)
     * @param kernelConstraint  applied to the kernel after each update
     * @throws InvalidArchitectureException if the name is not valid, a size is not positive, or a dilation rate
     *                                      above 1 comes with a stride above 1
     * @throws NullPointerException         if an object setting is null
     */
    public Conv2D {
        Layer.checkName(name);
        Layers.positive(name, "filters", filters);
        Layers.positive(name, "kernel height", kernelHeight);
        Layers.positive(name, "kernel width", kernelWidth);
        Layers.positive(name, "stride height", strideHeight);
        Layers.positive(name, "stride width", strideWidth);
        Layers.positive(name, "dilation height", dilationHeight);
        Layers.positive(name, "dilation width", dilationWidth);
        if ((dilationHeight > 1 || dilationWidth > 1) && (strideHeight > 1 || strideWidth > 1)) {
            throw new InvalidArchitectureException("layer '" + name + "' (Conv2D): strides above 1 cannot be combined "
                    + "with a dilation rate above 1 (as in Keras)");
        }
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(kernelInitializer, "kernelInitializer");
        Objects.requireNonNull(biasInitializer, "biasInitializer");
        Objects.requireNonNull(kernelConstraint, "kernelConstraint");
    }

    /**
     * A convolution without dilation (dilation rate 1 on both axes).
     *
     * @param name              the layer's unique name
     * @param filters           the number of kernels, which is the number of output channels; positive
     * @param kernelHeight      the kernel's rows, positive
     * @param kernelWidth       the kernel's columns, positive
     * @param strideHeight      the vertical step between windows, positive
     * @param strideWidth       the horizontal step between windows, positive
     * @param padding           how the window treats the border
     * @param activation        the function applied to the output
     * @param useBias           whether a bias of {@code filters} values is added
     * @param kernelInitializer how the kernel {@code (kh, kw, c, filters)} starts
     * @param biasInitializer   how the bias starts (unused without a bias)
     * @param kernelConstraint  applied to the kernel after each update
     * @throws InvalidArchitectureException if the name is not valid or a size is not positive
     * @throws NullPointerException         if an object setting is null
     */
    public Conv2D(String name, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                  Padding padding, Activation activation, boolean useBias, Initializer kernelInitializer,
                  Initializer biasInitializer, Constraint kernelConstraint) {
        this(name, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, 1, 1, padding, activation, useBias,
                kernelInitializer, biasInitializer, kernelConstraint);
    }

    /**
     * Starts a convolution with this many filters (3x3 kernel, stride 1, no dilation, valid, linear, with bias
     * by default).
     *
     * @param filters the number of kernels, which is the number of output channels; positive, checked
     *                when the layer is built
     * @return a builder for the other settings
     */
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

    /** {@return true when the kernel is dilated on either axis} */
    public boolean dilated() {
        return dilationHeight != 1 || dilationWidth != 1;
    }

    /** {@return the rows the dilated kernel spans, {@code (kernelHeight - 1) * dilationHeight + 1}} */
    public int effectiveKernelHeight() {
        return Layers.dilatedExtent(kernelHeight, dilationHeight);
    }

    /** {@return the columns the dilated kernel spans, {@code (kernelWidth - 1) * dilationWidth + 1}} */
    public int effectiveKernelWidth() {
        return Layers.dilatedExtent(kernelWidth, dilationWidth);
    }

    /**
     * The zero padding per side for an input shape (TensorFlow's: for the kernel's dilated extent).
     *
     * @param input the image shape the layer reads
     * @return the rows and columns of zeros added on each side
     * @throws IllegalStateException if the input is not an image shape
     */
    public Padding.Explicit paddingFor(Shape input) {
        return padding.resolve(input.height(), input.width(), effectiveKernelHeight(), effectiveKernelWidth(),
                strideHeight, strideWidth);
    }

    @Override
    public Shape outputShape(Shape input) {
        Layers.requireImage(this, input);
        return Layers.windowOutput(this, input, paddingFor(input), effectiveKernelHeight(), effectiveKernelWidth(),
                strideHeight, strideWidth, padding, filters);
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
        return new Conv2D(newName, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, dilationHeight,
                dilationWidth, padding, activation, useBias, kernelInitializer, biasInitializer, kernelConstraint);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** Builds a {@link Conv2D}; every setting but the filter count has a Keras default. */
    public static final class Builder extends ConvolutionBuilder<Builder> {
        private final int filters;
        private int dilationHeight = 1;
        private int dilationWidth = 1;

        private Builder(int filters) {
            this.filters = filters;
        }

        /**
         * The same dilation rate on both axes (Keras's {@code dilation_rate}; 1, no dilation, by default).
         *
         * @param rate the rows and columns between the kernel's taps; positive, and above 1 only with
         *             stride 1 (checked when the layer is built)
         * @return this builder
         */
        public Builder dilationRate(int rate) {
            return dilationRate(rate, rate);
        }

        /**
         * The dilation rate per axis.
         *
         * @param height the rows between the kernel's taps, positive (checked when the layer is built)
         * @param width  the columns between the kernel's taps, positive (checked when the layer is built)
         * @return this builder
         */
        public Builder dilationRate(int height, int width) {
            this.dilationHeight = height;
            this.dilationWidth = width;
            return this;
        }

        @Override
        public String namePrefix() {
            return "conv2d";
        }

        @Override
        public Conv2D build(String layerName) {
            return new Conv2D(layerName, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, dilationHeight,
                    dilationWidth, padding, activation, useBias, kernelInitializer, biasInitializer, kernelConstraint);
        }
    }
}
