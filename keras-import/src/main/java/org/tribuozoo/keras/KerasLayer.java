package org.tribuozoo.keras;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One layer of a Keras model configuration: its Keras class, its name, its {@code config} object and
 * the names of the layers it takes its input from. The typed getters refuse, naming the layer, a value
 * of the wrong kind; {@link #unsupported} builds the one-line refusal for anything else.
 *
 * @param kerasClass the Keras class name, for example {@code Conv2D}
 * @param name       the layer's name, for example {@code conv2d_1}
 * @param config     the layer's {@code config} object
 * @param inbound    the layers feeding it (empty for an input layer)
 */
public record KerasLayer(String kerasClass, String name, JsonNode config, List<String> inbound) {

    /** Keys every layer may carry that change nothing at inference or in training. */
    private static final Set<String> GENERAL_KEYS = Set.of("name", "trainable", "dtype", "batch_input_shape",
            "batch_shape", "input_dtype", "input_dim", "input_shape", "build_config", "autocast");

    public KerasLayer {
        Objects.requireNonNull(kerasClass, "kerasClass");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        inbound = List.copyOf(inbound);
    }

    /** The refusal of something this layer asks for: {@code layer 'NAME' (CLASS): what}. */
    public KerasImportException unsupported(String what) {
        return KerasImportException.layer(name, kerasClass, what);
    }

    /** False when Keras froze the layer ({@code trainable: false}). */
    public boolean trainable() {
        return config.path("trainable").asBoolean(true);
    }

    /** True when the key is present and not null. */
    public boolean has(String key) {
        return config.hasNonNull(key);
    }

    /** A JSON value, or a missing node. */
    public JsonNode get(String key) {
        return config.path(key);
    }

    public String string(String key, String fallback) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw unsupported(key + " " + v + " is not a string");
        }
        return v.asText();
    }

    public int integer(String key) {
        JsonNode v = config.get(key);
        if (v == null || !v.isIntegralNumber()) {
            throw unsupported(key + " is " + (v == null ? "missing" : v + ", not a whole number"));
        }
        return v.asInt();
    }

    public double number(String key, double fallback) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw unsupported(key + " " + v + " is not a number");
        }
        return v.asDouble();
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        // Keras takes any truthy value; a file written from Python may hold 1 or 0 (MLPerf Tiny's do).
        if (v.isIntegralNumber() && (v.asInt() == 0 || v.asInt() == 1)) {
            return v.asInt() == 1;
        }
        if (!v.isBoolean()) {
            throw unsupported(key + " " + v + " is not true or false");
        }
        return v.asBoolean();
    }

    /** An axis: a whole number, or a list of one ({@code [3]}, as tf.keras writes BatchNormalization's). */
    public int axis(String key, int fallback) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isArray() && v.size() == 1) {
            v = v.get(0);
        }
        if (!v.isIntegralNumber()) {
            throw unsupported(key + " " + config.get(key) + " is not supported (one axis)");
        }
        return v.asInt();
    }

    /** A pair such as {@code kernel_size}: {@code [a, b]}, or one number meaning {@code [n, n]}. */
    public int[] pair(String key, int[] fallback) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw unsupported(key + " is missing");
            }
            return fallback.clone();
        }
        if (v.isIntegralNumber()) {
            return new int[] {v.asInt(), v.asInt()};
        }
        if (v.isArray() && v.size() == 2 && v.get(0).isIntegralNumber() && v.get(1).isIntegralNumber()) {
            return new int[] {v.get(0).asInt(), v.get(1).asInt()};
        }
        throw unsupported(key + " " + v + " is not a pair of whole numbers");
    }

    /**
     * Refuses every key that is neither a general one, nor one of {@code understood}, nor null or
     * false (Keras adds keys over versions whose unset value changes nothing, {@code lora_rank: null}
     * for one): a set option the importer does not know could change what the layer computes.
     */
    public void requireOnly(Set<String> understood) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            boolean unset = v.isNull() || (v.isBoolean() && !v.asBoolean());
            if (!GENERAL_KEYS.contains(e.getKey()) && !understood.contains(e.getKey()) && !unset) {
                unknown.add(e.getKey() + " " + v);
            }
        }
        if (!unknown.isEmpty()) {
            throw unsupported("option " + String.join(", ", unknown) + " is not supported");
        }
    }

    /** Refuses a set value of an option the zoo has no equivalent for (a regularizer, say). */
    public void requireUnset(String... keys) {
        for (String key : keys) {
            if (has(key)) {
                throw unsupported(key + " " + describe(config.get(key)) + " is not supported");
            }
        }
    }

    /** A short name for a serialized Keras object: its class name, or its text. */
    static String describe(JsonNode value) {
        if (value.isObject() && value.has("class_name")) {
            return value.get("class_name").asText();
        }
        return value.toString();
    }
}
