package org.tribuozoo.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.impl.ArrayExample;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ZooTrainer from an OLCUT configuration file, in Tribuo's cross-validation, and its errors on bad data. */
class TribuoIntegrationTest {

    @Test
    void configuredFromAnOlcutFileWithTheRecipeFillingTheRest() {
        ConfigurationManager cm = new ConfigurationManager("/org/tribuozoo/tribuo/lenet5-trainer.xml");
        ZooTrainer trainer = (ZooTrainer) cm.lookup("lenet5-small");
        var recipe = trainer.trainingRecipe();
        assertEquals(1, recipe.epochs());
        assertEquals(50, recipe.batchSize());
        assertEquals(0.002, recipe.optimizer().learningRate());
        assertEquals("adam", recipe.optimizer().configName());
        assertEquals("categorical_crossentropy", recipe.loss().configName(), "from lenet5's recipe");
        assertEquals(42, trainer.seed());
        ZooModel m = trainer.train(SharedData.dataset("first 300", SharedData.demo(1, 300)));
        assertEquals(List.of("conv2d_1"), List.copyOf(m.architecture().frozenLayers()));
        m.close();
    }

    @Test
    void worksInTribuosCrossValidation() {
        MutableDataset<Label> data = SharedData.dataset("first 1200", SharedData.demo(1, 1200));
        ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(4).batchSize(32).seed(1).threads(2, 1).build();
        CrossValidation<Label, LabelEvaluation> cv = new CrossValidation<>(trainer, data, new LabelEvaluator(), 3, 1L);
        List<Pair<LabelEvaluation, Model<Label>>> folds = cv.evaluate();
        assertEquals(3, folds.size());
        for (var fold : folds) {
            assertTrue(fold.getA().accuracy() > 0.6, "fold accuracy " + fold.getA().accuracy());
            ((ZooModel) fold.getB()).close();
        }
    }

    @Test
    void badDataIsRejectedBeforeTraining() {
        ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(1).build();
        var empty = SharedData.dataset("nothing", List.of());
        assertEquals("cannot train on an empty dataset",
                assertThrows(IllegalArgumentException.class, () -> trainer.train(empty)).getMessage());

        // 32x32 images (1,024 pixels) given to a 28x28 network.
        List<Example<Label>> big = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            big.add(new ArrayExample<>(new Label(String.valueOf(i % 2)), new String[] {"0000", "1023"},
                    new double[] {255, 255}));
        }
        String m = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(SharedData.dataset("32x32", big))).getMessage();
        assertTrue(m.contains("is pixel index 1023 but a 28x28x1 image has only 784 values"), m);

        List<Example<Label>> named = List.of(
                new ArrayExample<>(new Label("a"), new String[] {"red"}, new double[] {1}),
                new ArrayExample<>(new Label("b"), new String[] {"blue"}, new double[] {1}));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> trainer.train(SharedData.dataset("named", named))).getMessage()
                .matches("2 of 2 examples are not a 28x28x1 image .*; the first, example 0: feature name "
                        + "'(red|blue)' is not a pixel index.*"));

        ZooTrainer split = ZooTrainer.builder("lenet5").epochs(1).validationSplit(0.1).build();
        var two = SharedData.dataset("two", SharedData.demo(1, 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> split.train(two)).getMessage()
                .contains("leaves 2 for training and 0 for validation"));
    }

    @Test
    void badSettingsAreRejectedWhenBuilt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZooTrainer.builder("lenet").build())
                .getMessage().contains("did you mean lenet5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZooTrainer.builder("lenet5").batchSize(0).build())
                .getMessage().contains("batch size must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ZooTrainer.builder("fashion-cnn-2x2").validationSplit(0).build()).getMessage()
                .contains("early stopping on val_loss needs a validation split"));
        ZooTrainer frozenTypo = ZooTrainer.builder("lenet5").freeze("conv9").epochs(1).build();
        List<Example<Label>> two = List.of(
                new ArrayExample<>(new Label("a"), new String[] {"000"}, new double[] {1}),
                new ArrayExample<>(new Label("b"), new String[] {"783"}, new double[] {1}));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> frozenTypo.train(SharedData.dataset("two", two))).getMessage()
                .contains("cannot freeze 'conv9'"));
    }

    @Test
    void augmentationIsSeededAndChangesTraining() {
        MutableDataset<Label> data = SharedData.dataset("first 300", SharedData.demo(1, 300));
        var augment = org.tribuozoo.tribuo.data.Augmentation.builder().rotation(20).widthShift(0.2).heightShift(0.2)
                .build();
        ZooModel a = ZooTrainer.builder("lenet5").augmentation(augment).epochs(2).seed(4).threads(2, 1).build()
                .train(data);
        ZooModel b = ZooTrainer.builder("lenet5").augmentation(augment).epochs(2).seed(4).threads(2, 1).build()
                .train(data);
        ZooModel plain = ZooTrainer.builder("lenet5").epochs(2).seed(4).threads(2, 1).build().train(data);
        assertEquals(a.weights(), b.weights());
        assertTrue(!a.weights().equals(plain.weights()));
        assertEquals(List.of(1, 2), a.history().epochs().stream().map(r -> r.epoch()).toList());
    }
}
