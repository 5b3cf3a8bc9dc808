package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/** Bad input, weights in and out, and closing. */
class RobustnessTest {

    private static final Architecture NET = Architecture.builder("small").input(4, 4, 1)
            .add(Conv2D.filters(2).kernel(3).activation(Activation.RELU).name("conv")).add(Flatten.layer())
            .add(Dense.units(3).activation(Activation.SOFTMAX).name("out")).build();
    private static final TrainingConfig CONFIG = TrainingConfig.of(Loss.categoricalCrossEntropy(),
            Optimizer.sgd().withLearningRate(0.1)).withSeed(1);

    @Test
    void inputOfTheWrongShapeIsRejectedNamingBothShapes() {
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            Images wrong = Images.of(new float[2 * 5 * 5], 2, 5, 5, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.fit(TrainingData.inMemory(wrong, Targets.classes(new int[] {0, 1}, 3), 0, true),
                            FitOptions.of(1, 2)));
            assertTrue(e.getMessage().contains("(5, 5, 1)") && e.getMessage().contains("(4, 4, 1)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> net.predict(wrong));
            assertTrue(e.getMessage().contains("(5, 5, 1)") && e.getMessage().contains("(4, 4, 1)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> net.fit(TrainingData.inMemory(Images.of(new float[32], 2, 4, 4, 1),
                    Targets.classes(new int[] {0, 1}, 2), 0, true), FitOptions.of(1, 2)));
            assertTrue(e.getMessage().contains("width 2") && e.getMessage().contains("3 outputs"), e.getMessage());
        }
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingEpochAndBatch() {
        float[] x = new float[8 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f;
        }
        x[5 * 16 + 3] = Float.NaN; // example 5 lies in the third batch of two
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> net.fit(TrainingData.inMemory(Images.of(x, 8, 4, 4, 1), Targets.classes(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, 3), 0, false),
                            FitOptions.of(2, 2)));
            assertEquals(1, e.epoch());
            assertEquals(3, e.batch());
            assertTrue(e.getMessage().contains("epoch 1, batch 3"), e.getMessage());
        }
    }

    @Test
    void weightsRoundTripAndStartANewNetwork() {
        float[] x = new float[3 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        Images images = Images.of(x, 3, 4, 4, 1);
        Weights trained;
        float[] predicted;
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            net.fit(TrainingData.inMemory(images, Targets.classes(new int[] {0, 1, 2}, 3), 0, true),
                    FitOptions.of(3, 3));
            trained = net.weights();
            predicted = net.predict(images);
        }
        assertEquals(java.util.List.of("conv/kernel", "conv/bias", "out/kernel", "out/bias"),
                java.util.List.copyOf(trained.keys()));
        assertEquals(NET.parameterCount(), trained.valueCount());
        try (CompiledNetwork again = CompiledNetwork.compile(NET, CONFIG.withSeed(99), trained)) {
            assertEquals(trained, again.weights());
            assertArrayEquals(predicted, again.predict(images));
        }
        Weights wrongShape = Weights.builder().put("out/bias", Shape.of(4), new float[4]).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompiledNetwork.compile(NET, CONFIG, wrongShape));
        assertTrue(e.getMessage().contains("(4)") && e.getMessage().contains("(3)"), e.getMessage());
        Weights unknown = Weights.builder().put("nope/kernel", Shape.of(1), new float[1]).build();
        assertThrows(IllegalArgumentException.class, () -> CompiledNetwork.compile(NET, CONFIG, unknown));
    }

    @Test
    void aClosedNetworkRefusesWork() {
        CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG);
        net.close();
        net.close(); // idempotent
        assertThrows(IllegalStateException.class, net::weights);
    }
}
