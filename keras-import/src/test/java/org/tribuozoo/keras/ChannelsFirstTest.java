package org.tribuozoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuozoo.dsl.Shape;

/**
 * A channels_first Keras model takes channels-last images once imported and computes what Keras
 * computes on the same images laid out channels first. The model is a configuration in Keras 2's form
 * with seeded weights, held in memory; the expected outputs come from a direct NCHW computation here.
 */
class ChannelsFirstTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Keras input (c, h, w) = (2, 5, 4); Conv2D 4 filters 3x3 same relu; MaxPooling2D 2x2; Flatten; Dense 3.
    private static final int C = 2;
    private static final int H = 5;
    private static final int W = 4;
    private static final int F = 4;
    private static final int UNITS = 3;

    /**
     * Keras flattens a channels_first tensor in (c, h, w) order unless the Flatten layer says
     * channels_first (then in (h, w, c) order); either way the importer reorders the Dense kernel so
     * that the channels-last network agrees.
     */
    @ParameterizedTest(name = "Flatten data_format {0}")
    @ValueSource(strings = {"channels_last", "channels_first"})
    void aChannelsFirstModelAgreesOnChannelsLastData(String flattenFormat) {
        Random random = new Random(7);
        float[] kernel = randoms(random, 3 * 3 * C * F);
        float[] bias = randoms(random, F);
        int flat = F * 2 * 2;
        float[] dense = randoms(random, flat * UNITS);
        float[] denseBias = randoms(random, UNITS);
        KerasFile file = model(flattenFormat, false, kernel, bias, dense, denseBias);
        ImportedNetwork net = KerasImport.of(file);
        assertEquals(Shape.image(H, W, C), net.architecture().inputShape());

        int count = 3;
        int[] pixels = KerasReference.pixels(11, count, H * W * C);
        float[] nhwc = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            nhwc[i] = pixels[i] / 255f;
        }
        float[] actual = RealKerasFilesTest.predict(net.architecture(), net.weights(), nhwc, count);
        for (int e = 0; e < count; e++) {
            float[] expected = kerasChannelsFirst(nhwc, e, kernel, bias, dense, denseBias,
                    flattenFormat.equals("channels_first"));
            for (int u = 0; u < UNITS; u++) {
                assertEquals(expected[u], actual[e * UNITS + u], 1e-5, "example " + e + " unit " + u);
            }
        }
    }

    @Test
    void aLayerKerasFroze() {
        Random random = new Random(1);
        KerasFile file = model("channels_first", true, randoms(random, 3 * 3 * C * F), randoms(random, F),
                randoms(random, 16 * UNITS), randoms(random, UNITS));
        assertEquals(Set.of("conv"), KerasImport.of(file).architecture().frozenLayers());
    }

    @Test
    void refusesAChannelsFirstImageAtTheEnd() throws Exception {
        JsonNode config = JSON.readTree("""
                {"class_name": "Sequential", "config": {"name": "cf", "layers": [
                 {"class_name": "Conv2D", "config": {"name": "conv", "filters": 1, "kernel_size": [1, 1],
                  "data_format": "channels_first", "activation": "linear", "batch_input_shape": [null, 2, 3, 3]}}]}}""");
        KerasFile file = KerasFile.inMemory("cf.h5", config, "2.3.1", "tensorflow",
                Map.of("conv", List.of(new KerasTensor(new int[] {1, 1, 2, 1}, new float[2]),
                        new KerasTensor(new int[] {1}, new float[1]))));
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.of(file));
        assertTrue(e.getMessage().startsWith("the model ends with a channels_first image"), e.getMessage());
    }

    /**
     * Keras's softmax activation takes the last axis, the width of a channels_first image: imported as a
     * softmax over the DSL's width axis. Averaged over the image, each channel then gives exactly
     * 1 / width, whatever the input; a softmax over the channels would give shares summing to 1.
     */
    @Test
    void aSoftmaxActivationOverAChannelsFirstImageTakesTheWidth() throws Exception {
        JsonNode config = JSON.readTree("""
                {"class_name": "Sequential", "config": [
                 {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [1, 1],
                  "data_format": "channels_first", "batch_input_shape": [null, 2, 3, 4]}},
                 {"class_name": "Activation", "config": {"name": "soft", "activation": "softmax"}},
                 {"class_name": "GlobalAveragePooling2D", "config": {"name": "mean",
                  "data_format": "channels_first"}}]}""");
        KerasFile file = KerasFile.inMemory("cf.h5", config, "2.1.3", "tensorflow", Map.of());
        ImportedNetwork net = KerasImport.of(file);
        assertEquals(Shape.image(3, 4, 2), net.architecture().inputShape());
        assertEquals(new org.tribuozoo.dsl.Softmax("soft", 2), net.architecture().layer("soft"));
        int[] pixels = KerasReference.pixels(5, 2, 3 * 4 * 2);
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] / 255f;
        }
        float[] y = RealKerasFilesTest.predict(net.architecture(), net.weights(), x, 2);
        for (float v : y) {
            assertEquals(0.25, v, 1e-6);
        }
    }

    // ------------------------------------------------------------------ the model and Keras's computation

    private static KerasFile model(String flattenFormat, boolean frozenConv, float[] kernel, float[] bias,
                                   float[] dense, float[] denseBias) {
        String text = """
                {"class_name": "Sequential", "config": {"name": "cf", "layers": [
                 {"class_name": "Conv2D", "config": {"name": "conv", "trainable": %s, "filters": %d,
                  "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "data_format": "channels_first",
                  "dilation_rate": [1, 1], "activation": "relu", "use_bias": true,
                  "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg",
                   "distribution": "uniform", "seed": null}},
                  "bias_initializer": {"class_name": "Zeros", "config": {}},
                  "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null,
                  "kernel_constraint": null, "bias_constraint": null, "batch_input_shape": [null, %d, %d, %d]}},
                 {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [2, 2], "strides": [2, 2],
                  "padding": "valid", "data_format": "channels_first"}},
                 {"class_name": "Flatten", "config": {"name": "flat", "data_format": "%s"}},
                 {"class_name": "Dropout", "config": {"name": "drop", "rate": 0.5, "noise_shape": null, "seed": null}},
                 {"class_name": "Dense", "config": {"name": "out", "units": %d, "activation": "linear",
                  "use_bias": true}}]}}""".formatted(!frozenConv, F, C, H, W, flattenFormat, UNITS);
        try {
            Map<String, List<KerasTensor>> weights = new LinkedHashMap<>();
            weights.put("conv", List.of(new KerasTensor(new int[] {3, 3, C, F}, kernel),
                    new KerasTensor(new int[] {F}, bias)));
            weights.put("out", List.of(new KerasTensor(new int[] {F * 4, UNITS}, dense),
                    new KerasTensor(new int[] {UNITS}, denseBias)));
            return KerasFile.inMemory("cf.h5", JSON.readTree(text), "2.3.1", "tensorflow", weights);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keras on the NCHW image: convolution, pooling, flatten in (c, h, w) or (h, w, c) order, dense. */
    private static float[] kerasChannelsFirst(float[] nhwc, int e, float[] kernel, float[] bias, float[] dense,
                                              float[] denseBias, boolean flattenHwc) {
        double[][][] x = new double[C][H][W];
        for (int h = 0; h < H; h++) {
            for (int w = 0; w < W; w++) {
                for (int c = 0; c < C; c++) {
                    x[c][h][w] = nhwc[e * H * W * C + (h * W + w) * C + c];
                }
            }
        }
        double[][][] conv = new double[F][H][W];
        for (int f = 0; f < F; f++) {
            for (int h = 0; h < H; h++) {
                for (int w = 0; w < W; w++) {
                    double s = bias[f];
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            int y = h + i - 1;
                            int z = w + j - 1;
                            if (y < 0 || y >= H || z < 0 || z >= W) {
                                continue;
                            }
                            for (int c = 0; c < C; c++) {
                                s += kernel[((i * 3 + j) * C + c) * F + f] * x[c][y][z];
                            }
                        }
                    }
                    conv[f][h][w] = Math.max(0, s);
                }
            }
        }
        double[][][] pool = new double[F][2][2];
        for (int f = 0; f < F; f++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 2; w++) {
                    pool[f][h][w] = Math.max(Math.max(conv[f][2 * h][2 * w], conv[f][2 * h][2 * w + 1]),
                            Math.max(conv[f][2 * h + 1][2 * w], conv[f][2 * h + 1][2 * w + 1]));
                }
            }
        }
        double[] flat = new double[F * 4];
        for (int f = 0; f < F; f++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 2; w++) {
                    flat[flattenHwc ? (h * 2 + w) * F + f : (f * 2 + h) * 2 + w] = pool[f][h][w];
                }
            }
        }
        float[] out = new float[UNITS];
        for (int u = 0; u < UNITS; u++) {
            double s = denseBias[u];
            for (int r = 0; r < flat.length; r++) {
                s += dense[r * UNITS + u] * flat[r];
            }
            out[u] = (float) s;
        }
        return out;
    }

    private static float[] randoms(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
