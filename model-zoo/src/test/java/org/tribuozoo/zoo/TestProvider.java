package org.tribuozoo.zoo;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;

import java.util.List;
import java.util.Optional;

/** A third-party provider registered only on the test class path. */
public final class TestProvider implements ZooProvider {

    @Override
    public List<ZooEntry> entries() {
        return List.of(new ZooEntry("test-tiny-mlp", "a test-only network", Shape.image(2, 2, 1), 3,
                new ArchitectureFactory() {
                    @Override
                    public Architecture build(String name, Shape in, int classes) {
                        return Architecture.builder(name).input(in).add(Flatten.layer()).add(Dense.units(classes)).build();
                    }
                },
                TrainingRecipe.of(Optimizer.adam(), Loss.categoricalCrossEntropy(), 4, 1), Optional.empty()));
    }
}
