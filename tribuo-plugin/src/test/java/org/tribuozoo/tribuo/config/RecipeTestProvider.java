package org.tribuozoo.tribuo.config;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.LearningRateSchedule;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;
import org.tribuozoo.zoo.ZooEntry;
import org.tribuozoo.zoo.ZooProvider;

import java.util.List;
import java.util.Optional;

/**
 * A test-only zoo entry whose recipe switches on everything a user may want to switch off: Nesterov
 * momentum, early stopping that restores the best weights, a minimum improvement.
 */
public final class RecipeTestProvider implements ZooProvider {

    static final String NAME = "test-everything-on";
    static final Optimizer.Sgd SGD = new Optimizer.Sgd(0.05, 0.9, true, 0.001);
    static final EarlyStopping EARLY = new EarlyStopping(EarlyStopping.Monitor.VAL_ACCURACY, 2, 0.01, true);

    @Override
    public List<ZooEntry> entries() {
        return List.of(new ZooEntry(NAME, "a test-only network whose recipe turns everything on",
                Shape.image(28, 28, 1), 10,
                (name, in, classes) -> Architecture.builder(name).input(in).add(Flatten.layer())
                        .add(Dense.units(classes).activation(org.tribuozoo.dsl.Activation.SOFTMAX)).build(),
                new TrainingRecipe(SGD, LearningRateSchedule.stepDecay(0.5, 100), Loss.categoricalCrossEntropy(), 16, 6,
                        0.25, Optional.of(EARLY)), Optional.empty()));
    }
}
