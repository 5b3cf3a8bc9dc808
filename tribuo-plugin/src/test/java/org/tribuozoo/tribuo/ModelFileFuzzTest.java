package org.tribuozoo.tribuo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tribuozoo.dsl.Parameter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link ZooModel#load}: whatever the bytes, it returns a model or throws an
 * {@link IllegalArgumentException} (one message naming the file), never anything else; a model it
 * returns has a weight tensor of the right size for every parameter of its architecture. The build
 * replays the committed inputs in {@code ModelFileFuzzTestInputs/modelFiles/} (test resources: model
 * files of format version 0 and the crashes fuzzing found); {@code JAZZER_FUZZ=1} fuzzes it (see
 * docs/reliability.md).
 */
class ModelFileFuzzTest {

    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("model-file-fuzz", ".tribuo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FILE.toFile().deleteOnExit();
    }

    @FuzzTest(maxDuration = "5m")
    void modelFiles(byte[] data) throws IOException {
        Files.write(FILE, data);
        ZooModel model;
        try {
            model = ZooModel.load(FILE);
        } catch (IllegalArgumentException refused) {
            return;
        }
        for (Parameter p : model.architecture().parameters()) {
            assertEquals(p.count(), model.weights().values(p.key()).length, p.key());
        }
        assertTrue(model.labels().size() > 0);
    }
}
