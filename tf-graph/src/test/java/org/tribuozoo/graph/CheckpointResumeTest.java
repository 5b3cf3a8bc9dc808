package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.LearningRateSchedule;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * A run stopped after a checkpoint and resumed in a new network from it ends bit for bit where the
 * uninterrupted run ends: weights, every optimizer slot and step counter, history, predictions. For
 * each optimizer, with dropout (masks keyed by the step), a step-decay schedule, a learning rate a
 * listener changed, early stopping's state and data reshuffled every epoch; and with batch
 * normalisation, whose moving statistics (non-trainable, updated by the train step) are weights too.
 */
class CheckpointResumeTest {

    private static final Architecture NET = Architecture.builder("resumable").input(Shape.flat(6))
            .add(Dense.units(12).activation(Activation.RELU).name("hidden")).add(Dropout.rate(0.3))
            .add(Dense.units(3).activation(Activation.SOFTMAX).name("out")).build();

    private static final int N = 60;
    private static final Images X;
    private static final Targets Y;
    private static final Images VAL_X;
    private static final Targets VAL_Y;

    static {
        SplittableRandom r = new SplittableRandom(11);
        float[] x = new float[(N + 20) * 6];
        int[] labels = new int[N + 20];
        for (int i = 0; i < N + 20; i++) {
            labels[i] = r.nextInt(3);
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = (float) (r.nextGaussian() + (j % 3 == labels[i] ? 1.0 : 0.0));
            }
        }
        Images all = new Images(x, N + 20, Shape.flat(6));
        Targets targets = Targets.classes(labels, 3);
        X = all.range(0, N);
        Y = targets.range(0, N);
        VAL_X = all.range(N, N + 20);
        VAL_Y = targets.range(N, N + 20);
    }

    static Stream<Optimizer> optimizers() {
        return Stream.of(Optimizer.sgd().withLearningRate(0.05).withMomentum(0.9).withNesterov(true).withDecay(0.01),
                Optimizer.sgd().withLearningRate(0.05).withDecay(0.01),
                Optimizer.adam(), new Optimizer.RmsProp(0.01, 0.9, 0.5, 1e-7), Optimizer.adaGrad().withLearningRate(0.1));
    }

    private static TrainingConfig config(Optimizer optimizer) {
        return TrainingConfig.of(Loss.categoricalCrossEntropy(), optimizer).withSeed(5).withThreads(1, 1)
                .withSchedule(LearningRateSchedule.stepDecay(0.5, 7));
    }

    /** Halves the learning rate after epoch 1: state a checkpoint must carry beyond the optimizer's. */
    private static final TrainingListener HALVE_AFTER_EPOCH_1 = new TrainingListener() {
        @Override
        public void epochFinished(EpochResult result, CompiledNetwork network) {
            if (result.epoch() == 1) {
                network.setLearningRate(network.learningRate() / 2);
            }
        }
    };

    private static FitOptions options(int epochs, TrainingListener listener, List<TrainingCheckpoint> kept) {
        return FitOptions.of(epochs, 8).withValidation(VAL_X, VAL_Y)
                .withEarlyStopping(new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 10, 0.0, true))
                .withListener(listener).withCheckpoints(kept::add);
    }

    /** Fails at the first step after the given epoch, as a killed process would stop. */
    private static TrainingListener killedAfter(int epoch) {
        return TrainingListener.all(HALVE_AFTER_EPOCH_1, new TrainingListener() {
            @Override
            public void batchFinished(int e, int batch, int batches, double loss, double accuracy) {
                if (e > epoch) {
                    throw new Killed();
                }
            }
        });
    }

    private static final class Killed extends RuntimeException {
    }

    /** What a run ends with. */
    private record Outcome(Weights weights, OptimizerState optimizer, List<EpochResult> history, boolean stopped,
                           float[] predictions) {
        static Outcome of(CompiledNetwork net, TrainingHistory h) {
            return new Outcome(net.weights(), net.optimizerState(), withoutSeconds(h.epochs()), h.stoppedEarly(),
                    net.predict(VAL_X));
        }

        void assertSameAs(Outcome other) {
            assertEquals(other.weights, weights, "weights, bit for bit");
            assertEquals(other.optimizer, optimizer, "optimizer slots and steps, bit for bit");
            assertEquals(other.history, history, "history");
            assertEquals(other.stopped, stopped);
            assertArrayEquals(other.predictions, predictions, "predictions, bit for bit");
        }
    }

    /** Epoch results with the wall time left out, the one thing that differs between runs. */
    private static List<EpochResult> withoutSeconds(List<EpochResult> epochs) {
        return epochs.stream().map(e -> new EpochResult(e.epoch(), e.loss(), e.accuracy(), e.validationLoss(),
                e.validationAccuracy(), e.learningRate(), 0, e.examples())).toList();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void twoEpochsCheckpointedThenTwoMoreEqualFourUninterruptedBitForBit(Optimizer optimizer) {
        List<TrainingCheckpoint> uninterruptedCheckpoints = new ArrayList<>();
        Outcome uninterrupted;
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(optimizer))) {
            TrainingHistory h = net.fit(TrainingData.inMemory(X, Y, 3, true),
                    options(4, HALVE_AFTER_EPOCH_1, uninterruptedCheckpoints));
            uninterrupted = Outcome.of(net, h);
        }
        assertEquals(4, uninterruptedCheckpoints.size(), "one checkpoint per epoch");
        assertEquals(4 * 8, uninterrupted.optimizer().steps());
        assertEquals(optimizer.configName(), uninterrupted.optimizer().optimizer());
        assertEquals(optimizer instanceof Optimizer.Sgd s && s.momentum() == 0,
                uninterrupted.optimizer().slots().keys().isEmpty(), "slots but for plain SGD");

        List<TrainingCheckpoint> kept = new ArrayList<>();
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(optimizer))) {
            assertThrows(Killed.class, () -> net.fit(TrainingData.inMemory(X, Y, 3, true),
                    options(4, killedAfter(2), kept)));
        }
        TrainingCheckpoint afterTwo = kept.get(kept.size() - 1);
        assertEquals(3, afterTwo.epoch());
        assertEquals(2, afterTwo.history().size());
        assertFalse(afterTwo.finished());
        assertEquals(optimizer.learningRate() / 2, afterTwo.learningRate(), "the listener's rate is kept");

        // A new network and a new source, as in another process: the resumed run replays the order.
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(optimizer))) {
            TrainingHistory h = net.resume(TrainingData.inMemory(X, Y, 3, true),
                    options(4, HALVE_AFTER_EPOCH_1, new ArrayList<>()), afterTwo);
            Outcome.of(net, h).assertSameAs(uninterrupted);
        }
    }

    /**
     * Batch normalisation on an image (the fused kernel) and on flat features: its moving mean and
     * variance move with every training step outside the optimizer, so a checkpoint that lacked them
     * would resume with stale statistics and predict otherwise.
     */
    private static final Architecture BN_NET = Architecture.builder("resumable-bn").input(2, 3, 1)
            .add(Conv2D.filters(4).kernel(2).padding(Padding.same()).noBias().name("conv"))
            .add(BatchNormalization.create().momentum(0.9).name("bn_image"))
            .add(Flatten.layer()).add(Dropout.rate(0.2))
            .add(Dense.units(8).noBias().name("hidden")).add(BatchNormalization.create().momentum(0.8).name("bn_flat"))
            .add(Dense.units(3).activation(Activation.SOFTMAX).name("out")).build();

    @Test
    void batchNormalisationMovingStatisticsResumeBitForBit() {
        Images images = new Images(X.values(), N, Shape.of(2, 3, 1));
        Images validation = new Images(VAL_X.values(), VAL_X.count(), Shape.of(2, 3, 1));
        TrainingConfig config = config(Optimizer.adam());
        FitOptions options = FitOptions.of(4, 8).withValidation(validation, VAL_Y);
        List<TrainingCheckpoint> uninterruptedCheckpoints = new ArrayList<>();
        Weights uninterrupted;
        float[] predictions;
        TrainingHistory full;
        try (CompiledNetwork net = CompiledNetwork.compile(BN_NET, config)) {
            full = net.fit(TrainingData.inMemory(images, Y, 3, true),
                    options.withCheckpoints(uninterruptedCheckpoints::add));
            uninterrupted = net.weights();
            predictions = net.predict(validation);
        }
        List<String> statistics = List.of("bn_image/moving_mean", "bn_image/moving_variance", "bn_flat/moving_mean",
                "bn_flat/moving_variance");
        TrainingCheckpoint afterTwo = uninterruptedCheckpoints.get(1);
        assertEquals(3, afterTwo.epoch());
        for (String key : statistics) {
            assertTrue(afterTwo.weights().contains(key), key + " in the checkpoint");
            // They moved in epochs 3 and 4: resuming with the checkpoint's, not the final or first ones, matters.
            assertFalse(java.util.Arrays.equals(afterTwo.weights().values(key), uninterrupted.values(key)), key);
        }
        assertFalse(afterTwo.optimizer().slots().keys().stream().anyMatch(k -> k.contains("moving")),
                "no optimizer slots for the moving statistics: " + afterTwo.optimizer().slots().keys());

        try (CompiledNetwork net = CompiledNetwork.compile(BN_NET, config)) {
            // The first values of the statistics (zeros, ones) differ from the checkpoint's.
            assertNotEquals(afterTwo.weights().values("bn_flat/moving_mean")[0],
                    net.weights().values("bn_flat/moving_mean")[0]);
            TrainingHistory h = net.resume(TrainingData.inMemory(images, Y, 3, true), options, afterTwo);
            assertEquals(uninterrupted, net.weights(), "weights and moving statistics, bit for bit");
            assertEquals(withoutSeconds(full.epochs()), withoutSeconds(h.epochs()), "history");
            assertArrayEquals(predictions, net.predict(validation), "predictions, bit for bit");
        }
    }

    @Test
    void earlyStoppingStateCarriesOverTheCheckpoint() {
        // Best at epoch 1; epochs 2 and 3 do not beat it: with patience 2, training stops after epoch 3 and
        // restores epoch 1's weights. A resumed run that forgot the wait or the best weights would go on.
        double[] script = {1.0, 1.2, 1.3, 0.1, 0.05};
        EarlyStopping rule = new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 2, 0.0, true);
        Optimizer adam = Optimizer.adam();
        Outcome uninterrupted;
        List<TrainingCheckpoint> kept = new ArrayList<>();
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(adam))) {
            TrainingHistory h = net.fit(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(5, 8)
                    .withValidation(scripted(script, 0)).withEarlyStopping(rule).withCheckpoints(kept::add));
            uninterrupted = Outcome.of(net, h);
        }
        assertEquals(3, uninterrupted.history().size());
        assertTrue(uninterrupted.stopped());
        assertEquals(kept.get(0).weights(), uninterrupted.weights(), "epoch 1's weights restored");

        TrainingCheckpoint afterTwo = kept.get(1);
        assertEquals(1, afterTwo.earlyStopping().epochsWithoutImprovement());
        assertEquals(1, afterTwo.earlyStopping().bestEpoch());
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(adam))) {
            TrainingHistory h = net.resume(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(5, 8)
                    .withValidation(scripted(script, 2)).withEarlyStopping(rule), afterTwo);
            Outcome.of(net, h).assertSameAs(uninterrupted);
        }

        // The last checkpoint is of a finished run: resuming it trains nothing and restores the best weights.
        TrainingCheckpoint last = kept.get(kept.size() - 1);
        assertTrue(last.finished() && last.stoppedEarly());
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(adam))) {
            TrainingHistory h = net.resume(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(5, 8)
                    .withValidation(scripted(script, 3)).withEarlyStopping(rule), last);
            Outcome.of(net, h).assertSameAs(uninterrupted);
        }
    }

    /** A validation whose loss follows a script from a given epoch on. */
    private static Validation scripted(double[] losses, int from) {
        int[] epoch = {from};
        return network -> new Evaluation(losses[epoch[0]++], 0.5, 20);
    }

    /**
     * Streamed data in chunks, each chunk's order and dropout seed drawn from the epoch and the
     * chunk's number: a mid-epoch checkpoint (after any chunk, with a zero interval) resumes there.
     */
    private static TrainingData streamed() {
        return new TrainingData() {
            @Override
            public long examplesPerEpoch() {
                return N;
            }

            @Override
            public Iterator<Chunk> epoch(int epoch) {
                List<Chunk> chunks = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    chunks.add(Chunk.of(X.range(c * 20, c * 20 + 20), Y.range(c * 20, c * 20 + 20), 100L * epoch + c,
                            true));
                }
                return chunks.iterator();
            }
        };
    }

    @Test
    void aCheckpointBetweenChunksResumesWithinTheEpoch() {
        Optimizer sgd = Optimizer.sgd().withLearningRate(0.05).withMomentum(0.9);
        FitOptions plain = FitOptions.of(3, 8).withValidation(VAL_X, VAL_Y);
        Outcome uninterrupted;
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(sgd))) {
            uninterrupted = Outcome.of(net, net.fit(streamed(), plain));
        }
        List<TrainingCheckpoint> kept = new ArrayList<>();
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(sgd))) {
            net.fit(streamed(), plain.withCheckpoints(kept::add, Duration.ZERO));
            assertEquals(uninterrupted.weights(), net.weights(), "checkpointing changes nothing");
        }
        // After chunks 1 and 2 of each epoch, and after each epoch.
        assertEquals(9, kept.size());
        TrainingCheckpoint within = kept.get(4);
        assertEquals(2, within.epoch());
        assertEquals(2, within.chunksDone());
        assertEquals(40, within.progress().examples());
        assertEquals(6, within.progress().batches());
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(sgd))) {
            Outcome.of(net, net.resume(streamed(), plain, within)).assertSameAs(uninterrupted);
        }
    }

    @Test
    void optimizerStateRoundTripsAndIsCheckedAgainstTheNetwork() {
        try (CompiledNetwork a = CompiledNetwork.compile(NET, config(Optimizer.adam()));
             CompiledNetwork b = CompiledNetwork.compile(NET, config(Optimizer.adam()))) {
            a.fit(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(1, 8));
            OptimizerState state = a.optimizerState();
            assertEquals(List.of("hidden/kernel/m", "hidden/kernel/v", "hidden/bias/m", "hidden/bias/v",
                    "out/kernel/m", "out/kernel/v", "out/bias/m", "out/bias/v"), List.copyOf(state.slots().keys()));
            assertNotEquals(b.optimizerState(), state);
            b.setOptimizerState(state);
            assertEquals(state, b.optimizerState());
            assertEquals(8, b.steps());

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.setOptimizerState(new OptimizerState("sgd", 1, Weights.empty())));
            assertTrue(e.getMessage().contains("adam"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> b.setOptimizerState(new OptimizerState("adam", 1,
                    Weights.builder().put("out/kernel/velocity", Shape.of(12, 3), new float[36]).build())));
            assertTrue(e.getMessage().contains("out/kernel/velocity"), e.getMessage());
        }
    }

    @Test
    void aCheckpointOfAnotherOptimizerIsRefused() {
        List<TrainingCheckpoint> kept = new ArrayList<>();
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(Optimizer.adam()))) {
            net.fit(TrainingData.inMemory(X, Y, 3, true), FitOptions.of(1, 8).withCheckpoints(kept::add));
        }
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config(Optimizer.adaGrad()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.resume(
                    TrainingData.inMemory(X, Y, 3, true), FitOptions.of(2, 8), kept.get(0)));
            assertTrue(e.getMessage().contains("slots"), e.getMessage());
        }
    }
}
