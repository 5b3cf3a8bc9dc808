package org.tribuozoo.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * Max pooling over an image: the maximum of each {@code poolHeight x poolWidth} window, per channel.
 * Strides default to the pool size, as in Keras. Start with {@link #size(int)}.
 */
public record MaxPool2D(String name, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
                        Padding padding) implements Layer {

    public MaxPool2D {
        Layer.checkName(name);
        Layers.positive(name, "pool height", poolHeight);
        Layers.positive(name, "pool width", poolWidth);
        Layers.positive(name, "stride height", strideHeight);
        Layers.positive(name, "stride width", strideWidth);
        Objects.requireNonNull(padding, "padding");
        if (padding instanceof Padding.Explicit) {
            throw new InvalidArchitectureException("layer '" + name + "' (MaxPooling2D): pooling takes valid or same "
                    + "padding; use a ZeroPadding2D layer before it for explicit padding");
        }
    }

    /** A square pool, strides equal to the pool size, valid padding. */
    public static Builder size(int size) {
        return size(size, size);
    }

    /** A pool of height x width, strides equal to the pool size, valid padding. */
    public static Builder size(int height, int width) {
        return new Builder(height, width);
    }

    @Override
    public String jsonType() {
        return "max_pooling2d";
    }

    @Override
    public String typeName() {
        return "MaxPooling2D";
    }

    /** The zero padding per side for an input shape. */
    public Padding.Explicit paddingFor(Shape input) {
        return padding.resolve(input.height(), input.width(), poolHeight, poolWidth, strideHeight, strideWidth);
    }

    @Override
    public Shape outputShape(Shape input) {
        Layers.requireImage(this, input);
        Padding.Explicit p = paddingFor(input);
        int h = Layers.windowOutput(this, "input height", input.height(), p.top(), p.bottom(), poolHeight,
                strideHeight, padding);
        int w = Layers.windowOutput(this, "input width", input.width(), p.left(), p.right(), poolWidth,
                strideWidth, padding);
        return Shape.of(h, w, input.channels());
    }

    @Override
    public MaxPool2D withName(String newName) {
        return new MaxPool2D(newName, poolHeight, poolWidth, strideHeight, strideWidth, padding);
    }

    /** Builds a {@link MaxPool2D}. */
    public static final class Builder implements LayerSpec {
        private final int poolHeight;
        private final int poolWidth;
        private int strideHeight;
        private int strideWidth;
        private Padding padding = Padding.valid();
        private String name;

        private Builder(int poolHeight, int poolWidth) {
            this.poolHeight = poolHeight;
            this.poolWidth = poolWidth;
            this.strideHeight = poolHeight;
            this.strideWidth = poolWidth;
        }

        public Builder strides(int stride) {
            return strides(stride, stride);
        }

        public Builder strides(int height, int width) {
            this.strideHeight = height;
            this.strideWidth = width;
            return this;
        }

        public Builder padding(Padding padding) {
            this.padding = Objects.requireNonNull(padding, "padding");
            return this;
        }

        public Builder name(String name) {
            this.name = Layer.checkName(name);
            return this;
        }

        @Override
        public Optional<String> givenName() {
            return Optional.ofNullable(name);
        }

        @Override
        public String namePrefix() {
            return "max_pooling2d";
        }

        @Override
        public MaxPool2D build(String layerName) {
            return new MaxPool2D(layerName, poolHeight, poolWidth, strideHeight, strideWidth, padding);
        }
    }
}
