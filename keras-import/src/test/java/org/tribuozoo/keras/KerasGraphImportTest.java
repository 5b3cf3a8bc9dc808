package org.tribuozoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuozoo.dsl.Architecture;

/**
 * How functional configurations connect: Keras 2's nested-list and Keras 3's keras-tensor inbound
 * nodes give the same network, and what a DSL graph cannot hold is refused in one line naming the
 * layer. The configurations are held in memory, in the forms Keras writes.
 */
class KerasGraphImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void kerasTwoAndKerasThreeInboundNodesGiveTheSameNetwork() throws Exception {
        String keras2 = """
                {"class_name": "Functional", "config": {"name": "residual", "layers": [
                 {"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_input_shape": [null, 4, 4, 2]},
                  "inbound_nodes": []},
                 {"class_name": "Conv2D", "name": "conv", "config": {"name": "conv", "filters": 2, "kernel_size": [3, 3],
                  "padding": "same", "activation": "relu"}, "inbound_nodes": [[["x", 0, 0, {}]]]},
                 {"class_name": "Add", "name": "sum", "config": {"name": "sum"},
                  "inbound_nodes": [[["x", 0, 0, {}], ["conv", 0, 0, {}]]]},
                 {"class_name": "GlobalAveragePooling2D", "name": "gap", "config": {"name": "gap"},
                  "inbound_nodes": [[["sum", 0, 0, {}]]]}],
                 "input_layers": [["x", 0, 0]], "output_layers": [["gap", 0, 0]]}}""";
        String keras3 = """
                {"class_name": "Functional", "config": {"name": "residual", "layers": [
                 {"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_shape": [null, 4, 4, 2]},
                  "inbound_nodes": []},
                 {"class_name": "Conv2D", "name": "conv", "config": {"name": "conv", "filters": 2, "kernel_size": [3, 3],
                  "padding": "same", "activation": "relu", "lora_rank": null},
                  "inbound_nodes": [{"args": [%s], "kwargs": {}}]},
                 {"class_name": "Add", "name": "sum", "config": {"name": "sum"},
                  "inbound_nodes": [{"args": [[%s, %s]], "kwargs": {}}]},
                 {"class_name": "GlobalAveragePooling2D", "name": "gap", "config": {"name": "gap", "keepdims": false},
                  "inbound_nodes": [{"args": [%s], "kwargs": {}}]}],
                 "input_layers": ["x", 0, 0], "output_layers": ["gap", 0, 0]}}"""
                .formatted(tensor("x"), tensor("x"), tensor("conv"), tensor("sum"));
        Map<String, List<KerasTensor>> weights = Map.of("conv", List.of(
                new KerasTensor(new int[] {3, 3, 2, 2}, new float[36]), new KerasTensor(new int[] {2}, new float[2])));
        Architecture a2 = KerasImport.of(KerasFile.inMemory("k2.h5", JSON.readTree(keras2), "2.4.0", "tensorflow",
                weights)).architecture();
        Architecture a3 = KerasImport.of(KerasFile.inMemory("k3.h5", JSON.readTree(keras3), "3.1.1", "tensorflow",
                weights)).architecture();
        assertEquals(a2, a3);
        assertFalse(a2.isSequential());
        assertEquals(List.of("x", "conv"), a2.inboundOf("sum"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "shared layer|[[[\"x\", 0, 0, {}]], [[\"x\", 0, 0, {}]]]|layer 'dense' (Dense): is applied 2 times (a "
                    + "shared layer); a DSL layer is applied once",
            "second output|[[[\"x\", 0, 1, {}]]]|layer 'dense' (Dense): reads output 1 of application 0 of layer 'x'; "
                    + "only the single output of a layer applied once can be imported",
            "unknown layer|[[[\"y\", 0, 0, {}]]]|layer 'dense' (Dense): reads a layer 'y' the model does not define"})
    void refusesConnectionsADslGraphCannotHold(String what, String inbound, String message) throws Exception {
        JsonNode config = JSON.readTree("""
                {"class_name": "Model", "config": {"name": "m", "layers": [
                 {"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_input_shape": [null, 3]},
                  "inbound_nodes": []},
                 {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 2},
                  "inbound_nodes": %s}],
                 "input_layers": [["x", 0, 0]], "output_layers": [["dense", 0, 0]]}}""".formatted(inbound));
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.of(
                KerasFile.inMemory("m.h5", config, "2.4.0", "tensorflow", Map.of())));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesSeveralInputs() throws Exception {
        JsonNode config = JSON.readTree("""
                {"class_name": "Model", "config": {"name": "two", "layers": [
                 {"class_name": "InputLayer", "name": "a", "config": {"name": "a", "batch_input_shape": [null, 3]},
                  "inbound_nodes": []},
                 {"class_name": "InputLayer", "name": "b", "config": {"name": "b", "batch_input_shape": [null, 3]},
                  "inbound_nodes": []},
                 {"class_name": "Add", "name": "sum", "config": {"name": "sum"},
                  "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]}],
                 "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["sum", 0, 0]]}}""");
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.of(
                KerasFile.inMemory("two.h5", config, "2.4.0", "tensorflow", Map.of())));
        assertEquals("model 'two' has 2 inputs and 1 outputs; only models with one of each can be imported",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // A channels_first image (2, 3, 4) flattened in (c, h, w) order, added to a vector in the DSL's order.
            "mixed orders|{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flat\"}}|"
                    + "{\"class_name\": \"GlobalAveragePooling2D\", \"config\": {\"name\": \"other\", "
                    + "\"data_format\": \"channels_first\", \"keepdims\": false}}|"
                    + "{\"class_name\": \"Add\", \"config\": {\"name\": \"merge\"}}|"
                    + "layer 'merge' (Add): its inputs 'flat' (a vector) and 'other' (a vector) hold their values in "
                    + "different orders",
            "reshape to a channels_first image|{\"class_name\": \"Reshape\", \"config\": {\"name\": \"flat\", "
                    + "\"target_shape\": [4, 3, 2]}}||"
                    + "|layer 'flat' (Reshape): a Reshape to [4,3,2] of values in channels_first (c, h, w) order "
                    + "cannot be mapped to channels-last data",
            "dense over an image|{\"class_name\": \"Dense\", \"config\": {\"name\": \"flat\", \"units\": 2}}|||"
                    + "layer 'flat' (Dense): a Dense layer over a channels_first image (it acts on the last axis) "
                    + "is not supported; the DSL's Dense takes a vector (Flatten first)"})
    void refusesLayoutsNoChannelsLastNetworkComputes(String what, String first, String second, String merge,
                                                     String message) throws Exception {
        StringBuilder layers = new StringBuilder("""
                {"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_input_shape": [null, 2, 3, 4]},
                 "inbound_nodes": []},
                {"class_name": "MaxPooling2D", "name": "pool", "config": {"name": "pool", "pool_size": [1, 1],
                 "data_format": "channels_first"}, "inbound_nodes": [[["x", 0, 0, {}]]]}""");
        String last = append(layers, first, "pool");
        if (second != null) {
            append(layers, second, "pool");
            last = append(layers, merge, JSON.readTree(first).at("/config/name").asText(),
                    JSON.readTree(second).at("/config/name").asText());
        }
        JsonNode config = JSON.readTree("""
                {"class_name": "Model", "config": {"name": "cf", "layers": [%s],
                 "input_layers": [["x", 0, 0]], "output_layers": [["%s", 0, 0]]}}""".formatted(layers, last));
        Map<String, List<KerasTensor>> weights = Map.of("flat", List.of(
                new KerasTensor(new int[] {4, 2}, new float[8]), new KerasTensor(new int[] {2}, new float[2])));
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.of(
                KerasFile.inMemory("cf.h5", config, "2.4.0", "tensorflow", weights)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aRegularizerIsDroppedWithANote() throws Exception {
        JsonNode config = JSON.readTree("""
                {"class_name": "Sequential", "config": {"name": "reg", "layers": [
                 {"class_name": "Dense", "config": {"name": "dense", "units": 2, "batch_input_shape": [null, 3],
                  "kernel_regularizer": {"class_name": "L1L2", "config": {"l1": 0.0, "l2": 0.01}},
                  "activity_regularizer": {"class_name": "L1", "config": {"l1": 0.1}}}}]}}""");
        ImportedNetwork net = KerasImport.of(KerasFile.inMemory("reg.h5", config, "2.4.0", "tensorflow",
                Map.of("dense", List.of(new KerasTensor(new int[] {3, 2}, new float[6]),
                        new KerasTensor(new int[] {2}, new float[2])))));
        assertEquals(List.of("layer 'dense' (Dense): kernel_regularizer L1L2, activity_regularizer L1 dropped (a "
                + "training penalty: the outputs are the same; further training goes without it)"), net.notes());
    }

    /** Appends a layer, given as {class_name, config}, reading the named layers; returns its name. */
    private static String append(StringBuilder layers, String layer, String... inbound) throws Exception {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(layer);
        var nodes = JSON.createArrayNode();
        var node0 = nodes.addArray();
        for (String from : inbound) {
            node0.addArray().add(from).add(0).add(0).addObject();
        }
        node.set("inbound_nodes", nodes);
        layers.append(",\n").append(node);
        return node.at("/config/name").asText();
    }

    private static String tensor(String layer) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 4, 4, 2], "
                + "\"dtype\": \"float32\", "
                + "\"keras_history\": [\"" + layer + "\", 0, 0]}}";
    }
}
