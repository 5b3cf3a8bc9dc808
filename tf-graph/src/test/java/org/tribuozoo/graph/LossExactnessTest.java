package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * Each loss on MISSION.md's worked numbers: target (0,1,0,0,0) against predictions
 * (0.1,0.6,0.2,0,0.1) and (0.1,0.2,0.6,0,0.1), both through the probability path and from logits.
 */
class LossExactnessTest {

    private static final float[] TARGET = {0, 1, 0, 0, 0};
    private static final float[] GOOD = {0.1f, 0.6f, 0.2f, 0f, 0.1f};
    private static final float[] BAD = {0.1f, 0.2f, 0.6f, 0f, 0.1f};

    /**
     * The loss of a network that passes its input through one activation layer, so that the input
     * is the prediction (RELU: probabilities as they are) or the logits (SOFTMAX, SIGMOID).
     */
    static double loss(Loss loss, Activation ending, float[] input, float[] target) {
        Architecture arch = Architecture.builder("identity").input(Shape.flat(input.length))
                .add(ActivationLayer.of(ending)).build();
        try (CompiledNetwork net = CompiledNetwork.compile(arch, TrainingConfig.of(loss, Optimizer.sgd()))) {
            return net.evaluate(new Images(input, 1, Shape.flat(input.length)), Targets.of(target, target.length))
                    .loss();
        }
    }

    private static float[] logits(float[] p) {
        float[] z = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            z[i] = p[i] == 0 ? -100f : (float) Math.log(p[i]);
        }
        return z;
    }

    @Test
    void meanSquaredErrorIsTheSquaredErrorOverTheOutputs() {
        // Squared errors 0.22 and 1.02 over 5 outputs; Keras's MSE is their mean.
        assertEquals(0.22 / 5, loss(Loss.meanSquaredError(), Activation.RELU, GOOD, TARGET), 1e-7);
        assertEquals(1.02 / 5, loss(Loss.meanSquaredError(), Activation.RELU, BAD, TARGET), 1e-7);
    }

    @Test
    void categoricalCrossEntropyFromProbabilities() {
        assertEquals(0.5108, loss(Loss.categoricalCrossEntropy(), Activation.RELU, GOOD, TARGET), 1e-4);
        assertEquals(1.609, loss(Loss.categoricalCrossEntropy(), Activation.RELU, BAD, TARGET), 1e-3);
        assertEquals(-Math.log(0.6), loss(Loss.categoricalCrossEntropy(), Activation.RELU, GOOD, TARGET), 1e-6);
    }

    @Test
    void categoricalAndSparseCrossEntropyFromSoftmaxLogits() {
        for (Loss l : new Loss[] {Loss.categoricalCrossEntropy(), Loss.sparseCategoricalCrossEntropy()}) {
            assertEquals(-Math.log(0.6), loss(l, Activation.SOFTMAX, logits(GOOD), TARGET), 1e-6);
            assertEquals(-Math.log(0.2), loss(l, Activation.SOFTMAX, logits(BAD), TARGET), 1e-6);
        }
    }

    @Test
    void crossEntropyFromLogitsStaysFiniteWhereProbabilitiesUnderflow() {
        // Softmax of (0, -200) underflows to (1, 0); from logits the loss is exactly 200.
        assertEquals(200, loss(Loss.categoricalCrossEntropy(), Activation.SOFTMAX, new float[] {0, -200},
                new float[] {0, 1}), 1e-3);
    }

    @Test
    void binaryCrossEntropyProbabilitiesAndLogitsAgree() {
        double expected = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.8) + Math.log(1 - 1e-7) + Math.log(0.9)) / 5;
        assertEquals(expected, loss(Loss.binaryCrossEntropy(), Activation.RELU, GOOD, TARGET), 1e-6);
        float[] z = new float[GOOD.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = GOOD[i] == 0 ? -16.118f : (float) Math.log(GOOD[i] / (1 - GOOD[i])); // logit(1e-7) = -16.118
        }
        assertEquals(expected, loss(Loss.binaryCrossEntropy(), Activation.SIGMOID, z, TARGET), 1e-6);
        // A sigmoid of 40 rounds to 1 in float; from logits the loss of target 0 is still 40.
        assertEquals(40, loss(Loss.binaryCrossEntropy(), Activation.SIGMOID, new float[] {40}, new float[] {0}),
                1e-4);
    }

    @Test
    void categoricalFocalLoss() {
        // -alpha (1 - p_t)^gamma log p_t with p_t = 0.6: 0.25 * 0.16 * 0.5108 = 0.020433.
        double expected = 0.25 * 0.4 * 0.4 * -Math.log(0.6);
        assertEquals(expected, loss(Loss.focal(2, 0.25), Activation.RELU, GOOD, TARGET), 1e-7);
        assertEquals(expected, loss(Loss.focal(2, 0.25), Activation.SOFTMAX, logits(GOOD), TARGET), 1e-7);
        // gamma 0 and alpha 1 is plain cross-entropy.
        assertEquals(-Math.log(0.2), loss(Loss.focal(0, 1), Activation.SOFTMAX, logits(BAD), TARGET), 1e-6);
    }

    @Test
    void binaryFocalLoss() {
        float z = (float) Math.log(0.8 / 0.2); // sigmoid(z) = 0.8
        // Positive target: p_t = 0.8, alpha_t = 0.25: 0.25 * 0.2^2 * -ln 0.8.
        assertEquals(0.25 * 0.04 * -Math.log(0.8), loss(Loss.focal(2, 0.25), Activation.SIGMOID, new float[] {z},
                new float[] {1}), 1e-7);
        // Negative target: p_t = 0.2, alpha_t = 0.75: 0.75 * 0.8^2 * -ln 0.2 = 0.77253.
        assertEquals(0.75 * 0.64 * -Math.log(0.2), loss(Loss.focal(2, 0.25), Activation.SIGMOID, new float[] {z},
                new float[] {0}), 1e-6);
    }
}
