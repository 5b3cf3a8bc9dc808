package org.tribuozoo.tribuo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lenet5 by zoo name on the built-in demo images, end to end through Tribuo. */
class ZooTrainerTest {

    static List<Example<Label>> demo;

    @BeforeAll
    static void load() {
        demo = SharedData.demo(1, 3000);
    }

    static ZooModel trainSmall(long seed) {
        MutableDataset<Label> train = SharedData.dataset("demo 0-2000", demo.subList(0, 2000));
        ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(3).batchSize(32).seed(seed).threads(2, 1).build();
        return trainer.train(train);
    }

    @Test
    void trainsEvaluatesAndReloadsBitIdentically(@TempDir Path dir) throws Exception {
        ZooModel model = trainSmall(7);
        MutableDataset<Label> test = SharedData.dataset("demo 2000-3000", demo.subList(2000, 3000));
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, test);
        assertTrue(eval.accuracy() > 0.9, "accuracy " + eval.accuracy());
        assertEquals(10, eval.getConfusionMatrix().getDomain().size());
        assertEquals(3, model.history().epochs().size());

        Path file = dir.resolve("lenet5.model");
        model.serializeToFile(file);
        ZooModel loaded = ZooModel.load(file);
        assertEquals(model.architecture(), loaded.architecture());
        assertEquals(model.weights(), loaded.weights());
        List<Prediction<Label>> a = model.predict(test);
        List<Prediction<Label>> b = loaded.predict(test);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getOutput().getLabel(), b.get(i).getOutput().getLabel());
            for (String label : model.labels()) {
                assertEquals(a.get(i).getOutputScores().get(label).getScore(),
                        b.get(i).getOutputScores().get(label).getScore(), 0.0);
            }
        }
        model.close();
        loaded.close();
    }

    @Test
    void sameSeedSameWeights() {
        ZooModel a = trainSmall(3);
        ZooModel b = trainSmall(3);
        for (String key : a.weights().keys()) {
            assertArrayEquals(a.weights().values(key), b.weights().values(key), key);
        }
    }

    @Test
    void corruptTruncatedAndForeignFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.model");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZooModel.load(junk)).getMessage()
                .startsWith("model file " + junk + " is not a readable Tribuo model"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZooModel.load(dir.resolve("none.model")))
                .getMessage().endsWith("does not exist"));
    }
}
