package org.tribuozoo.graph;

import java.util.Objects;

import org.tribuozoo.dsl.Shape;

/**
 * A batch of examples as one flat float array in row-major {@code (count, height, width, channels)}
 * order (NHWC), or {@code (count, units)} for flat examples. The array is not copied: callers must
 * not change it while a network uses it.
 *
 * @param values the values, {@code count * shape.elementCount()} of them
 * @param count  the number of examples
 * @param shape  the shape of one example
 */
public record Images(float[] values, int count, Shape shape) {

    /**
     * Checks that the values fill {@code count} examples of the shape exactly.
     *
     * @param values the values; not copied
     * @param count  the number of examples; not negative
     * @param shape  the shape of one example
     * @throws NullPointerException     if {@code values} or {@code shape} is null
     * @throws IllegalArgumentException if {@code count} is negative or the number of values is not
     *                                  {@code count * shape.elementCount()}
     */
    public Images {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(shape, "shape");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        long expected = (long) count * shape.elementCount();
        if (values.length != expected) {
            throw new IllegalArgumentException(count + " examples of shape " + shape + " need " + expected
                    + " values, got " + values.length);
        }
    }

    /**
     * Examples of an image shape, height x width x channels.
     *
     * @param values   {@code count * height * width * channels} values in NHWC order; not copied
     * @param count    the number of examples; not negative
     * @param height   rows of one image, in pixels; positive
     * @param width    columns of one image, in pixels; positive
     * @param channels values per pixel (1 for grey, 3 for RGB); positive
     * @return the examples, sharing {@code values}
     * @throws IllegalArgumentException if a dimension is not positive or the number of values does not match
     */
    public static Images of(float[] values, int count, int height, int width, int channels) {
        return new Images(values, count, Shape.image(height, width, channels));
    }

    /**
     * Values per example.
     *
     * @return the element count of {@link #shape()}
     * @throws ArithmeticException if one example has more than {@link Integer#MAX_VALUE} values
     */
    public int exampleSize() {
        return Math.toIntExact(shape.elementCount());
    }

    /**
     * The examples at the given indices, copied, in that order.
     *
     * @param indices indices in {@code [0, count)}; may repeat, may be empty
     * @return new examples of the same shape, one per index
     * @throws ArrayIndexOutOfBoundsException if an index is outside {@code [0, count)}
     */
    public Images select(int[] indices) {
        int size = exampleSize();
        float[] out = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * size, out, i * size, size);
        }
        return new Images(out, indices.length, shape);
    }

    /**
     * Examples {@code from} (inclusive) to {@code to} (exclusive), copied.
     *
     * @param from the first example, in {@code [0, count]}
     * @param to   one past the last example, in {@code [from, count]}
     * @return new examples of the same shape, {@code to - from} of them
     * @throws IndexOutOfBoundsException if the range is not within {@code [0, count]}
     */
    public Images range(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        int size = exampleSize();
        float[] out = new float[(to - from) * size];
        System.arraycopy(values, from * size, out, 0, out.length);
        return new Images(out, to - from, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Images i && count == i.count && shape.equals(i.shape)
                && java.util.Arrays.equals(values, i.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * count + shape.hashCode()) + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Images[" + count + " x " + shape + "]";
    }
}
