package org.tribuozoo.dsl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An element-wise (or, for softmax, last-axis) activation function. */
public enum Activation {
    /** The identity: no activation. */
    LINEAR,
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code 1 / (1 + exp(-x))}, in (0, 1). */
    SIGMOID,
    /** The hyperbolic tangent, in (-1, 1). */
    TANH,
    /** {@code exp(x) / sum(exp(x))} over the last axis: values in (0, 1) that sum to 1, as class probabilities. */
    SOFTMAX;

    /** {@return the name used in JSON and by Keras, for example {@code relu}} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a Keras-style name such as {@code relu}.
     *
     * @param name the lower-case name, as {@link #jsonName()} writes it
     * @return the activation
     * @throws IllegalArgumentException if the name is unknown (the message lists the known names)
     */
    public static Activation fromJsonName(String name) {
        for (Activation a : values()) {
            if (a.jsonName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (known: "
                + Arrays.stream(values()).map(Activation::jsonName).collect(Collectors.joining(", ")) + ")");
    }
}
