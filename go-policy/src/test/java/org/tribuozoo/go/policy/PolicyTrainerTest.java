package org.tribuozoo.go.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.go.GoData;
import org.tribuozoo.go.GoDataException;
import org.tribuozoo.go.data.ConversionReport;
import org.tribuozoo.go.data.ConvertOptions;
import org.tribuozoo.go.data.Split;
import org.tribuozoo.go.testutil.RandomGames;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.Images;
import org.tribuozoo.tribuo.CheckpointFolder;
import org.tribuozoo.graph.NativeRuntime;
import org.tribuozoo.graph.NumericEnvironment;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.tribuo.NumericProvenance;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.graph.TrainingListener;
import org.tribuozoo.tribuo.ZooModel;

/**
 * Streams a small converted set of random games into alphago-policy-4 and checks what comes out:
 * every train position trained once per epoch, validation per epoch, the test evaluation agreeing
 * with Tribuo's LabelEvaluator on the same positions, the baselines recomputed independently, the
 * model's labels, files and provenance. Seconds, no shared data needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyTrainerTest {

    Path tmp;
    Path data;
    ConversionReport conversion;
    PolicyTrainingResult result;

    @BeforeAll
    void trainOnce(@TempDir Path dir) throws Exception {
        tmp = dir;
        Path games = RandomGames.write(tmp.resolve("games"), 40, 30, 11);
        data = tmp.resolve("shards");
        conversion = GoData.convert(ConvertOptions.of(List.of(games), data).withSeed(3).withFractions(0.2, 0.2)
                .withThreads(1));
        result = PolicyTrainer.builder(4).epochs(2).chunkPositions(200).shuffleBuffer(300).seed(5).threads(1)
                .build().train(data, TrainingListener.NONE);
    }

    @Test
    void everyTrainPositionOncePerEpochWithValidation() {
        long train = conversion.positions(Split.TRAIN);
        assertTrue(train > 300, "enough positions for several chunks: " + train);
        assertEquals(2 * train, result.trainedPositions());
        assertFalse(result.stoppedAtLimit());
        assertEquals(2, result.history().epochs().size());
        result.history().epochs().forEach(e -> {
            assertEquals(train, e.examples());
            assertTrue(e.validationAccuracy() >= 0 && e.validationAccuracy() <= 1, e.toString());
            assertTrue(Double.isFinite(e.validationLoss()), e.toString());
        });
        assertTrue(result.positionsPerSecond() > 0);
    }

    @Test
    void testScoresAndBaselinesOnTheWholeTestSplit() {
        MovePredictionResult test = result.test();
        assertEquals(conversion.positions(Split.TEST), test.positions());
        assertTrue(test.correctTop5() >= test.correct());
        // Random games early on: every empty point but a few is legal, so 1/#legal is about 1/340.
        assertTrue(test.uniformLegal() > 1.0 / 361 && test.uniformLegal() < 1.0 / 300, test.summary());
        TargetCounts counts = TargetCounts.of(data, Split.TRAIN);
        assertEquals(counts.mostFrequent(), test.mostFrequentPoint());
        assertEquals(TargetCounts.of(data, Split.TEST).count(test.mostFrequentPoint()), test.mostFrequentHits());
        assertTrue(test.summary().contains("baseline: uniform legal"), test.summary());
    }

    @Test
    void theSymmetryAveragedTestScoresTheSamePositionsAsTheSingleOrientation() {
        MovePredictionResult single = result.test();
        MovePredictionResult averaged = result.testAveraged().orElseThrow();
        assertEquals(single.positions(), averaged.positions());
        assertEquals(single.uniformLegal(), averaged.uniformLegal(), 0);
        assertEquals(single.mostFrequentHits(), averaged.mostFrequentHits());
        assertTrue(Math.abs(single.meanLoss() - averaged.meanLoss()) > 1e-6,
                "an untrained network is not symmetric: " + single.meanLoss() + " vs " + averaged.meanLoss());
        // The trained model, as a loaded model's batched predictor, scores the same.
        var policy = ModelPolicy.of(result.model(), "the model");
        MovePredictionResult again = MovePredictionEvaluator.evaluate(
                SymmetryEnsemble.averaged(policy, 19, 48), data, Split.TEST, 0, single.mostFrequentPoint());
        assertEquals(averaged.positions(), again.positions());
        assertEquals(averaged.meanLoss(), again.meanLoss(), 1e-5);
        MovePredictionResult alone = MovePredictionEvaluator.evaluate(policy, data, Split.TEST, 0,
                single.mostFrequentPoint());
        assertEquals(single.meanLoss(), alone.meanLoss(), 1e-5);
        // One pass that reuses the identity orientation gives exactly what the two passes give.
        MovePredictionEvaluator.WithSymmetries both = MovePredictionEvaluator.evaluateWithSymmetries(policy, data,
                Split.TEST, 0, single.mostFrequentPoint());
        assertEquals(alone, both.single());
        assertEquals(again, both.averaged());
        assertFalse(PolicyTrainer.builder(4).maxPositions(32).chunkPositions(32).testSymmetries(false).threads(1)
                .build().train(data, TrainingListener.NONE).testAveraged().isPresent());
    }

    @Test
    void aNetworkOfTheFirstFourPlanesTrainsAndEvaluates() throws Exception {
        PolicyTrainingResult four = PolicyTrainer.builder(4).planes(4).maxPositions(300).chunkPositions(96)
                .learningRate(0.05).seed(2).threads(1).build().train(data, TrainingListener.NONE);
        ZooModel model = four.model();
        assertEquals(new org.tribuozoo.tribuo.data.ImageLayout(19, 19, 4), model.imageLayout());
        assertEquals(19 * 19 * 4, model.getFeatureIDMap().size());
        assertEquals(5 * 5 * (48 - 4) * 4, result.model().architecture().parameterCount()
                - model.architecture().parameterCount(), "only the first convolution's kernel shrinks");
        assertEquals(4, ((IntProvenance) model.getProvenance().getTrainerProvenance().getConfiguredParameters()
                .get("planes")).getValue());
        assertEquals(300, four.trainedPositions());
        assertEquals(result.test().positions(), four.test().positions());
        assertEquals(result.test().uniformLegal(), four.test().uniformLegal(), 0, "baselines read all 48 planes");
        Path file = tmp.resolve("four.model");
        model.serializeToFile(file);
        try (ZooModel loaded = ZooModel.load(file)) {
            var policy = ModelPolicy.of(loaded, file.toString());
            MovePredictionResult single = MovePredictionEvaluator.evaluate(policy, data, Split.TEST, 0,
                    four.test().mostFrequentPoint());
            assertEquals(four.test().meanLoss(), single.meanLoss(), 1e-5);
            MovePredictionResult averaged = MovePredictionEvaluator.evaluate(SymmetryEnsemble.averaged(policy, 19, 48),
                    data, Split.TEST, 0, four.test().mostFrequentPoint());
            assertEquals(four.testAveraged().orElseThrow().meanLoss(), averaged.meanLoss(), 1e-5);
        }
    }

    @Test
    void aModelThatIsNotABoardOfPlanesIsNamedInOneMessage() {
        GoDataException e = assertThrows(GoDataException.class,
                () -> InputPlanes.of(org.tribuozoo.tribuo.data.ImageLayout.MNIST, "lenet.model"));
        assertEquals("model lenet.model takes 28x28x1 inputs, not a 19x19 board of 1 to 48 feature planes; "
                + "train one with zoo go train", e.getMessage());
        assertThrows(GoDataException.class,
                () -> InputPlanes.of(new org.tribuozoo.tribuo.data.ImageLayout(19, 19, 49), "wide.model"));
        assertEquals(4, InputPlanes.of(new org.tribuozoo.tribuo.data.ImageLayout(19, 19, 4), "x").count());
        assertThrows(PropertyException.class, () -> PolicyTrainer.builder(4).planes(49).build());
        assertThrows(PropertyException.class, () -> PolicyTrainer.builder(4).planes(0).build());
    }

    @Test
    void tribuoEvaluationOfTheTestSplitAgreesWithTheStreamedOne() {
        MutableDataset<Label> testSet = PositionExamples.dataset(data, Split.TEST, Integer.MAX_VALUE);
        assertEquals(result.test().positions(), testSet.size());
        double tribuo = new LabelEvaluator().evaluate(result.model(), testSet).accuracy();
        assertEquals(result.test().accuracy(), tribuo, 1e-12);
        assertEquals(7, PositionExamples.dataset(data, Split.TEST, 7).size());
    }

    @Test
    void labelsAreGoCoordinatesOnTheirPoints() throws Exception {
        ZooModel model = result.model();
        assertEquals(361, model.getOutputIDInfo().size());
        assertEquals(17_328, model.getFeatureIDMap().size());
        assertEquals(BoardLabels.LAYOUT, model.imageLayout());
        assertEquals("A19", BoardLabels.label(0));
        assertEquals("T1", BoardLabels.label(360));
        MutableDataset<Label> some = PositionExamples.dataset(data, Split.TEST, 3);
        // Scores by label name equal the network's unit of that point.
        Prediction<Label> p = model.predict(some.getExample(0));
        float[] byId = model.probabilities(tensorOf(some.getExample(0)));
        for (int id = 0; id < 361; id++) {
            String label = model.getOutputIDInfo().getOutput(id).getLabel();
            assertEquals(byId[id], p.getOutputScores().get(label).getScore(), 1e-6, label);
        }

        Path file = tmp.resolve("policy.model");
        model.serializeToFile(file);
        try (ZooModel loaded = ZooModel.load(file)) {
            Prediction<Label> again = loaded.predict(some.getExample(0));
            assertEquals(p.getOutput().getLabel(), again.getOutput().getLabel());
            assertEquals(p.getOutput().getScore(), again.getOutput().getScore(), 1e-7);
        }
    }

    @Test
    void onnxExportGivesTheSameProbabilitiesInOutputIdOrder() throws Exception {
        ZooModel model = result.model();
        MutableDataset<Label> some = PositionExamples.dataset(data, Split.TEST, 4);
        float[][] rows = new float[some.size()][];
        float[] all = new float[some.size() * BoardLabels.LAYOUT.size()];
        for (int i = 0; i < some.size(); i++) {
            rows[i] = tensorOf(some.getExample(i)).values();
            System.arraycopy(rows[i], 0, all, i * rows[i].length, rows[i].length);
        }
        float[] expected = model.probabilities(Images.of(all, rows.length, 19, 19, 48));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model.exportONNXModel("org.tribuozoo", 1).toByteArray());
             OnnxTensor in = OnnxTensor.createTensor(env, rows);
             OrtSession.Result r = s.run(Map.of("input", in))) {
            float[][] out = (float[][]) r.get(0).getValue();
            for (int i = 0; i < rows.length; i++) {
                for (int id = 0; id < 361; id++) {
                    assertEquals(expected[i * 361 + id], out[i][id], 1e-5, "position " + i + ", output " + id);
                }
            }
        }
    }

    @Test
    void provenanceRecordsHyperParametersAndData() throws Exception {
        ModelProvenance p = result.model().getProvenance();
        var configured = p.getTrainerProvenance().getConfiguredParameters();
        assertEquals(4, ((IntProvenance) configured.get("filters")).getValue());
        for (String key : List.of("epochs", "batchSize", "learningRate", "momentum", "maxMinutes", "maxPositions",
                "seed", "chunkPositions", "shuffleBuffer", "threads", "planes", "testSymmetries")) {
            assertTrue(configured.containsKey(key), key + " in " + configured.keySet());
        }
        ShardFolderProvenance source = (ShardFolderProvenance) p.getDatasetProvenance().getSourceProvenance();
        String hash = ((StringProvenance) source.get(ShardFolderProvenance.GAMES_SHA256)).getValue();
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(conversion.positions(Split.TRAIN), p.getDatasetProvenance().getNumExamples());
        assertTrue(p.getInstanceProvenance().getMap().containsKey("data-folder"));
        NumericEnvironment environment = NumericProvenance.recorded(p).orElseThrow();
        assertEquals(NumericEnvironment.current(new Parallelism(NativeRuntime.intraOpThreadsInEffect(), 1, 1)),
                environment, "this process's, with its 1 thread");
        assertEquals(1, environment.interOpThreads());
        assertEquals(1, environment.replicas());

        Path json = tmp.resolve("provenance.json");
        ProvenanceJson.write(p, json);
        ModelProvenance read = ProvenanceJson.read(json);
        assertEquals(Optional.of(environment), NumericProvenance.recorded(read));
        assertEquals(p.getTrainerProvenance(), read.getTrainerProvenance());
        assertEquals(p.getDatasetProvenance().getSourceProvenance(), read.getDatasetProvenance().getSourceProvenance());
    }

    @Test
    void limitsStopTraining() {
        PolicyTrainingResult r = PolicyTrainer.builder(4).maxPositions(150).chunkPositions(64).threads(1).build()
                .train(data, TrainingListener.NONE);
        assertEquals(150, r.trainedPositions());
        assertTrue(r.stoppedAtLimit());
        assertEquals(1, r.history().epochs().size());
    }

    @Test
    void theSameSettingsGiveTheSameNetwork() {
        PolicyTrainer trainer = PolicyTrainer.builder(4).maxPositions(200).chunkPositions(96).learningRate(0.05)
                .seed(9).threads(1).build();
        PolicyTrainingResult a = trainer.train(data, TrainingListener.NONE);
        PolicyTrainingResult b = trainer.train(data, TrainingListener.NONE);
        assertEquals(a.model().weights(), b.model().weights());
        PolicyTrainingResult other = PolicyTrainer.builder(4).maxPositions(200).chunkPositions(96).learningRate(0.05)
                .seed(10).threads(1).build().train(data, TrainingListener.NONE);
        assertFalse(a.model().weights().equals(other.model().weights()));
    }

    /** Stops training at a batch, as a kill would. */
    private static final class Killed extends RuntimeException {
    }

    private static TrainingListener killAt(int epoch, int batch) {
        return new TrainingListener() {
            @Override
            public void batchFinished(int e, int b, int batches, double loss, double accuracy) {
                if (e == epoch && b == batch) {
                    throw new Killed();
                }
            }
        };
    }

    @Test
    void aKilledRunContinuesFromItsLastCheckpointBitForBit() {
        PolicyTrainer trainer = PolicyTrainer.builder(4).epochs(3).chunkPositions(96).shuffleBuffer(300)
                .learningRate(0.01).momentum(0.9).seed(8).threads(1).build();
        PolicyTrainingResult uninterrupted = trainer.train(data, TrainingListener.NONE);
        // Killed in epoch 2 after 3 chunks of 6 batches (a checkpoint after every chunk), and at the start
        // of epoch 3 (a checkpoint after every epoch: the reader skips two epochs without reading them).
        record Kill(CheckpointFolder folder, int epoch, int batch, String position) {
        }
        for (Kill kill : List.of(
                new Kill(CheckpointFolder.of(tmp.resolve("within")).every(Duration.ZERO), 2, 20,
                        "in epoch 2 after 3 chunks"),
                new Kill(CheckpointFolder.of(tmp.resolve("between")), 3, 1, "after epoch 2"))) {
            assertThrows(Killed.class, () -> trainer.train(data, killAt(kill.epoch(), kill.batch()), kill.folder()));
            assertEquals(kill.position(), kill.folder().latest().orElseThrow().position());
            PolicyTrainingResult resumed = trainer.train(data, TrainingListener.NONE, kill.folder());
            assertEquals(uninterrupted.model().weights(), resumed.model().weights(), kill.position());
            assertEquals(withoutSeconds(uninterrupted.history().epochs()), withoutSeconds(resumed.history().epochs()));
            assertEquals(uninterrupted.trainedPositions(), resumed.trainedPositions());
            assertEquals(uninterrupted.test().correct(), resumed.test().correct());
            assertTrue(kill.folder().latest().orElseThrow().finished());
        }
        // Another run's checkpoint is refused, not continued.
        PolicyTrainer other = PolicyTrainer.builder(4).epochs(3).chunkPositions(96).shuffleBuffer(300)
                .learningRate(0.02).momentum(0.9).seed(8).threads(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> other.train(data, TrainingListener.NONE, CheckpointFolder.of(tmp.resolve("between"))));
        assertTrue(e.getMessage().contains("another run"), e.getMessage());
    }

    private static List<EpochResult> withoutSeconds(List<EpochResult> epochs) {
        return epochs.stream().map(e -> new EpochResult(e.epoch(), e.loss(), e.accuracy(), e.validationLoss(),
                e.validationAccuracy(), e.learningRate(), 0, e.examples())).toList();
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(PropertyException.class, () -> PolicyTrainer.builder(0).build());
        assertThrows(PropertyException.class, () -> PolicyTrainer.builder(4).momentum(1.0).build());
        assertThrows(PropertyException.class, () -> PolicyTrainer.builder(4).maxMinutes(-1).build());
    }

    private static Images tensorOf(org.tribuo.Example<Label> example) {
        float[] values = new float[BoardLabels.LAYOUT.size()];
        example.forEach(f -> values[Integer.parseInt(f.getName())] = (float) f.getValue());
        return Images.of(values, 1, 19, 19, 48);
    }
}
