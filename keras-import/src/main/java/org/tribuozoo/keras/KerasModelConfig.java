package org.tribuozoo.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Keras model configuration read into its layers.
 *
 * <p>Sequential models come in two forms: {@code {"layers": [...]}} (Keras 2.2 on, tf.keras, Keras 3)
 * and the bare list of layers of Keras 2.0 and 2.1. Functional models ({@code Model} in Keras 2,
 * {@code Functional} in tf.keras 2.4 on and Keras 3) list each layer's inbound nodes, in Keras 2's
 * nested-list form or Keras 3's keras-tensor form. Until the DSL has functional graphs, a functional
 * model is imported when its layers form a chain: one input, each layer fed by the one before.
 *
 * @param name    the model's name
 * @param layers  the layers in the file's order, each with the layers feeding it
 * @param inputs  the input layers' names (a Sequential model: its first layer)
 * @param outputs the output layers' names (a Sequential model: its last layer)
 */
public record KerasModelConfig(String name, List<KerasLayer> layers, List<String> inputs, List<String> outputs) {

    public KerasModelConfig {
        layers = List.copyOf(layers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * Parses {@code {"class_name": ..., "config": ...}}.
     *
     * @throws KerasImportException for a model class other than Sequential or functional, or a
     *                              functional model that is not a chain
     */
    public static KerasModelConfig parse(JsonNode model) {
        String modelClass = model.path("class_name").asText("");
        JsonNode config = model.path("config");
        return switch (modelClass) {
            case "Sequential" -> sequential(config);
            case "Model", "Functional" -> functional(config);
            default -> throw new KerasImportException("model class '" + modelClass
                    + "' is not supported (Sequential, Model or Functional)");
        };
    }

    private static KerasModelConfig sequential(JsonNode config) {
        JsonNode list = config.isArray() ? config : config.path("layers");
        String name = config.isArray() ? "sequential" : config.path("name").asText("sequential");
        List<KerasLayer> layers = new ArrayList<>();
        String previous = null;
        for (JsonNode entry : list) {
            KerasLayer layer = layer(entry, previous == null ? List.of() : List.of(previous));
            layers.add(layer);
            previous = layer.name();
        }
        if (layers.isEmpty()) {
            throw new KerasImportException("the Sequential model '" + name + "' has no layers");
        }
        return new KerasModelConfig(name, layers, List.of(layers.get(0).name()),
                List.of(layers.get(layers.size() - 1).name()));
    }

    private static KerasModelConfig functional(JsonNode config) {
        List<KerasLayer> layers = new ArrayList<>();
        for (JsonNode entry : config.path("layers")) {
            layers.add(layer(entry, inbound(entry.path("inbound_nodes"))));
        }
        return new KerasModelConfig(config.path("name").asText("model"), layers, endpoints(config.path("input_layers")),
                endpoints(config.path("output_layers")));
    }

    /**
     * The layers in the order data flows through them, when they form a chain: one input, one output,
     * each layer fed by exactly the one before it.
     *
     * @throws KerasImportException naming the first layer that branches, merges or is left out
     */
    public List<KerasLayer> chain() {
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new KerasImportException("model '" + name + "' has " + inputs.size() + " inputs and "
                    + outputs.size() + " outputs; only models with one of each can be imported");
        }
        Map<String, KerasLayer> byName = new LinkedHashMap<>();
        Map<String, List<String>> consumers = new HashMap<>();
        for (KerasLayer layer : layers) {
            byName.put(layer.name(), layer);
            if (layer.inbound().size() > 1) {
                throw layer.unsupported("takes " + layer.inbound().size() + " inputs (" + String.join(", ",
                        layer.inbound()) + "); only chains of layers can be imported until the DSL has "
                        + "functional graphs");
            }
            for (String from : layer.inbound()) {
                consumers.computeIfAbsent(from, k -> new ArrayList<>()).add(layer.name());
            }
        }
        List<KerasLayer> chain = new ArrayList<>();
        String current = inputs.get(0);
        while (true) {
            KerasLayer layer = byName.get(current);
            if (layer == null) {
                throw new KerasImportException("model '" + name + "' refers to a layer '" + current
                        + "' it does not define");
            }
            chain.add(layer);
            if (current.equals(outputs.get(0))) {
                break;
            }
            List<String> next = consumers.getOrDefault(current, List.of());
            if (next.size() != 1) {
                throw layer.unsupported(next.isEmpty() ? "leads nowhere: the model's output '" + outputs.get(0)
                        + "' is not reached from its input" : "feeds " + next.size() + " layers (" + String.join(
                        ", ", next) + "); only chains of layers can be imported until the DSL has functional graphs");
            }
            current = next.get(0);
        }
        if (chain.size() != byName.size()) {
            List<String> unused = new ArrayList<>(byName.keySet());
            chain.forEach(l -> unused.remove(l.name()));
            throw new KerasImportException("model '" + name + "': layers " + unused + " are not on the path from "
                    + "the input to the output");
        }
        return chain;
    }

    private static KerasLayer layer(JsonNode entry, List<String> inbound) {
        String kerasClass = entry.path("class_name").asText("");
        JsonNode config = entry.path("config");
        String name = config.path("name").asText(entry.path("name").asText(""));
        if (kerasClass.isEmpty() || name.isEmpty()) {
            throw new KerasImportException("a layer of the model configuration lacks its class or name: "
                    + abbreviate(entry.toString()));
        }
        return new KerasLayer(kerasClass, name, config, inbound);
    }

    /**
     * The layers feeding one layer. Keras 2: {@code [[["conv2d", 0, 0, {}]]]} (nodes, each a list of
     * [layer, node, tensor, kwargs]); Keras 3: {@code [{"args": [keras tensors], "kwargs": {}}]} where a
     * keras tensor names its layer in {@code config.keras_history[0]}.
     */
    private static List<String> inbound(JsonNode nodes) {
        List<String> names = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.isObject()) {
                collectKerasTensors(node.path("args"), names);
            } else {
                for (JsonNode entry : node) {
                    names.add(entry.get(0).asText());
                }
            }
        }
        return names;
    }

    private static void collectKerasTensors(JsonNode value, List<String> names) {
        if (value.isArray()) {
            value.forEach(v -> collectKerasTensors(v, names));
        } else if (value.isObject() && "__keras_tensor__".equals(value.path("class_name").asText())) {
            names.add(value.path("config").path("keras_history").get(0).asText());
        }
    }

    /** {@code input_layers}: {@code [["name", 0, 0], ...]}, or Keras 3's single {@code ["name", 0, 0]}. */
    private static List<String> endpoints(JsonNode list) {
        List<String> names = new ArrayList<>();
        if (list.isArray() && !list.isEmpty() && list.get(0).isTextual()) {
            names.add(list.get(0).asText());
            return names;
        }
        for (JsonNode entry : list) {
            names.add(entry.get(0).asText());
        }
        return names;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
