package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * The training loop: Keras's early stopping (the epoch it stops at, the weights it restores), example
 * limits, streamed chunks, listeners.
 */
class TrainingLoopTest {

    private static final Architecture NET = Architecture.builder("loop").input(Shape.flat(3))
            .add(Dense.units(2).activation(org.tribuozoo.dsl.Activation.SOFTMAX).name("d")).build();
    private static final TrainingConfig CONFIG = TrainingConfig.of(Loss.categoricalCrossEntropy(),
            Optimizer.sgd().withLearningRate(0.1)).withSeed(7).withThreads(1, 1);

    private static final Images X = new Images(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1},
            6, Shape.flat(3));
    private static final Targets Y = Targets.classes(new int[] {0, 1, 1, 0, 1, 0}, 2);

    /** A validation whose loss follows a script, so that the epoch early stopping must stop at is known. */
    private static Validation scripted(double... losses) {
        int[] epoch = {0};
        return network -> new Evaluation(losses[epoch[0]++], 0.5, 6);
    }

    /** Records every epoch's weights. */
    private static final class WeightsPerEpoch implements TrainingListener {
        final List<Weights> weights = new ArrayList<>();

        @Override
        public void epochFinished(EpochResult result, CompiledNetwork network) {
            weights.add(network.weights());
        }
    }

    private static TrainingHistory fit(CompiledNetwork net, int epochs, Validation validation, EarlyStopping rule,
                                       TrainingListener listener) {
        return net.fit(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(epochs, 2).withValidation(validation)
                .withEarlyStopping(rule).withListener(listener));
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeightsBitForBit() {
        WeightsPerEpoch seen = new WeightsPerEpoch();
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            // Best at epoch 2; epochs 3, 4 and 5 do not beat it: with patience 3, training stops after epoch 5.
            TrainingHistory h = fit(net, 10, scripted(1.0, 0.5, 0.6, 0.55, 0.7, 0.4, 0.3),
                    new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 3, 0.0, true), seen);
            assertEquals(5, h.epochs().size());
            assertTrue(h.stoppedEarly());
            assertEquals(seen.weights.get(1), net.weights(), "the weights of epoch 2, bit for bit");
            assertFalse(seen.weights.get(1).equals(seen.weights.get(4)), "training went on after epoch 2");
        }
    }

    @Test
    void keepsTheLastWeightsWithoutRestoreBestWeights() {
        WeightsPerEpoch seen = new WeightsPerEpoch();
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            TrainingHistory h = fit(net, 10, scripted(1.0, 0.5, 0.6, 0.55, 0.7),
                    new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 3, 0.0, false), seen);
            assertEquals(5, h.epochs().size());
            assertEquals(seen.weights.get(4), net.weights());
        }
    }

    @Test
    void anImprovementMustExceedMinDelta() {
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            // 0.97 is not 0.05 better than 1.0; 0.93 is and becomes the best; 0.92 and 0.91 are not 0.05
            // better than 0.93: two epochs without improvement, stop after epoch 5.
            TrainingHistory h = fit(net, 10, scripted(1.0, 0.97, 0.93, 0.92, 0.91, 0.1),
                    new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 2, 0.05, false), TrainingListener.NONE);
            assertEquals(5, h.epochs().size());
        }
    }

    @Test
    void higherIsBetterForAccuracyAndPatienceZeroStopsAtTheFirstEpochWithoutImprovement() {
        double[] accuracies = {0.5, 0.6, 0.6, 0.9};
        int[] epoch = {0};
        Validation v = network -> new Evaluation(1.0, accuracies[epoch[0]++], 6);
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            TrainingHistory h = fit(net, 10, v, new EarlyStopping(EarlyStopping.Monitor.VAL_ACCURACY, 0, 0.0, false),
                    TrainingListener.NONE);
            assertEquals(3, h.epochs().size());
            assertEquals(0.6, h.last().validationAccuracy());
        }
    }

    @Test
    void stoppingAtTheLastEpochIsNotEarly() {
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            TrainingHistory h = fit(net, 3, scripted(1.0, 1.1, 1.2),
                    new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 2, 0.0, true), TrainingListener.NONE);
            assertEquals(3, h.epochs().size());
            assertFalse(h.stoppedEarly());
        }
    }

    @Test
    void earlyStoppingOnValidationFiguresNeedsValidation() {
        FitOptions options = FitOptions.of(3, 2).withEarlyStopping(EarlyStopping.onValidationLoss(1));
        IllegalArgumentException e;
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> net.fit(TrainingData.inMemory(X, Y, 3, true), options));
        }
        assertTrue(e.getMessage().contains("no validation data"), e.getMessage());
    }

    @Test
    void theExampleLimitCutsTheLastChunkAndEndsTraining() {
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            TrainingHistory h = net.fit(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(5, 4).withMaxExamples(8));
            assertEquals(2, h.epochs().size());
            assertEquals(6, h.epochs().get(0).examples());
            assertEquals(2, h.epochs().get(1).examples());
            assertTrue(h.stoppedEarly());
            assertEquals(3, net.steps(), "two steps in epoch 1 (4 + 2 examples), one of 2 examples in epoch 2");
        }
    }

    @Test
    void theTimeLimitStopsBeforeTheNextChunk() {
        // Passed before the first chunk: nothing trains.
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            TrainingHistory h = net.fit(TrainingData.inMemory(X, Y, 3, true),
                    FitOptions.of(1000, 6).withMaxTime(Duration.ofNanos(1)));
            assertEquals(0, h.epochs().size());
            assertEquals(0, net.steps());
            assertTrue(h.stoppedEarly());
        }
        // Passed during the first epoch's chunk (its first batch outlasts the limit): that chunk finishes, in
        // whole batches, and the next (epoch 2's) does not start.
        TrainingListener slow = new TrainingListener() {
            @Override
            public void batchFinished(int epoch, int batch, int batches, double loss, double accuracy) {
                if (epoch == 1 && batch == 1) {
                    try {
                        Thread.sleep(600);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (CompiledNetwork net = CompiledNetwork.compile(NET, CONFIG)) {
            TrainingHistory h = net.fit(TrainingData.inMemory(X, Y, 3, true),
                    FitOptions.of(1000, 2).withMaxTime(Duration.ofMillis(200)).withListener(slow));
            assertEquals(1, h.epochs().size(), h.epochs().toString());
            assertEquals(6, h.epochs().get(0).examples());
            assertEquals(3, net.steps(), "the first epoch's three batches of 2, no more");
            assertTrue(h.stoppedEarly());
        }
    }

    /** Two chunks per epoch, each in its given order: the same steps as one in-memory pass in that order. */
    @Test
    void streamedChunksTrainLikeTheSameExamplesInMemory() {
        Images first = new Images(java.util.Arrays.copyOfRange(X.values(), 0, 9), 3, Shape.flat(3));
        Images second = new Images(java.util.Arrays.copyOfRange(X.values(), 9, 18), 3, Shape.flat(3));
        Targets y1 = Targets.of(java.util.Arrays.copyOfRange(Y.values(), 0, 6), 2);
        Targets y2 = Targets.of(java.util.Arrays.copyOfRange(Y.values(), 6, 12), 2);
        TrainingData streamed = new TrainingData() {
            @Override
            public long examplesPerEpoch() {
                return 6;
            }

            @Override
            public Iterator<Chunk> epoch(int epoch) {
                return List.of(new Chunk(first, y1, new int[] {1, 0}, 9), new Chunk(second, y2, new int[] {2, 0}, 9),
                        new Chunk(first, y1, new int[] {2}, 9), new Chunk(second, y2, new int[] {1}, 9)).iterator();
            }
        };
        TrainingData inMemory = new TrainingData() {
            @Override
            public long examplesPerEpoch() {
                return 6;
            }

            @Override
            public Iterator<Chunk> epoch(int epoch) {
                return List.of(new Chunk(X, Y, new int[] {1, 0}, 9), new Chunk(X, Y, new int[] {5, 3}, 9),
                        new Chunk(X, Y, new int[] {2}, 9), new Chunk(X, Y, new int[] {4}, 9)).iterator();
            }
        };
        List<int[]> batches = new ArrayList<>();
        TrainingListener counting = new TrainingListener() {
            @Override
            public void batchFinished(int epoch, int batch, int batchesInEpoch, double loss, double accuracy) {
                batches.add(new int[] {epoch, batch, batchesInEpoch});
            }
        };
        try (CompiledNetwork a = CompiledNetwork.compile(NET, CONFIG);
             CompiledNetwork b = CompiledNetwork.compile(NET, CONFIG)) {
            TrainingHistory ha = a.fit(streamed, FitOptions.of(2, 2).withListener(counting));
            TrainingHistory hb = b.fit(inMemory, FitOptions.of(2, 2));
            assertEquals(a.weights(), b.weights());
            assertEquals(ha.last().loss(), hb.last().loss());
            assertEquals(6, ha.last().examples());
            // Batches are numbered through the epoch across chunks: 4 per epoch here (two chunks of one).
            assertEquals(8, batches.size());
            assertArrayEquals(new int[] {2, 4, 3}, batches.get(7));
        }
    }

    @Test
    void aNetworkCompiledForInferenceOnlyRefusesToTrainAndPredictsLikeTheTrainedOne() {
        try (CompiledNetwork trained = CompiledNetwork.compile(NET, CONFIG)) {
            trained.fit(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(3, 2));
            try (CompiledNetwork inference = CompiledNetwork.forInference(NET, trained.weights(), 1, 1)) {
                assertArrayEquals(trained.predict(X), inference.predict(X));
                assertFalse(inference.trainable());
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> inference.fit(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(1, 2)));
                assertTrue(e.getMessage().contains("inference only"), e.getMessage());
                assertThrows(IllegalStateException.class, () -> inference.evaluate(X, Y));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CompiledNetwork.forInference(NET, Weights.empty(), 1, 1));
            assertTrue(e.getMessage().contains("d/kernel"), e.getMessage());
        }
    }
}
