package org.tribuozoo.tribuo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.OptimizerState;
import org.tribuozoo.graph.TrainingCheckpoint;
import org.tribuozoo.graph.TrainingListener;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.data.Augmentation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoint files and {@link ZooTrainer#withCheckpoints}: a training killed after epoch 2 of 4 and
 * trained again with the same folder ends with the uninterrupted run's model, bit for bit, with
 * augmented data, dropout and early stopping; files round-trip exactly; another run's checkpoint is
 * refused. And model files that keep the optimizer's state, so continued training goes on with Adam's
 * moments where they were.
 */
class CheckpointFolderTest {

    @TempDir
    Path tmp;

    private static final Architecture SMALL_CNN = Architecture.builder("small-cnn").input(28, 28, 1)
            .add(Conv2D.filters(4).kernel(5).activation(Activation.RELU)).add(MaxPool2D.size(4))
            .add(Dropout.rate(0.25)).add(Flatten.layer()).add(Dense.units(10).activation(Activation.SOFTMAX)).build();

    private static final class Killed extends RuntimeException {
    }

    private static TrainingListener killAt(int epoch) {
        return new TrainingListener() {
            @Override
            public void batchFinished(int e, int batch, int batches, double loss, double accuracy) {
                if (e == epoch) {
                    throw new Killed();
                }
            }
        };
    }

    private static List<EpochResult> withoutSeconds(List<EpochResult> epochs) {
        return epochs.stream().map(e -> new EpochResult(e.epoch(), e.loss(), e.accuracy(), e.validationLoss(),
                e.validationAccuracy(), e.learningRate(), 0, e.examples())).toList();
    }

    @Test
    void augmentedTrainingKilledAfterTwoEpochsResumesToTheUninterruptedModelBitForBit() {
        MutableDataset<Label> data = SharedData.dataset("demo", SharedData.demo(3, 400));
        // A new trainer for each run, as each process would have: a trainer's n-th train call is another run.
        ZooTrainer.Builder trainer = ZooTrainer.builder(SMALL_CNN).epochs(4).batchSize(32).seed(9).threads(2, 1)
                .validationSplit(0.2).earlyStopping(new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 5, 0.0, true))
                .augmentation(Augmentation.builder().rotation(15).widthShift(0.1).heightShift(0.1)
                        .horizontalFlip(true).build());
        CheckpointFolder folder = CheckpointFolder.of(tmp.resolve("checkpoints"));
        try (ZooModel uninterrupted = trainer.build().train(data)) {
            assertThrows(Killed.class, () -> trainer.listener(killAt(3)).checkpoints(folder).build().train(data));
            TrainingCheckpoint kept = folder.latest().orElseThrow();
            assertEquals("after epoch 2", kept.position());
            assertTrue(kept.optimizer().steps() > 0);

            try (ZooModel resumed = trainer.listener(TrainingListener.NONE).build().withCheckpoints(folder)
                    .train(data)) {
                assertEquals(uninterrupted.weights(), resumed.weights(), "weights, bit for bit");
                assertEquals(withoutSeconds(uninterrupted.history().epochs()),
                        withoutSeconds(resumed.history().epochs()));
                List<org.tribuo.Example<Label>> probe = SharedData.demo(4, 50);
                for (int i = 0; i < probe.size(); i++) {
                    var expected = uninterrupted.predict(probe.get(i)).getOutputScores();
                    var actual = resumed.predict(probe.get(i)).getOutputScores();
                    for (String label : expected.keySet()) {
                        assertEquals(Double.doubleToRawLongBits(expected.get(label).getScore()),
                                Double.doubleToRawLongBits(actual.get(label).getScore()), "example " + i + " " + label);
                    }
                }
            }
            assertEquals("finished after epoch 4", folder.latest().orElseThrow().position());
        }

        // Another run (another seed) does not continue this run's checkpoint.
        ZooTrainer other = ZooTrainer.builder(SMALL_CNN).epochs(4).batchSize(32).seed(10).threads(2, 1)
                .validationSplit(0.2).build().withCheckpoints(folder);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.train(data));
        assertTrue(e.getMessage().contains("belongs to another run"), e.getMessage());
        folder.delete();
        assertTrue(folder.latest().isEmpty());
    }

    @Test
    void aCheckpointFileHoldsEveryValueExactly() throws Exception {
        Weights weights = Weights.builder().put("d/kernel", Shape.of(2, 2), new float[] {1.5f, -0f, Float.MIN_VALUE, 3})
                .put("d/bias", Shape.of(2), new float[] {0.25f, -7}).build();
        Weights best = Weights.builder().put("d/kernel", Shape.of(2, 2), new float[] {1, 2, 3, 4})
                .put("d/bias", Shape.of(2), new float[] {5, 6}).build();
        OptimizerState optimizer = new OptimizerState("adam", 37, Weights.builder()
                .put("d/kernel/m", Shape.of(2, 2), new float[] {0.1f, 0.2f, 0.3f, 0.4f})
                .put("d/kernel/v", Shape.of(2, 2), new float[] {1e-9f, 2e-9f, 3e-9f, 4e-9f}).build());
        List<EpochResult> history = List.of(new EpochResult(1, 1.25, 0.5, Double.NaN, Double.NaN, 1e-3, 2.5, 100),
                new EpochResult(2, 0.75, 0.625, 0.875, 0.5, 5e-4, 2.25, 100));
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(3, 2, new TrainingCheckpoint.EpochProgress(64,
                40.125, 31, 2, 1.5), weights, optimizer, 4.5e-4, history,
                new TrainingCheckpoint.EarlyStoppingState(0.875, 2, 0, Optional.of(best)), 264,
                Duration.ofMillis(12_345), false, false);
        CheckpointFolder folder = CheckpointFolder.of(tmp.resolve("f"));
        folder.write("run-a", checkpoint);
        assertFalse(Files.exists(folder.folder().resolve(CheckpointFolder.FILE_NAME + ".tmp")), "renamed into place");
        CheckpointFormat.Stored read = folder.read().orElseThrow();
        assertEquals("run-a", read.runKey());
        assertEquals(checkpoint, read.checkpoint());
        assertEquals("in epoch 3 after 2 chunks", read.checkpoint().position());

        // No best weights, NaN best value: the state before any epoch.
        TrainingCheckpoint start = new TrainingCheckpoint(1, 0, TrainingCheckpoint.EpochProgress.NONE, weights,
                optimizer, 1e-3, List.of(), TrainingCheckpoint.EarlyStoppingState.START, 0, Duration.ZERO, false,
                false);
        folder.write("run-b", start);
        assertEquals(start, folder.latest().orElseThrow());

        Files.writeString(folder.file(), "not a checkpoint");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, folder::latest);
        assertTrue(e.getMessage().startsWith("checkpoint " + folder.file() + " is not a readable tribuo-zoo "
                + "checkpoint"), e.getMessage());
    }

    @Test
    void aModelThatKeepsTheOptimizerStateContinuesAdamWhereItWas() throws Exception {
        // No dropout and no shuffling: epoch 2 of a straight run trains what a continued run's epoch 1 does.
        Architecture net = Architecture.builder("no-dropout").input(28, 28, 1)
                .add(Conv2D.filters(4).kernel(5).activation(Activation.RELU)).add(MaxPool2D.size(4))
                .add(Flatten.layer()).add(Dense.units(10).activation(Activation.SOFTMAX)).build();
        MutableDataset<Label> data = SharedData.dataset("demo", SharedData.demo(5, 200));
        ZooTrainer.Builder adam = ZooTrainer.builder(net).optimizer(Optimizer.adam().withLearningRate(0.01))
                .batchSize(32).shuffle(false).seed(2).threads(2, 1);
        try (ZooModel straight = adam.epochs(2).keepOptimizerState(true).build().train(data);
             ZooModel first = adam.epochs(1).keepOptimizerState(true).build().train(data)) {
            Path file = tmp.resolve("first.model");
            first.serializeToFile(file);
            OptimizerState kept = first.optimizerState().orElseThrow();
            assertEquals(7, kept.steps(), "200 examples in batches of 32");
            try (ZooModel loaded = ZooModel.load(file)) {
                assertEquals(kept, loaded.optimizerState().orElseThrow(), "the file carries the state exactly");
            }
            try (ZooModel continued = adam.epochs(1).keepOptimizerState(true).startFrom(file).build().train(data);
                 ZooModel restarted = adam.epochs(1).keepOptimizerState(false).startFrom(file).build().train(data)) {
                assertEquals(straight.weights(), continued.weights(), "Adam continued: as if never stopped");
                assertEquals(straight.optimizerState(), continued.optimizerState());
                assertNotEquals(straight.weights(), restarted.weights(), "Adam restarted: another result");
                assertTrue(restarted.optimizerState().isEmpty(), "not kept unless asked");
            }
        }
    }
}
