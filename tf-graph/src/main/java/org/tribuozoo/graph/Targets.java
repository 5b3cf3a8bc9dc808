package org.tribuozoo.graph;

import java.util.Objects;

/**
 * What a network should output for each example: one row of {@code width} floats per example,
 * row-major. Class labels become one-hot rows ({@link #classes}); regression or multi-label targets
 * are given as they are ({@link #of}).
 *
 * @param values {@code count * width} values
 * @param count  the number of examples
 * @param width  values per example, equal to the network's output units
 */
public record Targets(float[] values, int count, int width) {

    /**
     * Checks that the values fill {@code count} rows of {@code width} exactly.
     *
     * @param values the values, row-major; not copied
     * @param count  the number of examples; not negative
     * @param width  values per example; positive
     * @throws NullPointerException     if {@code values} is null
     * @throws IllegalArgumentException if {@code count} is negative, {@code width} is not positive, or the
     *                                  number of values is not {@code count * width}
     */
    public Targets {
        Objects.requireNonNull(values, "values");
        if (count < 0 || width <= 0) {
            throw new IllegalArgumentException("need count >= 0 and width > 0, got " + count + " and " + width);
        }
        if (values.length != (long) count * width) {
            throw new IllegalArgumentException(count + " targets of width " + width + " need "
                    + (long) count * width + " values, got " + values.length);
        }
    }

    /**
     * Raw targets, {@code width} per example.
     *
     * @param values the rows one after another; not copied
     * @param width  values per example; positive
     * @return the targets, {@code values.length / width} rows
     * @throws IllegalArgumentException if {@code width} is not positive or does not divide the number of values
     */
    public static Targets of(float[] values, int width) {
        if (width <= 0 || values.length % width != 0) {
            throw new IllegalArgumentException(values.length + " values do not split into rows of " + width);
        }
        return new Targets(values, values.length / width, width);
    }

    /**
     * One-hot rows from class indices in {@code [0, classes)}.
     *
     * @param labels  each example's class index
     * @param classes the number of classes, the width of each row; positive
     * @return one row per label, 1 at the label's index and 0 elsewhere
     * @throws IllegalArgumentException if {@code classes} is not positive or a label is outside
     *                                  {@code [0, classes)} (the message names the example)
     */
    public static Targets classes(int[] labels, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("the number of classes must be positive, got " + classes);
        }
        float[] v = new float[Math.multiplyExact(labels.length, classes)];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside [0, "
                        + classes + ")");
            }
            v[i * classes + labels[i]] = 1f;
        }
        return new Targets(v, labels.length, classes);
    }

    /**
     * The rows at the given indices, copied, in that order.
     *
     * @param indices indices in {@code [0, count)}; may repeat, may be empty
     * @return new targets of the same width, one row per index
     * @throws ArrayIndexOutOfBoundsException if an index is outside {@code [0, count)}
     */
    public Targets select(int[] indices) {
        float[] out = new float[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * width, out, i * width, width);
        }
        return new Targets(out, indices.length, width);
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive), copied.
     *
     * @param from the first row, in {@code [0, count]}
     * @param to   one past the last row, in {@code [from, count]}
     * @return new targets of the same width, {@code to - from} rows
     * @throws IndexOutOfBoundsException if the range is not within {@code [0, count]}
     */
    public Targets range(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        float[] out = new float[(to - from) * width];
        System.arraycopy(values, from * width, out, 0, out.length);
        return new Targets(out, to - from, width);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Targets t && count == t.count && width == t.width
                && java.util.Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * count + width) + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Targets[" + count + " x " + width + "]";
    }
}
