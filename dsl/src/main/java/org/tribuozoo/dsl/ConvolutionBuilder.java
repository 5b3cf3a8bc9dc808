package org.tribuozoo.dsl;

import java.util.Objects;

/**
 * The window settings the convolution builders share ({@link Conv2D}, {@link DepthwiseConv2D},
 * {@link SeparableConv2D}) on top of {@link WeightedLayerBuilder}'s: kernel size (3x3 by default),
 * strides (1) and padding ({@code valid}).
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class ConvolutionBuilder<B extends ConvolutionBuilder<B>> extends WeightedLayerBuilder<B> {
    int kernelHeight = 3;
    int kernelWidth = 3;
    int strideHeight = 1;
    int strideWidth = 1;
    Padding padding = Padding.valid();

    ConvolutionBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * A square kernel.
     *
     * @param size the kernel's height and width, in pixels; positive, checked when the layer is built
     * @return this builder
     */
    public B kernel(int size) {
        return kernel(size, size);
    }

    /**
     * The kernel's size (3x3 by default).
     *
     * @param height the kernel's rows, positive; checked when the layer is built
     * @param width  the kernel's columns, positive; checked when the layer is built
     * @return this builder
     */
    public B kernel(int height, int width) {
        this.kernelHeight = height;
        this.kernelWidth = width;
        return self();
    }

    /**
     * The same stride on both axes.
     *
     * @param stride the step between windows, in pixels; positive, checked when the layer is built
     * @return this builder
     */
    public B strides(int stride) {
        return strides(stride, stride);
    }

    /**
     * The step between windows per axis (1 by default).
     *
     * @param height the vertical step, positive; checked when the layer is built
     * @param width  the horizontal step, positive; checked when the layer is built
     * @return this builder
     */
    public B strides(int height, int width) {
        this.strideHeight = height;
        this.strideWidth = width;
        return self();
    }

    /**
     * How the window treats the border ({@link Padding#valid()} by default).
     *
     * @param p the padding, not null
     * @return this builder
     */
    public B padding(Padding p) {
        this.padding = Objects.requireNonNull(p, "padding");
        return self();
    }
}
