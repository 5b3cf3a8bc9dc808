package org.tribuozoo.keras;

import java.util.Arrays;
import java.util.Objects;

import org.tribuozoo.dsl.Shape;

/**
 * One weight array as Keras stores it: its shape and its values in row-major order.
 *
 * @param shape  the dimensions, outermost first
 * @param values the values, as many as the shape holds
 */
public record KerasTensor(int[] shape, float[] values) {

    public KerasTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + values.length);
        }
        shape = shape.clone();
    }

    /** The shape as a DSL shape. */
    public Shape dslShape() {
        return Shape.of(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "KerasTensor" + Arrays.toString(shape);
    }
}
