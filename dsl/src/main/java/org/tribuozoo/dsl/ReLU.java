package org.tribuozoo.dsl;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Keras's {@code ReLU} layer, element-wise: {@code min(x, maxValue)} where {@code x > threshold}, and
 * {@code negativeSlope * (x - threshold)} elsewhere. The defaults (no maximum, slope 0, threshold 0)
 * give the plain rectifier; {@code maxValue} 6 gives ReLU6 (MobileNet's), a positive slope a leaky
 * rectifier. As in Keras, none of the three may be negative. Start with {@link #create()}.
 *
 * @param name          the layer's unique name
 * @param maxValue      the largest output, if any
 * @param negativeSlope the slope below the threshold
 * @param threshold     the input below which the slope applies
 */
public record ReLU(String name, OptionalDouble maxValue, double negativeSlope, double threshold) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name          the layer's unique name
     * @param maxValue      the largest output, if any
     * @param negativeSlope the slope below the threshold
     * @param threshold     the input below which the slope applies
     * @throws InvalidArchitectureException if the name is not valid, or the maximum, slope or threshold is negative
     *                                     or not finite
     * @throws NullPointerException         if {@code maxValue} is null
     */
    public ReLU {
        Layer.checkName(name);
        Objects.requireNonNull(maxValue, "maxValue");
        if (maxValue.isPresent()) {
            Layers.atLeast(name, "ReLU", "max_value", maxValue.getAsDouble(), 0);
        }
        Layers.atLeast(name, "ReLU", "negative_slope", negativeSlope, 0);
        Layers.atLeast(name, "ReLU", "threshold", threshold, 0);
    }

    /**
     * Starts a rectifier with Keras's defaults: no maximum, slope 0, threshold 0.
     *
     * @return a builder for the settings
     */
    public static Builder create() {
        return new Builder();
    }

    /** {@return true for the plain rectifier {@code max(x, 0)}: no maximum, slope 0, threshold 0} */
    public boolean isPlain() {
        return maxValue.isEmpty() && negativeSlope == 0 && threshold == 0;
    }

    @Override
    public String jsonType() {
        return "re_lu";
    }

    @Override
    public String typeName() {
        return "ReLU";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public ReLU withName(String newName) {
        return new ReLU(newName, maxValue, negativeSlope, threshold);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** Builds a {@link ReLU}. */
    public static final class Builder implements LayerSpec {
        private String name;
        private OptionalDouble maxValue = OptionalDouble.empty();
        private double negativeSlope;
        private double threshold;

        private Builder() {
        }

        /**
         * The largest output (6 for ReLU6); none by default.
         *
         * @param value the cap, non-negative and finite; checked when the layer is built
         * @return this builder
         */
        public Builder maxValue(double value) {
            this.maxValue = OptionalDouble.of(value);
            return this;
        }

        /**
         * The slope below the threshold (0 by default; positive for a leaky rectifier).
         *
         * @param value the slope, non-negative and finite; checked when the layer is built
         * @return this builder
         */
        public Builder negativeSlope(double value) {
            this.negativeSlope = value;
            return this;
        }

        /**
         * The input below which the slope applies (0 by default).
         *
         * @param value the threshold, non-negative and finite; checked when the layer is built
         * @return this builder
         */
        public Builder threshold(double value) {
            this.threshold = value;
            return this;
        }

        /**
         * The layer's name, instead of a generated one such as {@code re_lu_1}.
         *
         * @param layerName letters, digits, {@code _}, {@code .} and {@code -}
         * @return this builder
         * @throws InvalidArchitectureException if the name is empty or has another character
         */
        public Builder name(String layerName) {
            this.name = Layer.checkName(layerName);
            return this;
        }

        @Override
        public Optional<String> givenName() {
            return Optional.ofNullable(name);
        }

        @Override
        public String namePrefix() {
            return "re_lu";
        }

        @Override
        public ReLU build(String layerName) {
            return new ReLU(layerName, maxValue, negativeSlope, threshold);
        }
    }
}
