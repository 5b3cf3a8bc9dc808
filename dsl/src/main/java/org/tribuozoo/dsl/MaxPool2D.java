package org.tribuozoo.dsl;

import java.util.Objects;

/**
 * Max pooling over an image: the maximum of each {@code poolHeight x poolWidth} window, per channel.
 * Strides default to the pool size, as in Keras. Start with {@link #size(int)}.
 */
public record MaxPool2D(String name, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
                        Padding padding) implements Layer {

    public MaxPool2D {
        Layers.checkPool(name, "MaxPooling2D", poolHeight, poolWidth, strideHeight, strideWidth, padding);
    }

    /** A square pool, strides equal to the pool size, valid padding. */
    public static Pool2DBuilder<MaxPool2D> size(int size) {
        return size(size, size);
    }

    /** A pool of height x width, strides equal to the pool size, valid padding. */
    public static Pool2DBuilder<MaxPool2D> size(int height, int width) {
        return new Pool2DBuilder<>("max_pooling2d", MaxPool2D::new, height, width);
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
        return Layers.poolOutput(this, input, paddingFor(input), poolHeight, poolWidth, strideHeight, strideWidth,
                padding);
    }

    @Override
    public MaxPool2D withName(String newName) {
        return new MaxPool2D(newName, poolHeight, poolWidth, strideHeight, strideWidth, padding);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
