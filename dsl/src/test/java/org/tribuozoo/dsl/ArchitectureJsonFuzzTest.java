package org.tribuozoo.dsl;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzzes {@link Architecture#fromJson}: whatever the text, it returns a network or throws an
 * {@link IllegalArgumentException} (one message), never anything else, and never builds a network
 * past {@link NetworkLimits}. A network it accepts writes back to JSON that reads as the same
 * network, byte-stable.
 * <p>
 * The build runs this over the committed inputs in {@code ArchitectureJsonFuzzTestInputs/anyDocument/}
 * (test resources); {@code JAZZER_FUZZ=1} fuzzes it (see docs/reliability.md).
 */
class ArchitectureJsonFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyDocument(byte[] data) {
        Architecture a;
        try {
            a = Architecture.fromJson(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            return;
        }
        String written = a.toJson();
        Architecture back = Architecture.fromJson(written);
        assertEquals(a, back);
        assertEquals(written, back.toJson());
        assertEquals(a.summary(), back.summary());
    }
}
