package org.tribuozoo.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.evaluation.CrossValidation;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link UnclosedModelsTest}: generic Tribuo code that never closes its models.
 * Tribuo's {@link CrossValidation} trains a model per fold, predicts with it (which opens the model's
 * TensorFlow session) and hands it back; each round's folds are dropped unclosed. Prints the resident
 * memory after each round, once the dropped models are collected, as {@code resident-mb ROUND MB}.
 */
public final class UnclosedFoldModels {

    /** A 784 x 4096 dense layer: 3.2M weights (12.8 MB) per fold model, cheap to train. */
    static final Architecture WIDE = Architecture.builder("wide").input(28, 28, 1).add(Flatten.layer())
            .add(Dense.units(4096).activation(Activation.RELU))
            .add(Dense.units(10).activation(Activation.SOFTMAX)).build();

    private UnclosedFoldModels() {
    }

    /** {@code ROUNDS FOLDS}. */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int folds = Integer.parseInt(args[1]);
        ZooTrainer trainer = ZooTrainer.builder(WIDE).epochs(1).batchSize(50).seed(3).threads(2, 1).build();
        MutableDataset<Label> data = SharedData.dataset("demo 250", SharedData.demo(8, 250));
        for (int round = 0; round < rounds; round++) {
            List<Pair<LabelEvaluation, Model<Label>>> models = new CrossValidation<>(trainer, data,
                    new LabelEvaluator(), folds, round).evaluate();
            if (models.size() != folds) {
                throw new IllegalStateException(models.size() + " folds, expected " + folds);
            }
            List<WeakReference<Model<Label>>> dropped = new ArrayList<>();
            models.forEach(m -> dropped.add(new WeakReference<>(m.getB())));
            models = null; // dropped, never closed
            awaitCollected(dropped);
            System.out.println("resident-mb " + round + " " + residentMb());
        }
    }

    /** Collects garbage until the dropped models are gone, then gives the cleaner time to close their sessions. */
    private static void awaitCollected(List<WeakReference<Model<Label>>> dropped) throws InterruptedException {
        for (int i = 0; i < 100 && dropped.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(50);
        }
        if (dropped.stream().anyMatch(r -> r.get() != null)) {
            throw new IllegalStateException("the dropped fold models were not collected");
        }
        Thread.sleep(500);
    }

    private static double residentMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
