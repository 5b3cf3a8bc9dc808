package org.tribuozoo.tribuo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.evaluation.TrainTestSplitter;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.IDXDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From the provenance JSON file alone, the run is rebuilt and gives bit-identical predictions. */
class ExperimentTest {

    @Test
    void provenanceJsonRebuildsADemoRunExactly(@TempDir Path dir) throws Exception {
        assertReproduces(new org.tribuozoo.tribuo.data.DemoDataSource(5, 3000), dir);
    }

    @Test
    void provenanceJsonRebuildsAnMnistRunExactly(@TempDir Path dir) throws Exception {
        Path mnist = SharedData.root().resolve("mnist");
        assertReproduces(new IDXDataSource<>(mnist.resolve("t10k-images-idx3-ubyte.gz"),
                mnist.resolve("t10k-labels-idx1-ubyte.gz"), new LabelFactory()), dir);
    }

    /** Tribuo's own splitter, as its ReproUtil handles it: the recorded side of the split is rebuilt. */
    @Test
    void provenanceJsonRebuildsARunOnATrainTestSplitterExactly(@TempDir Path dir) throws Exception {
        var splitter = new TrainTestSplitter<>(new org.tribuozoo.tribuo.data.DemoDataSource(5, 1500), 0.8, 17L);
        assertReproduces(splitter.getTrain(), dir);
    }

    @Test
    void theTestSideOfASplitterIsRebuiltToo() {
        var splitter = new TrainTestSplitter<>(new org.tribuozoo.tribuo.data.DemoDataSource(5, 400), 0.75, 17L);
        ZooModel m = ZooTrainer.builder("lenet5").epochs(1).seed(1).threads(2, 1).build()
                .train(new MutableDataset<>(splitter.getTest()));
        Experiment e = Experiment.fromProvenance(m.getProvenance());
        assertEquals(splitter.getTest().getProvenance(), e.trainingData().getProvenance());
        List<String> recorded = new ArrayList<>();
        splitter.getTest().forEach(x -> recorded.add(x.toString()));
        List<String> rebuilt = new ArrayList<>();
        e.trainingData().forEach(x -> rebuilt.add(x.toString()));
        assertEquals(100, rebuilt.size());
        assertEquals(recorded, rebuilt);
        m.close();
    }

    /** A fold of Tribuo's CrossValidation is a DatasetView of the whole data: not silently the whole data. */
    @Test
    void aCrossValidationFoldIsRefusedNamingTheView() {
        var data = new MutableDataset<>(new org.tribuozoo.tribuo.data.DemoDataSource(5, 300));
        ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(1).seed(1).threads(2, 1).build();
        var folds = new CrossValidation<>(trainer, data, new LabelEvaluator(), 2, 1L).evaluate();
        Model<Label> fold = folds.get(0).getB();
        String message = assertThrows(IllegalArgumentException.class,
                () -> Experiment.fromProvenance(fold.getProvenance())).getMessage();
        assertTrue(message.contains("trained on a org.tribuo.dataset.DatasetView, which cannot be rebuilt"), message);
        folds.forEach(f -> ((ZooModel) f.getB()).close());
    }

    private static void assertReproduces(org.tribuo.DataSource<Label> source, Path dir) throws Exception {
        MutableDataset<Label> data = new MutableDataset<>(source);
        ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(1).batchSize(128).seed(11).threads(2, 1).build();
        trainer.train(data); // a first call, so that the recorded run is the trainer's second invocation
        ZooModel original = trainer.train(data);

        Path json = dir.resolve("provenance.json");
        ProvenanceJson.write(original.getProvenance(), json);
        String text = Files.readString(json);
        assertTrue(text.contains("tribuo-zoo-architecture") || text.contains("lenet5"), "records the network");

        Experiment experiment = Experiment.fromFile(json);
        assertEquals(1, experiment.invocationCount());
        assertEquals(trainer.trainingRecipe(), experiment.trainer().trainingRecipe());
        assertTrue(experiment.recordedEnvironment().isPresent(), "the numeric environment is recorded");
        assertTrue(experiment.environmentChange().isEmpty(), "and is this process's");
        ZooModel again = experiment.run();

        List<Prediction<Label>> a = original.predict(data);
        List<Prediction<Label>> b = again.predict(data);
        for (int i = 0; i < a.size(); i++) {
            for (String label : original.labels()) {
                assertEquals(a.get(i).getOutputScores().get(label).getScore(),
                        b.get(i).getOutputScores().get(label).getScore(), 0.0, "example " + i + " label " + label);
            }
        }
        original.close();
        again.close();
    }

