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

    /** A shape from its dimensions, for example {@code Shape.of(28, 28, 1)}. */
    public static Shape of(int... dims) {
        return new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    /** An image shape, height x width x channels. */
    public static Shape image(int height, int width, int channels) {
        return of(height, width, channels);
    }

    /** A flat vector shape. */
    public static Shape flat(int units) {
        return of(units);
    }

    public int rank() {
        return dims.size();
    }

    public int dim(int i) {
        return dims.get(i);
    }

    public boolean isImage() {
        return rank() == 3;
    }

    public boolean isFlat() {
        return rank() == 1;
    }

    /** Height of an image shape. */
    public int height() {
        requireImage();
        return dims.get(0);
    }

    /** Width of an image shape. */
    public int width() {
        requireImage();
        return dims.get(1);
    }

    /** Channels of an image shape. */
    public int channels() {
        requireImage();
        return dims.get(2);
    }

    /**
     * Number of elements: the product of the dimensions, or {@link Long#MAX_VALUE} when that does
     * not fit a long (so that size limits cannot be fooled by an overflow).
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

    /** The dimensions as an int array. */
    public int[] toArray() {
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Keras's notation with the batch dimension, for example {@code (None, 28, 28, 6)}. */
    public String withBatch() {
        return "(None, " + dims.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    /** Height x width x channels, for example {@code 28x28x1}. */
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
