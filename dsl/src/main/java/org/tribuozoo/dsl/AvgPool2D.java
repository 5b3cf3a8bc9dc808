package org.tribuozoo.dsl;

import java.util.Objects;

/**
 * Avg pooling over an image: the mean of each {@code poolHeight x poolWidth} window, per channel.
 * Strides default to the pool size, as in Keras. Start with {@link #size(int)}.
 *
 * @param name         the layer's unique name
 * @param poolHeight   the window's rows, positive
 * @param poolWidth    the window's columns, positive
 * @param strideHeight the vertical step between windows, positive
 * @param strideWidth  the horizontal step between windows, positive
 * @param padding      {@code valid} or {@code same}
 */
public record AvgPool2D(String name, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
                        Padding padding) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name         the layer's unique name
     * @param poolHeight   the window's rows, positive
     * @param poolWidth    the window's columns, positive
     * @param strideHeight the vertical step between windows, positive
     * @param strideWidth  the horizontal step between windows, positive
     * @param padding      {@code valid} or {@code same}
     * @throws InvalidArchitectureException if the name is not valid, a size is not positive, or the padding
     *                                      is explicit
     * @throws NullPointerException         if the padding is null
     */
    public AvgPool2D {
        Layers.checkPool(name, "AveragePooling2D", poolHeight, poolWidth, strideHeight, strideWidth, padding);
    }

    /**
     * A square pool, strides equal to the pool size, valid padding.
     *
     * @param size the window's height and width, positive; checked when the layer is built
     * @return a builder for the other settings
     */
    public static Pool2DBuilder<AvgPool2D> size(int size) {
        return size(size, size);
    }

    /**
     * A pool of height x width, strides equal to the pool size, valid padding.
     *
     * @param height the window's rows, positive; checked when the layer is built
     * @param width  the window's columns, positive; checked when the layer is built
     * @return a builder for the other settings
     */
    public static Pool2DBuilder<AvgPool2D> size(int height, int width) {
        return new Pool2DBuilder<>("average_pooling2d", AvgPool2D::new, height, width);
    }

    @Override
    public String jsonType() {
        return "average_pooling2d";
    }

    @Override
    public String typeName() {
        return "AveragePooling2D";
    }

    /**
     * The padding per side for an input shape; as in Keras, padded positions do not count in a window's mean.
     *
     * @param input the image shape the layer reads
     * @return the rows and columns added on each side
     * @throws IllegalStateException if the input is not an image shape
     */
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
    public AvgPool2D withName(String newName) {
        return new AvgPool2D(newName, poolHeight, poolWidth, strideHeight, strideWidth, padding);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
