package org.tribuozoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reference outputs computed by {@code src/test/python/keras_reference.py} (NumPy, independent of
 * the importer), the inputs they were computed on, and the comparison the tests make: every output
 * within 1e-4 and the same top-1 class.
 *
 * @param file      the Keras model file the numbers are for
 * @param inputs    {@code seed} (pseudo-random images) or {@code mnist-t10k} (the first MNIST test images)
 * @param seed      the generator's seed
 * @param count     how many examples
 * @param outputs   {@code count x units}, row-major
 * @param units     outputs per example
 */
record KerasReference(String file, String inputs, int seed, int count, float[] outputs, int units) {

    static final double TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The reference of {@code reference/NAME} (for example {@code moonflower-mnist-cnn.keras.json}). */
    static KerasReference load(String name) {
        try (InputStream in = KerasReference.class.getResourceAsStream("reference/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no reference " + name);
            }
            JsonNode doc = JSON.readTree(in);
            JsonNode rows = doc.get("outputs");
            int units = rows.get(0).size();
            float[] out = new float[rows.size() * units];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < units; j++) {
                    out[i * units + j] = (float) rows.get(i).get(j).asDouble();
                }
            }
            return new KerasReference(doc.get("file").asText(), doc.get("inputs").asText(), doc.get("seed").asInt(),
                    doc.get("count").asInt(), out, units);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw pixels (0..255) of the examples, {@code count x size}, in (h, w, c) order. */
    int[] pixels(int size) {
        return inputs.equals("seed") ? pixels(seed, count, size) : SharedMnist.firstTestImages(count);
    }

    /**
     * The generator of the Python script: {@code state = (state * 1103515245 + 12345) mod 2^31},
     * pixel = {@code (state >> 16) & 255}.
     */
    static int[] pixels(int seed, int count, int size) {
        int[] out = new int[count * size];
        long state = seed;
        for (int i = 0; i < out.length; i++) {
            state = (state * 1103515245L + 12345L) & 0x7FFFFFFFL;
            out[i] = (int) ((state >> 16) & 0xFF);
        }
        return out;
    }

    /** The network's inputs: each pixel / 255. */
    float[] scaledInputs(int size) {
        int[] raw = pixels(size);
        float[] x = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = (float) (raw[i] / 255.0);
        }
        return x;
    }

    /**
     * Every value within {@link #TOLERANCE} of the reference (relative to the value where it exceeds 1:
     * float32 holds a value of 3000 to about 2e-4), and the same arg-max in every row.
     */
    void assertAgrees(float[] actual, String what) {
        assertEquals(outputs.length, actual.length, what + ": output count");
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - outputs[i]) / Math.max(1.0, Math.abs(outputs[i])));
        }
        assertTrue(worst <= TOLERANCE, what + ": largest difference from the NumPy reference " + worst);
        for (int e = 0; e < count; e++) {
            assertEquals(argmax(outputs, e, units), argmax(actual, e, units), what + ": top-1 class of example " + e);
        }
    }

    static int argmax(float[] values, int row, int units) {
        int best = 0;
        for (int j = 1; j < units; j++) {
            if (values[row * units + j] > values[row * units + best]) {
                best = j;
            }
        }
        return best;
    }

    /** The test file {@code files/NAME}, copied out of the class path. */
    static Path file(String name, Path dir) {
        try (InputStream in = KerasReference.class.getResourceAsStream("files/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test file " + name);
            }
            Path out = dir.resolve(name);
            Files.copy(in, out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MNIST's t10k images in the shared data folder, when present. */
    static final class SharedMnist {
        private SharedMnist() {
        }

        static Path imagesFile() {
            return Path.of(System.getProperty("tribuozoo.shared.data", "../shared/data"), "mnist",
                    "t10k-images-idx3-ubyte.gz");
        }

        static boolean present() {
            return Files.isRegularFile(imagesFile());
        }

        static int[] firstTestImages(int count) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(imagesFile()))) {
                in.readNBytes(16);
                byte[] bytes = in.readNBytes(count * 784);
                int[] out = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    out[i] = bytes[i] & 0xFF;
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
