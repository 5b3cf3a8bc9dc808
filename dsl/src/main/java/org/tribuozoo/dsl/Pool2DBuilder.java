package org.tribuozoo.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * Builds a pooling layer ({@link MaxPool2D} or {@link AvgPool2D}): pool size, strides (the pool size
 * by default, as in Keras), padding ({@code valid} by default) and an optional name.
 *
 * @param <L> the pooling layer built
 */
public final class Pool2DBuilder<L extends Layer> implements LayerSpec {

    /** Makes the layer from its name, pool size, strides and padding. */
    @FunctionalInterface
    interface Factory<L> {
        L make(String name, int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding);
    }

    private final String prefix;
    private final Factory<L> factory;
    private final int poolHeight;
    private final int poolWidth;
    private int strideHeight;
    private int strideWidth;
    private Padding padding = Padding.valid();
    private String name;

    Pool2DBuilder(String prefix, Factory<L> factory, int poolHeight, int poolWidth) {
        this.prefix = prefix;
        this.factory = factory;
        this.poolHeight = poolHeight;
        this.poolWidth = poolWidth;
        this.strideHeight = poolHeight;
        this.strideWidth = poolWidth;
    }

    /**
     * The same stride on both axes.
     *
     * @param stride the step between windows, in pixels; positive, checked when the layer is built
     * @return this builder
     */
    public Pool2DBuilder<L> strides(int stride) {
        return strides(stride, stride);
    }

    /**
     * The step between windows per axis (the pool size by default).
     *
     * @param height the vertical step, positive; checked when the layer is built
     * @param width  the horizontal step, positive; checked when the layer is built
     * @return this builder
     */
    public Pool2DBuilder<L> strides(int height, int width) {
        this.strideHeight = height;
        this.strideWidth = width;
        return this;
    }

    /**
     * {@code valid} (the default) or {@code same}; for explicit padding put a {@link ZeroPadding2D} first.
     *
     * @param p the padding, not null; an explicit one is refused when the layer is built
     * @return this builder
     */
    public Pool2DBuilder<L> padding(Padding p) {
        this.padding = Objects.requireNonNull(p, "padding");
        return this;
    }

    /**
     * The layer's name, instead of a generated one such as {@code max_pooling2d_1}.
     *
     * @param layerName letters, digits, {@code _}, {@code .} and {@code -}
     * @return this builder
     * @throws InvalidArchitectureException if the name is empty or has another character
     */
    public Pool2DBuilder<L> name(String layerName) {
        this.name = Layer.checkName(layerName);
        return this;
    }

    @Override
    public Optional<String> givenName() {
        return Optional.ofNullable(name);
    }

    @Override
    public String namePrefix() {
        return prefix;
    }

    @Override
    public L build(String layerName) {
        return factory.make(layerName, poolHeight, poolWidth, strideHeight, strideWidth, padding);
    }
}
