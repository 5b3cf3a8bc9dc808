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

    /**
     * One parameter tensor: its shape and values.
     *
     * @param shape  the parameter's shape
     * @param values the values in row-major order, {@code shape.elementCount()} of them; copied in and out
     */
    public record Tensor(Shape shape, float[] values) {
        /**
         * Checks the number of values and keeps a copy of them.
         *
         * @param shape  the parameter's shape
         * @param values the values in row-major order; copied
         * @throws NullPointerException     if either is null
         * @throws IllegalArgumentException if the number of values is not the shape's element count
         */
        public Tensor {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(values, "values");
            if (values.length != shape.elementCount()) {
                throw new IllegalArgumentException("shape " + shape + " holds " + shape.elementCount()
                        + " values, got " + values.length);
            }
            values = values.clone();
        }

        /**
         * The values.
         *
         * @return a copy of the values, in row-major order
         */
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

    /**
     * Weights from {@code layer/param} keys to tensors, kept in the given iteration order.
     *
     * @param values the tensors by key; the map is copied
     * @return the weights
     */
    public static Weights of(Map<String, Tensor> values) {
        return new Weights(values);
    }

    /**
     * No weights.
     *
     * @return weights without any key
     */
    public static Weights empty() {
        return new Weights(Map.of());
    }

    /**
     * Starts building weights.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The keys, {@code layer/param}, in order.
     *
     * @return the keys, unmodifiable
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Whether there are values under a key.
     *
     * @param key a {@code layer/param} key
     * @return true when {@link #tensor(String)} would find it
     */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /**
     * The tensor under a key, or an error listing the keys.
     *
     * @param key a {@code layer/param} key
     * @return the tensor
     * @throws IllegalArgumentException if there is no tensor under {@code key}; the message lists the keys
     */
    public Tensor tensor(String key) {
        Tensor t = values.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no weights under '" + key + "' (keys: " + values.keySet() + ")");
        }
        return t;
    }

    /**
     * A copy of the values under a key.
     *
     * @param key a {@code layer/param} key
     * @return the values in row-major order
     * @throws IllegalArgumentException if there is no tensor under {@code key}
     */
    public float[] values(String key) {
        return tensor(key).values();
    }

    /**
     * The values of one layer parameter.
     *
     * @param layer     the layer's name, for example {@code dense_1}
     * @param parameter the parameter's name, for example {@code kernel}
     * @return a copy of the values in row-major order
     * @throws IllegalArgumentException if there is no tensor under {@code layer/parameter}
     */
    public float[] values(String layer, String parameter) {
        return values(layer + "/" + parameter);
    }

    /**
     * Every tensor by key.
     *
     * @return an unmodifiable map in key order
     */
    public Map<String, Tensor> asMap() {
        return values;
    }

    /**
     * The weights whose keys belong to the given architecture's parameters, with matching shapes.
     *
     * @param architecture the architecture whose parameters to keep
     * @return those weights, in the architecture's parameter order; tensors of another shape are left out
     */
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

    /**
     * Total number of scalar values.
     *
     * @return the sum of every tensor's element count
     */
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

        /**
         * Adds a tensor, replacing any under the same key.
         *
         * @param key   the {@code layer/param} key
         * @param shape the tensor's shape
         * @param data  the values in row-major order; copied
         * @return this builder
         * @throws IllegalArgumentException if the number of values is not the shape's element count
         */
        public Builder put(String key, Shape shape, float[] data) {
            return put(key, new Tensor(shape, data));
        }

        /**
         * Adds a tensor, replacing any under the same key.
         *
         * @param key    the {@code layer/param} key
         * @param tensor the tensor
         * @return this builder
         * @throws NullPointerException if either is null
         */
        public Builder put(String key, Tensor tensor) {
            values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(tensor, "tensor"));
            return this;
        }

        /**
         * Adds every tensor of other weights, replacing any with the same key.
         *
         * @param other the weights to add
         * @return this builder
         */
        public Builder putAll(Weights other) {
            values.putAll(other.values);
            return this;
        }

        /**
         * The weights added so far, in the order their keys were first added.
         *
         * @return the weights; later changes to the builder do not affect them
         */
        public Weights build() {
            return new Weights(values);
        }
    }
}
