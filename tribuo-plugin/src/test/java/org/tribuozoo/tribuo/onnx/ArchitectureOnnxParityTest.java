package org.tribuozoo.tribuo.onnx;

import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.Weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exported graph, run in ONNX Runtime on raw inputs, gives the probabilities tf-graph's inference
 * pass gives on the same inputs scaled in Java (and an independent double-precision reference agrees
 * with both): at most 1e-5 apart, same argmax for every example.
 */
class ArchitectureOnnxParityTest {

    private static final int EXAMPLES = 6;
    private static final double TOLERANCE = 1e-5;
    /**
     * Small probabilities (1/361 for a Go board) make an absolute bound weak, so each value must also
     * agree to 1e-4 of itself: float32 round-off over a deep network stays far below that.
     */
    private static final double RELATIVE_TOLERANCE = 1e-4;

    static List<TestNetworks.Case> cases() {
        return TestNetworks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxRuntimeMatchesTensorFlowAndReference(TestNetworks.Case c) throws Exception {
        Architecture architecture = c.architecture();
        Weights weights = TestNetworks.randomWeights(architecture, 17);
        float[] raw = c.rawInputs(EXAMPLES, 23);
        OnnxMl.ModelProto model = ArchitectureOnnx.export(architecture, weights, c.pixelScale(), c.pixelOffset(),
                true, "org.tribuozoo.test", 1, Map.of());

        float[] onnx = OnnxRuntimeRunner.run(model, raw, EXAMPLES);
        float[] tensorFlow = tensorFlow(architecture, weights, c.scaled(raw));
        double[] reference = reference(architecture, weights, c.scaled(raw));

        int width = ArchitectureOnnx.outputWidth(architecture, true);
        assertEquals(EXAMPLES * width, onnx.length, "ONNX output size");
        assertEquals(onnx.length, tensorFlow.length, "TensorFlow output size");
        assertClose("ONNX Runtime vs tf-graph", tensorFlow, toDouble(onnx), width);
        assertClose("ONNX Runtime vs reference", toDouble(onnx), reference, width);
        assertInputMatters(onnx, width);
    }

    /** tf-graph's inference pass, widened to [1 - p, p] for one unit exactly as the Tribuo model does. */
    private static float[] tensorFlow(Architecture architecture, Weights weights, float[] scaled) {
        TrainingConfig config = TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd()).withThreads(1, 1);
        try (CompiledNetwork net = CompiledNetwork.compile(architecture, config, weights)) {
            float[] out = net.predict(new Images(scaled, EXAMPLES, architecture.inputShape()));
            return architecture.outputShape().elementCount() == 1 ? widen(out) : out;
        }
    }

    private static double[] reference(Architecture architecture, Weights weights, float[] scaled) {
        int in = ArchitectureOnnx.inputWidth(architecture);
        int units = Math.toIntExact(architecture.outputShape().elementCount());
        int width = ArchitectureOnnx.outputWidth(architecture, true);
        double[] out = new double[EXAMPLES * width];
        for (int e = 0; e < EXAMPLES; e++) {
            float[] example = new float[in];
            System.arraycopy(scaled, e * in, example, 0, in);
            double[] y = ReferenceForwardPass.predict(architecture, weights, example);
            if (units == 1) {
                y = new double[] {1 - y[0], y[0]};
            }
            System.arraycopy(y, 0, out, e * width, width);
        }
        return out;
    }

    private static float[] widen(float[] p) {
        float[] two = new float[p.length * 2];
        for (int i = 0; i < p.length; i++) {
            two[2 * i] = 1f - p[i];
            two[2 * i + 1] = p[i];
        }
        return two;
    }

    private static void assertClose(String what, float[] expected, double[] actual, int width) {
        double[] e = toDouble(expected);
        assertClose(what, e, actual, width);
    }

    private static void assertClose(String what, double[] expected, double[] actual, int width) {
        double maxDiff = 0;
        double maxRelative = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            maxDiff = Math.max(maxDiff, diff);
            maxRelative = Math.max(maxRelative, diff / Math.max(Math.abs(expected[i]), 1e-6));
        }
        assertTrue(maxDiff <= TOLERANCE, what + ": max absolute difference " + maxDiff);
        assertTrue(maxRelative <= RELATIVE_TOLERANCE, what + ": max relative difference " + maxRelative);
        for (int e = 0; e < expected.length / width; e++) {
            assertEquals(argmax(expected, e, width), argmax(actual, e, width), what + ": argmax of example " + e);
        }
    }

    /** Guards against a graph that ignores its input: different examples give clearly different outputs. */
    private static void assertInputMatters(float[] out, int width) {
        double spread = 0;
        double largest = 0;
        for (int i = 0; i < out.length; i++) {
            spread = Math.max(spread, Math.abs(out[i] - out[i % width]));
            largest = Math.max(largest, Math.abs(out[i]));
        }
        assertTrue(spread > 0.01 * largest, "outputs barely depend on the input (spread " + spread
                + ", largest output " + largest + ")");
    }

    private static int argmax(double[] values, int example, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (values[example * width + j] > values[example * width + best]) {
                best = j;
            }
        }
        return best;
    }

    private static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
