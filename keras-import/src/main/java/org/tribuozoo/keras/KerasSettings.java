package org.tribuozoo.keras;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Constraint;
import org.tribuozoo.dsl.Initializer;

/**
 * Keras's activations, initialisers and constraints as the DSL's, each a small table; anything not
 * in a table is refused naming the layer. Initialisers and constraints matter only when an imported
 * network is trained further (a new head's first weights, the constraints after each update), but
 * are translated exactly so that fine-tuning starts from what Keras would have used.
 */
final class KerasSettings {

    private static final Map<String, Activation> ACTIVATIONS = Map.of(
            "linear", Activation.LINEAR,
            "relu", Activation.RELU,
            "sigmoid", Activation.SIGMOID,
            "tanh", Activation.TANH,
            "softmax", Activation.SOFTMAX);

    private KerasSettings() {
    }

    /** The activation under {@code key} ({@code "relu"}, or Keras 3's serialized form); linear when absent. */
    static Activation activation(KerasLayer layer, String key) {
        JsonNode v = layer.get(key);
        if (v.isMissingNode() || v.isNull()) {
            return Activation.LINEAR;
        }
        String name = v.isTextual() ? v.asText() : v.path("config").asText(v.path("class_name").asText(""));
        Activation a = ACTIVATIONS.get(name);
        if (a == null) {
            throw layer.unsupported("activation '" + name + "' is not supported (supported: "
                    + String.join(", ", ACTIVATIONS.keySet().stream().sorted().toList()) + ")");
        }
        return a;
    }

    /**
     * The initialiser under {@code key}: Keras's serialized object ({@code {"class_name": "GlorotUniform",
     * "config": {...}}}), a name ({@code "glorot_uniform"}), or Keras 2.0's {@code VarianceScaling} forms
     * of the Glorot and He initialisers.
     */
    static Initializer initializer(KerasLayer layer, String key, Initializer fallback) {
        JsonNode v = layer.get(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        String cls = v.isTextual() ? camel(v.asText()) : v.path("class_name").asText("");
        JsonNode c = v.path("config");
        Initializer i = switch (cls) {
            case "GlorotUniform" -> Initializer.glorotUniform();
            case "GlorotNormal" -> Initializer.glorotNormal();
            case "HeUniform" -> Initializer.heUniform();
            case "HeNormal" -> Initializer.heNormal();
            case "Zeros" -> Initializer.zeros();
            case "Ones" -> Initializer.constant(1.0);
            case "Constant" -> Initializer.constant(c.path("value").asDouble(0.0));
            case "RandomNormal" -> Initializer.randomNormal(c.path("mean").asDouble(0.0),
                    c.path("stddev").asDouble(0.05));
            case "VarianceScaling" -> varianceScaling(c);
            default -> null;
        };
        if (i == null) {
            throw layer.unsupported(key + " " + KerasLayer.describe(v) + " is not supported (supported: "
                    + "GlorotUniform, GlorotNormal, HeUniform, HeNormal, Zeros, Ones, Constant, RandomNormal)");
        }
        return i;
    }

    /** VarianceScaling as Keras 2.0 wrote glorot_* and he_*; null for any other setting. */
    private static Initializer varianceScaling(JsonNode c) {
        double scale = c.path("scale").asDouble(1.0);
        String mode = c.path("mode").asText("fan_in");
        String distribution = c.path("distribution").asText("truncated_normal");
        boolean uniform = distribution.equals("uniform");
        boolean normal = distribution.equals("normal") || distribution.equals("truncated_normal");
        if (scale == 1.0 && mode.equals("fan_avg")) {
            return uniform ? Initializer.glorotUniform() : normal ? Initializer.glorotNormal() : null;
        }
        if (scale == 2.0 && mode.equals("fan_in")) {
            return uniform ? Initializer.heUniform() : normal ? Initializer.heNormal() : null;
        }
        return null;
    }

    /** The constraint under {@code key}: none, or {@code MaxNorm} over every axis but the output one. */
    static Constraint constraint(KerasLayer layer, String key, int outputAxis) {
        JsonNode v = layer.get(key);
        if (v.isMissingNode() || v.isNull()) {
            return Constraint.none();
        }
        String cls = v.isTextual() ? camel(v.asText()) : v.path("class_name").asText("");
        if (cls.equals("MaxNorm")) {
            JsonNode c = v.path("config");
            JsonNode axis = c.path("axis");
            boolean allButOutput = axis.isMissingNode() || (axis.isInt() && axis.asInt() == 0 && outputAxis == 1)
                    || (axis.isArray() && axis.size() == outputAxis);
            for (int i = 0; axis.isArray() && i < axis.size(); i++) {
                allButOutput &= axis.get(i).asInt() == i;
            }
            if (allButOutput) {
                return Constraint.maxNorm(c.path("max_value").asDouble(2.0));
            }
            throw layer.unsupported(key + " MaxNorm over axis " + axis + " is not supported (only over every "
                    + "axis but the output one)");
        }
        throw layer.unsupported(key + " " + KerasLayer.describe(v) + " is not supported (supported: MaxNorm)");
    }

    /** {@code glorot_uniform} to {@code GlorotUniform}. */
    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) {
                sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
