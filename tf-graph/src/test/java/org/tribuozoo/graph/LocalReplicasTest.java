package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/** Batches cut into replicas that run side by side train the network one pass over the batch trains. */
class LocalReplicasTest {

    private static final Architecture NET = Architecture.builder("replicated").input(8, 8, 1)
            .add(Conv2D.filters(4).kernel(3).padding(Padding.same()).activation(Activation.RELU))
            .add(MaxPool2D.size(2)).add(Conv2D.filters(6).kernel(4).activation(Activation.TANH))
            .add(Flatten.layer()).add(Dense.units(8).activation(Activation.RELU))
            .add(Dense.units(3).activation(Activation.SOFTMAX)).build();
    private static final int N = 40;

    private static TrainingData data() {
        float[] x = new float[N * 64];
        int[] labels = new int[N];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < N; i++) {
            labels[i] = r.nextInt(3);
            for (int p = 0; p < 64; p++) {
                x[i * 64 + p] = (float) (r.nextDouble() + (p / 8 % 3 == labels[i] ? 1.5 : 0));
            }
        }
        return TrainingData.inMemory(Images.of(x, N, 8, 8, 1), Targets.classes(labels, 3), 11, true);
    }

    private static TrainingConfig config(int replicas) {
        return TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.adam().withLearningRate(0.01)).withSeed(5).withThreads(2, 2)
                .withReplicas(replicas);
    }

    private record Trained(Weights weights, TrainingHistory history, Parallelism parallelism) {
    }

    private static Trained train(int replicas, int batch) {
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(replicas))) {
            TrainingHistory h = net.fit(data(), FitOptions.of(3, batch));
            return new Trained(net.weights(), h, net.parallelism());
        }
    }

    private static float maxDifference(Weights a, Weights b) {
        float max = 0;
        for (String key : a.asMap().keySet()) {
            float[] u = a.values(key);
            float[] v = b.values(key);
            for (int i = 0; i < u.length; i++) {
                max = Math.max(max, Math.abs(u[i] - v[i]));
            }
        }
        return max;
    }

    @Test
    void replicasTrainWhatOnePassTrains() {
        Trained one = train(1, 16);
        Trained three = train(3, 16);
        assertEquals(1, one.parallelism().replicas());
        assertEquals(3, three.parallelism().replicas());
        // It trained: the loss fell and the weights moved from their start.
        List<EpochResult> epochs = three.history().epochs();
        assertTrue(epochs.get(2).loss() < 0.9 * epochs.get(0).loss(), epochs.toString());
        try (CompiledNetwork fresh = CompiledNetwork.compile(NET, config(1))) {
            assertTrue(maxDifference(fresh.weights(), three.weights()) > 1e-2);
        }
        // The same steps, up to the order of the sums; not bit for bit, which shows the replicas ran.
        assertTrue(maxDifference(one.weights(), three.weights()) < 1e-4,
                "max difference " + maxDifference(one.weights(), three.weights()));
        assertTrue(maxDifference(one.weights(), three.weights()) > 0);
        for (int e = 0; e < 3; e++) {
            assertEquals(one.history().epochs().get(e).loss(), epochs.get(e).loss(), 1e-5);
            assertEquals(one.history().epochs().get(e).accuracy(), epochs.get(e).accuracy(), 1e-9);
        }
    }

    @Test
    void equalReplicasGiveEqualBits() {
        Weights a = train(3, 16).weights();
        Weights b = train(3, 16).weights();
        for (String key : a.asMap().keySet()) {
            assertArrayEquals(a.values(key), b.values(key), 0f, key);
        }
    }

    @Test
    void batchesSmallerThanTheReplicasLeaveSlicesEmpty() {
        // Batches of 2 on 3 replicas: one slice is always empty (it used to abort the process).
        Trained one = train(1, 2);
        Trained three = train(3, 2);
        assertTrue(maxDifference(one.weights(), three.weights()) < 1e-4,
                "max difference " + maxDifference(one.weights(), three.weights()));
        assertTrue(maxDifference(one.weights(), three.weights()) > 0);
    }

    @Test
    void aPredictionIsTheSameBitsAloneAndAmongOthers() {
        Weights w;
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(1))) {
            net.fit(data(), FitOptions.of(1, 8));
            w = net.weights();
        }
        float[] images = new float[7 * 64];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextDouble();
        }
        try (CompiledNetwork net = CompiledNetwork.forInference(NET, w, Parallelism.AUTOMATIC, 3)) {
            assertEquals(3, net.parallelism().replicas());
            float[] all = net.predict(images, 7);
            for (int i = 0; i < 7; i++) {
                float[] alone = net.predict(Arrays.copyOfRange(images, i * 64, (i + 1) * 64), 1);
                assertArrayEquals(Arrays.copyOfRange(all, i * 3, (i + 1) * 3), alone, 0f, "example " + i);
            }
            Images two = Images.of(Arrays.copyOfRange(images, 0, 128), 2, 8, 8, 1);
            assertArrayEquals(Arrays.copyOfRange(all, 0, 6), net.predict(two), 0f);
        }
    }

    @Test
    void automaticChoice() {
        // No batch normalisation: one replica per inter-op thread, one thread inside each op.
        assertEquals(new Parallelism(1, 4, 4), Parallelism.resolve(0, 4, 0, false, 0));
        // Batch normalisation trains batch statistics: one replica, the threads inside the ops.
        assertEquals(new Parallelism(4, 4, 1), Parallelism.resolve(0, 4, 0, true, 0));
        // What the user sets is kept; the process's pool, once set, is what the ops get.
        assertEquals(new Parallelism(2, 4, 3), Parallelism.resolve(2, 4, 3, true, 0));
        assertEquals(new Parallelism(2, 4, 4), Parallelism.resolve(0, 4, 0, false, 2));
        Architecture normalized = Architecture.builder("bn").input(4, 4, 1).add(Conv2D.filters(2))
                .add(BatchNormalization.create().name("bn")).add(Flatten.layer()).add(Dense.units(2)).build();
        assertTrue(Parallelism.trainsBatchStatistics(normalized));
        assertNotEquals(Parallelism.trainsBatchStatistics(normalized.withFrozen(List.of("bn"))), true);
        assertEquals(false, Parallelism.trainsBatchStatistics(NET));
    }
}
