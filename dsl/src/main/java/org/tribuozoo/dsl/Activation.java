package org.tribuozoo.dsl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An element-wise (or, for softmax, last-axis) activation function. */
public enum Activation {
    LINEAR, RELU, SIGMOID, TANH, SOFTMAX;

    /** The name used in JSON and by Keras, for example {@code relu}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a Keras-style name such as {@code relu}; a clear error lists the known names. */
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
