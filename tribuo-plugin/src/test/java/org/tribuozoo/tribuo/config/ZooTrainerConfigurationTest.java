package org.tribuozoo.tribuo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.junit.jupiter.api.Test;
import org.tribuozoo.graph.ThreadLimits;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.LearningRateSchedule;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;
import org.tribuozoo.tribuo.ZooTrainer;

import java.util.List;
import java.util.Optional;

/**
 * The composed trainer configuration: absent settings come from the recipe, every recipe setting can be
 * overridden both ways, a built trainer never changes, and provenance rebuilds the resolved values.
 */
class ZooTrainerConfigurationTest {

    private static final String NAME = RecipeTestProvider.NAME;

    @Test
    void absentSettingsComeFromTheRecipe() {
        TrainingRecipe r = ZooTrainer.builder(NAME).build().trainingRecipe();
        assertEquals(RecipeTestProvider.SGD, r.optimizer());
        assertEquals(Optional.of(RecipeTestProvider.EARLY), r.earlyStopping());
        assertEquals(LearningRateSchedule.stepDecay(0.5, 100), r.schedule());
        assertEquals(16, r.batchSize());
        assertEquals(6, r.epochs());
        assertEquals(0.25, r.validationSplit());
    }

    @Test
    void aRecipesNesterovRestoreBestWeightsAndMinDeltaCanBeSwitchedOff() {
        TrainingRecipe r = ZooTrainer.builder(NAME)
                .optimizer(Optimizer.sgd().withLearningRate(0.05).withMomentum(0.9))
                .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.VAL_ACCURACY, 2, 0.0, false))
                .build().trainingRecipe();
        Optimizer.Sgd sgd = (Optimizer.Sgd) r.optimizer();
        assertFalse(sgd.nesterov());
        assertEquals(0.0, sgd.decay());
        assertFalse(r.earlyStopping().orElseThrow().restoreBestWeights());
        assertEquals(0.0, r.earlyStopping().orElseThrow().minDelta());

        assertEquals(Optional.empty(), ZooTrainer.builder(NAME).noEarlyStopping().build().trainingRecipe()
                .earlyStopping());
    }

    @Test
    void theLearningRateAloneKeepsTheRecipesOtherHyperParameters() {
        Optimizer o = ZooTrainer.builder(NAME).learningRate(0.2).build().trainingRecipe().optimizer();
        assertEquals(RecipeTestProvider.SGD.withLearningRate(0.2), o);
    }

    @Test
    void aBuiltTrainerDoesNotChangeWhenItsBuilderDoes() {
        ZooTrainer.Builder builder = ZooTrainer.builder(NAME).epochs(2).batchSize(8).seed(3);
        ZooTrainer trainer = builder.build();
        TrainingRecipe before = trainer.trainingRecipe();
        String provenanceBefore = trainer.getProvenance().toString();

        builder.epochs(9).batchSize(32).seed(4).noEarlyStopping().learningRate(0.5).threads(1, 1)
                .freeze("dense_1").optimizer(Optimizer.adam());
        ZooTrainer other = builder.build();

        assertEquals(before, trainer.trainingRecipe());
        assertEquals(3, trainer.seed());
        assertEquals(provenanceBefore, trainer.getProvenance().toString());
        assertEquals(9, other.trainingRecipe().epochs());
        assertNotEquals(before, other.trainingRecipe());
    }

    @Test
    void provenanceRebuildsEveryResolvedValueWithoutTheRecipe() {
        ZooTrainer trainer = ZooTrainer.builder(NAME).noEarlyStopping().learningRate(0.01).epochs(3).seed(8)
                .threads(1, 1).build();
        List<ConfigurationData> configs = ProvenanceUtil.extractConfiguration(trainer.getProvenance());
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(configs);
        ZooTrainer rebuilt = cm.lookupAll(ZooTrainer.class).get(0);
        assertEquals(trainer.trainingRecipe(), rebuilt.trainingRecipe());
        assertEquals(Optional.empty(), rebuilt.trainingRecipe().earlyStopping(),
                "switched off, and stays off although the recipe has early stopping");
        assertEquals(trainer.getProvenance(), rebuilt.getProvenance());
    }

    @Test
    void badSettingsNameTheCulprit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZooTrainer.builder(NAME).learningRate(-1).build());
        assertTrue(e.getMessage().contains("SGD learning rate"), e.getMessage());
        // 0 is the automatic choice; below it is an error.
        e = assertThrows(IllegalArgumentException.class, () -> ZooTrainer.builder(NAME).threads(-1, 1).build());
        assertTrue(e.getMessage().contains("intraOpThreads must be at least 1, got -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ZooTrainer.builder(NAME).replicas(-2).build());
        assertTrue(e.getMessage().contains("replicas must be at least 1, got -2"), e.getMessage());
        ZooTrainer.builder(NAME).threads(0, 1).replicas(0).build();
        e = assertThrows(IllegalArgumentException.class, () -> ZooTrainer.builder(NAME).threads(1, 100_000).build());
        assertTrue(e.getMessage().contains("interOpThreads must be at most " + ThreadLimits.maximum()
                + " on this machine"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ZooTrainer.builder(NAME).epochs(0).build());
        assertTrue(e.getMessage().contains("epochs must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ZooTrainer.builder(NAME).validationSplit(0).build());
        assertTrue(e.getMessage().contains("needs a validation split"), e.getMessage());
    }
}