    @Test
    void thePartThatIdentifiesTheExperimentIsTheSameOnEveryRun() {
        ZooModel a = ZooTrainer.builder("lenet5").epochs(1).seed(4).threads(2, 1).build()
                .train(new MutableDataset<>(new org.tribuozoo.tribuo.data.DemoDataSource(6, 300)));
        ZooModel b = ZooTrainer.builder("lenet5").epochs(1).seed(4).threads(2, 1).build()
                .train(new MutableDataset<>(new org.tribuozoo.tribuo.data.DemoDataSource(6, 300)));
        // No wall-clock time or object hash in the trainer's or the data's provenance: equal runs, equal records.
        assertEquals(a.getProvenance().getTrainerProvenance(), b.getProvenance().getTrainerProvenance());
        assertEquals(a.getProvenance().getDatasetProvenance(), b.getProvenance().getDatasetProvenance());
        assertEquals(ProvenanceJson.toJson(a.getProvenance().getTrainerProvenance()),
                ProvenanceJson.toJson(b.getProvenance().getTrainerProvenance()));
        a.close();
        b.close();
    }

    @Test
    void aRunFromInMemoryWeightsSaysItCannotBeRebuilt() {
        var data = new MutableDataset<>(new org.tribuozoo.tribuo.data.DemoDataSource(6, 200));
        ZooModel base = ZooTrainer.builder("lenet5").epochs(1).seed(1).threads(2, 1).build().train(data);
        ZooModel tuned = ZooTrainer.builder("lenet5").startFrom(base).epochs(1).seed(1).threads(2, 1).build()
                .train(data);
        Experiment e = Experiment.fromProvenance(tuned.getProvenance());
        assertTrue(assertThrows(IllegalArgumentException.class, e::run).getMessage()
                .contains("started from weights given in code (SHA-256 " + ZooTrainer.digest(base.weights())));
        base.close();
        tuned.close();
    }

    @Test
    void inMemoryDataCannotBeRebuiltAndSaysSo() {
        var data = SharedData.dataset("a list", SharedData.demo(1, 200));
        ZooModel m = ZooTrainer.builder("lenet5").epochs(1).seed(1).threads(2, 1).build().train(data);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.fromProvenance(m.getProvenance()))
                .getMessage().contains("cannot be rebuilt from provenance"));
    }

    @Test
    void aMissingOrForeignFileIsAClearError(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProvenanceJson.read(dir.resolve("x.json")))
                .getMessage().endsWith("does not exist"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"hello\": 1}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProvenanceJson.read(bad)).getMessage()
                .contains("is not Tribuo provenance JSON"));
    }

    /** A model trained by tribuo-zoo 0.1, whose trainer kept flat settings: refused in one line saying why. */
    @Test
    void aProvenanceOfTribuoZooZeroOneIsRefusedSayingWhy() throws Exception {
        try (ZooModel old = ZooModel.load(ZooModelFormatCompatibilityTest.resource("tiny-shapes-v0.model"))) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Experiment.fromProvenance(old.getProvenance()));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("trained by tribuo-zoo 0.1")
                    && e.getMessage().contains("reproduce it with tribuo-zoo 0.1, or retrain it"), e.getMessage());
        }
    }
}
