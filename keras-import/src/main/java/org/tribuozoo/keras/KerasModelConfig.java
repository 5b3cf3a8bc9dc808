package org.tribuozoo.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Keras model configuration read into its layers and how they connect.
 *
 * <p>Sequential models come in two forms: {@code {"layers": [...]}} (Keras 2.2 on, tf.keras, Keras 3)
 * and the bare list of layers of Keras 2.0 and 2.1; each layer reads the one before it. Functional
 * models ({@code Model} in Keras 2, {@code Functional} in tf.keras 2.4 on and Keras 3) list each
 * layer's inbound node, in Keras 2's nested-list form {@code [[["conv2d", 0, 0, {}], ...]]} or Keras 3's
 * {@code [{"args": [keras tensors], "kwargs": {}}]}; a layer applied more than once (shared weights) or
 * reading another output than a layer's first is refused, since a DSL layer is applied once and has one
 * output.
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
     * @throws KerasImportException for a model class other than Sequential or functional, or a layer
     *                              that is shared or reads a second output
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
            KerasLayer named = layer(entry, List.of());
            layers.add(layer(entry, inbound(named, entry.path("inbound_nodes"))));
        }
        return new KerasModelConfig(config.path("name").asText("model"), layers, endpoints(config.path("input_layers")),
                endpoints(config.path("output_layers")));
    }

    /** The single input layer's name. */
    public String input() {
        requireOneInputAndOutput();
        return inputs.get(0);
    }

    /** The single output layer's name. */
    public String output() {
        requireOneInputAndOutput();
        return outputs.get(0);
    }

    private void requireOneInputAndOutput() {
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new KerasImportException("model '" + name + "' has " + inputs.size() + " inputs and "
                    + outputs.size() + " outputs; only models with one of each can be imported");
        }
    }

    /**
     * The layers in an order data can flow in: each after every layer it reads, otherwise in the file's
     * order (which Keras already writes so).
     *
     * @throws KerasImportException for a model of several inputs or outputs, a reference to a layer the
     *                              model does not define, or a cycle
     */
    public List<KerasLayer> ordered() {
        requireOneInputAndOutput();
        Map<String, KerasLayer> byName = new LinkedHashMap<>();
        for (KerasLayer layer : layers) {
            if (byName.put(layer.name(), layer) != null) {
                throw new KerasImportException("model '" + name + "' has two layers named '" + layer.name() + "'");
            }
        }
        for (KerasLayer layer : layers) {
            for (String from : layer.inbound()) {
                if (!byName.containsKey(from)) {
                    throw layer.unsupported("reads a layer '" + from + "' the model does not define");
                }
            }
        }
        List<KerasLayer> order = new ArrayList<>(layers.size());
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < layers.size()) {
            boolean progress = false;
            for (KerasLayer layer : layers) {
                if (!placed.contains(layer.name()) && placed.containsAll(layer.inbound())) {
                    order.add(layer);
                    placed.add(layer.name());
                    progress = true;
                }
            }
            if (!progress) {
                List<String> cycle = layers.stream().map(KerasLayer::name).filter(n -> !placed.contains(n)).toList();
                throw new KerasImportException("model '" + name + "': layers " + cycle + " read each other in a "
                        + "cycle");
            }
        }
        return order;
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
     * The layers feeding one layer, from its one inbound node. Keras 2: {@code [[["conv2d", 0, 0, {}]]]}
     * (nodes, each a list of [layer, node, tensor, kwargs]); Keras 3: {@code [{"args": [keras tensors],
     * "kwargs": {}}]} where a keras tensor names its layer, node and tensor in
     * {@code config.keras_history}.
     */
    private static List<String> inbound(KerasLayer layer, JsonNode nodes) {
        if (nodes.size() > 1) {
            throw layer.unsupported("is applied " + nodes.size() + " times (a shared layer); a DSL layer is "
                    + "applied once");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.isObject()) {
                collectKerasTensors(layer, node.path("args"), names);
            } else {
                for (JsonNode entry : node) {
                    names.add(source(layer, entry.path(0).asText(""), entry.path(1).asInt(0), entry.path(2).asInt(0)));
                }
            }
        }
        return names;
    }

    private static void collectKerasTensors(KerasLayer layer, JsonNode value, List<String> names) {
        if (value.isArray()) {
            value.forEach(v -> collectKerasTensors(layer, v, names));
        } else if (value.isObject() && "__keras_tensor__".equals(value.path("class_name").asText())) {
            JsonNode history = value.path("config").path("keras_history");
            names.add(source(layer, history.path(0).asText(""), history.path(1).asInt(0), history.path(2).asInt(0)));
        }
    }

    /** The layer an inbound tensor comes from; refuses a second application's or a second output's tensor. */
    private static String source(KerasLayer layer, String from, int node, int tensor) {
        if (node != 0 || tensor != 0) {
            throw layer.unsupported("reads output " + tensor + " of application " + node + " of layer '" + from
                    + "'; only the single output of a layer applied once can be imported");
        }
        return from;
    }

    /** {@code input_layers}: {@code [["name", 0, 0], ...]}, or Keras 3's single {@code ["name", 0, 0]}. */
    private static List<String> endpoints(JsonNode list) {
        List<String> names = new ArrayList<>();
        if (list.isArray() && !list.isEmpty() && list.get(0).isTextual()) {
            names.add(list.get(0).asText());
            return names;
        }
        for (JsonNode entry : list) {
            names.add(entry.path(0).asText(""));
        }
        return names;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
