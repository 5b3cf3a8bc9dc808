package org.tribuozoo.graph;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.LayerSamples;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TensorFlow backend handles every concrete layer type of the DSL: dsl's sample network of each type
 * compiles (the inference pass and, where it has dropout, the training pass) and predicts finite outputs
 * of the right size. The numbers themselves are checked per layer by the exactness tests here and, for
 * these samples, against an independent reference in tribuo-plugin's ONNX parity test.
 */
class EveryLayerTypeTest {

    private static final int EXAMPLES = 3;
    private static final TrainingConfig CONFIG = TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd());

    static Stream<Named<Class<? extends Layer>>> concreteTypes() {
        return LayerSamples.concreteTypes().stream().map(t -> Named.of(t.getSimpleName(), t));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concreteTypes")
    void theSampleBuildsAndPredicts(Class<? extends Layer> type) {
        Architecture sample = LayerSamples.of(type);
        int units = Math.toIntExact(sample.outputShape().elementCount());
        float[] out;
        try (CompiledNetwork net = CompiledNetwork.compile(sample, CONFIG)) {
            out = net.predict(inputs(sample), EXAMPLES);
        } catch (RuntimeException e) {
            throw new AssertionError("TensorFlow graph (tf-graph) fails on " + type.getSimpleName() + ": " + e, e);
        }
        assertEquals(EXAMPLES * units, out.length, "TensorFlow output size of " + type.getSimpleName());
        for (float v : out) {
            assertTrue(Float.isFinite(v), "TensorFlow output of " + type.getSimpleName() + " is not finite");
        }
    }

    private static float[] inputs(Architecture sample) {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[Math.toIntExact(EXAMPLES * sample.inputShape().elementCount())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
