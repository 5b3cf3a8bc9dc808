package org.tribuozoo.dsl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of one example's tensor, without the batch dimension: {@code (height, width, channels)}
 * for images (channels last) or {@code (units)} for flat vectors.
 *
 * @param dims the dimensions, each positive
 */
public record Shape(List<Integer> dims) {

    /**
     * Checks and copies the dimensions.
     *
     * @param dims the dimensions, each positive, at least one
     * @throws IllegalArgumentException if there is no dimension or one is zero or negative
     */
    public Shape {
        dims = List.copyOf(dims);
        if (dims.isEmpty()) {
            throw new IllegalArgumentException("a shape needs at least one dimension");
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + format(dims) + " has a dimension that is not positive");
            }
        }
    }

    /**
     * A shape from its dimensions, for example {@code Shape.of(28, 28, 1)}.
     *
     * @param dims the dimensions, each positive, at least one
     * @return the shape
     * @throws IllegalArgumentException if there is no dimension or one is zero or negative
     */
    public static Shape of(int... dims) {
        return new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    /**
     * An image shape, channels last.
     *
     * @param height   rows of pixels, positive
     * @param width    columns of pixels, positive
     * @param channels values per pixel (1 for grey, 3 for RGB), positive
     * @return the shape {@code (height, width, channels)}
     * @throws IllegalArgumentException if a dimension is zero or negative
     */
    public static Shape image(int height, int width, int channels) {
        return of(height, width, channels);
    }

    /**
     * A flat vector shape.
     *
     * @param units the vector's length, positive
     * @return the shape {@code (units)}
     * @throws IllegalArgumentException if {@code units} is zero or negative
     */
    public static Shape flat(int units) {
        return of(units);
    }

    /** {@return the number of dimensions: 3 for an image, 1 for a flat vector} */
    public int rank() {
        return dims.size();
    }

    /**
     * One dimension.
     *
     * @param i the dimension's index, from 0 to {@link #rank()} - 1
     * @return its size
     * @throws IndexOutOfBoundsException if there is no dimension {@code i}
     */
    public int dim(int i) {
        return dims.get(i);
    }

    /** {@return whether this is an image shape {@code (height, width, channels)}, that is of rank 3} */
    public boolean isImage() {
        return rank() == 3;
    }

    /** {@return whether this is a flat vector shape, that is of rank 1} */
    public boolean isFlat() {
        return rank() == 1;
    }

    /**
     * Height of an image shape.
     *
     * @return the first dimension, in pixels
     * @throws IllegalStateException if this is not an image shape
     */
    public int height() {
        requireImage();
        return dims.get(0);
    }

    /**
     * Width of an image shape.
     *
     * @return the second dimension, in pixels
     * @throws IllegalStateException if this is not an image shape
     */
    public int width() {
        requireImage();
        return dims.get(1);
    }

    /**
     * Channels of an image shape.
     *
     * @return the last dimension, values per pixel
     * @throws IllegalStateException if this is not an image shape
     */
    public int channels() {
        requireImage();
        return dims.get(2);
    }

    /**
     * Number of elements: the product of the dimensions, or {@link Long#MAX_VALUE} when that does
     * not fit a long (so that size limits cannot be fooled by an overflow).
     *
     * @return the number of scalar values in one example of this shape
     */
    public long elementCount() {
        long n = 1;
        for (int d : dims) {
            if (n > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            n *= d;
        }
        return n;
    }

    /** {@return the dimensions as a new int array, which the caller may change} */
    public int[] toArray() {
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@return Keras's notation with the batch dimension, for example {@code (None, 28, 28, 6)}} */
    public String withBatch() {
        return "(None, " + dims.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    /** {@return the dimensions joined by {@code x}, for example {@code 28x28x1}} */
    public String compact() {
        return dims.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }

    private void requireImage() {
        if (!isImage()) {
            throw new IllegalStateException("shape " + this + " is not an image shape (height, width, channels)");
        }
    }

    private static String format(List<Integer> dims) {
        return "(" + dims.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String toString() {
        return format(dims);
    }
}
