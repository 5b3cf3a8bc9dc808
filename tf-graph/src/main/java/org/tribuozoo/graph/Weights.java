package org.tribuozoo.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;

/**
 * The values of a network's parameters as plain float arrays, keyed {@code layer/param} (for example
 * {@code conv2d_1/kernel}), each in TensorFlow's row-major layout (convolution kernels HWIO, dense
 * kernels (in, out)). An immutable value: arrays are copied in and out.
 */
public final class Weights {

    private final Map<String, Tensor> values;

    /** One parameter tensor: its shape and values. */
    public record Tensor(Shape shape, float[] values) {
        public Tensor {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(values, "values");
            if (values.length != shape.elementCount()) {
                throw new IllegalArgumentException("shape " + shape + " holds " + shape.elementCount()
                        + " values, got " + values.length);
            }
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && shape.equals(t.shape) && Arrays.equals(values, t.values);
        }

        @Override
        public int hashCode() {
            return 31 * shape.hashCode() + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Tensor" + shape;
        }
    }

    private Weights(Map<String, Tensor> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Weights from {@code layer/param} keys to tensors, kept in the given iteration order. */
    public static Weights of(Map<String, Tensor> values) {
        return new Weights(values);
    }

    /** No weights. */
    public static Weights empty() {
        return new Weights(Map.of());
    }

    /** Starts building weights. */
    public static Builder builder() {
        return new Builder();
    }

    /** The keys, {@code layer/param}, in order. */
    public Set<String> keys() {
        return values.keySet();
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The tensor under a key, or an error listing the keys. */
    public Tensor tensor(String key) {
        Tensor t = values.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no weights under '" + key + "' (keys: " + values.keySet() + ")");
        }
        return t;
    }

    /** A copy of the values under a key. */
    public float[] values(String key) {
        return tensor(key).values();
    }

    /** The values of one layer parameter. */
    public float[] values(String layer, String parameter) {
        return values(layer + "/" + parameter);
    }

    /** Every tensor by key. */
    public Map<String, Tensor> asMap() {
        return values;
    }

    /** The weights whose keys belong to the given architecture's parameters, with matching shapes. */
    public Weights restrictTo(Architecture architecture) {
        Builder b = builder();
        for (Parameter p : architecture.parameters()) {
            Tensor t = values.get(p.key());
            if (t != null && t.shape().equals(p.shape())) {
                b.put(p.key(), t);
            }
        }
        return b.build();
    }

    /** Total number of scalar values. */
    public long valueCount() {
        return values.values().stream().mapToLong(t -> t.shape().elementCount()).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights w && values.equals(w.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Weights" + values.keySet();
    }

    /** Accumulates tensors in order. */
    public static final class Builder {
        private final Map<String, Tensor> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String key, Shape shape, float[] data) {
            return put(key, new Tensor(shape, data));
        }

        public Builder put(String key, Tensor tensor) {
            values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(tensor, "tensor"));
            return this;
        }

        /** Adds every tensor of other weights, replacing any with the same key. */
        public Builder putAll(Weights other) {
            values.putAll(other.values);
            return this;
        }

        public Weights build() {
            return new Weights(values);
        }
    }
}
