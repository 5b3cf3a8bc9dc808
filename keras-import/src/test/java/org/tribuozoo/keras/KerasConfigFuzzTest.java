package org.tribuozoo.keras;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzzes the translation of a Keras model configuration (the JSON a Keras file carries) into a
 * network: whatever the configuration, {@link KerasImport#of} returns a network or throws a
 * {@link KerasImportException} naming the problem, never anything else. The file holds no weights,
 * so a layer with parameters ends the import there; the configuration's parsing, the layer table
 * and the shapes are what is fuzzed. The build replays the committed inputs in
 * {@code KerasConfigFuzzTestInputs/modelConfigs/} (test resources: the configurations of the real
 * Keras files of the tests); {@code JAZZER_FUZZ=1} fuzzes it (see docs/reliability.md).
 */
class KerasConfigFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "5m")
    void modelConfigs(byte[] data) {
        JsonNode config;
        try {
            config = JSON.readTree(data);
        } catch (IOException notJson) {
            // Not JSON (Jackson also guesses the encoding of bytes: UTF-8, 16 or 32); KerasFile reports
            // it as a damaged file.
            return;
        }
        if (config == null) {
            return;
        }
        KerasFile file = KerasFile.inMemory("fuzz.h5", config, "2.15.0", "tensorflow", Map.of());
        ImportedNetwork network;
        try {
            network = KerasImport.of(file);
        } catch (KerasImportException refused) {
            return;
        }
        assertNotNull(network.architecture());
    }
}
