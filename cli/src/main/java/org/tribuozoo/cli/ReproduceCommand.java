package org.tribuozoo.cli;

import org.tribuozoo.keras.KerasFileProvenance;
import org.tribuozoo.keras.KerasImporterProvenance;

import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.cli.data.DataSpec;
import org.tribuozoo.tribuo.Experiment;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ReplayPaths;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.tribuo.data.Splits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code zoo reproduce PROVENANCE_JSON [--out DIR]}: rebuilds the trainer and the training data
 * from a run's provenance alone, trains again, and compares the new model's test predictions with
 * those of the model file recorded next to the provenance, bit for bit. Exit code 0 when they are
 * identical, 1 when they differ. Before retraining, {@link Experiment#run()} logs one warning line
 * (shown on the error stream) naming each setting of the numeric environment (oneDNN, TensorFlow
 * version, threads, CPU instructions) that differs from the recorded run's.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, description = {"Re-run a training run from its provenance.json and say whether the new "
        + "model's test predictions are bit for bit identical to those of the recorded model (model.tribuo in the "
        + "same folder).", "Exit code 0 when identical, 1 when they differ. Bit-identical results need the same "
        + "numeric environment as the recorded run (oneDNN on or off, TensorFlow version, thread counts, CPU "
        + "instruction set); a warning names any of them that differs before retraining."})
final class ReproduceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROVENANCE_JSON", description = "A run folder's provenance.json.")
    Path provenanceFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the new run's folder here.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelProvenance provenance = ProvenanceJson.read(provenanceFile);
        if (provenance.getTrainerProvenance() instanceof KerasImporterProvenance
                && provenance.getDatasetProvenance().getSourceProvenance() instanceof KerasFileProvenance keras) {
            throw new UserException("the model of " + provenanceFile + " was imported from the Keras file "
                    + keras.fileName() + " (sha256 " + keras.sha256() + "), not trained from data: there is no "
                    + "training to reproduce; importing that file again gives the same model");
        }
        Experiment experiment = Experiment.fromProvenance(provenance)
                .withListener(ConsoleProgress.whenOnTerminal());
        Path recordedFile = provenanceFile.toAbsolutePath().resolveSibling(RunFiles.MODEL);
        if (!Files.isRegularFile(recordedFile)) {
            throw new UserException("no recorded model next to " + provenanceFile + " (expected " + recordedFile + ")");
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ZooModel recorded = ZooModel.load(recordedFile)) {
            ImageLayout layout = recorded.imageLayout();
            TestData test = testData(provenance, layout, experiment);
            DataSets.requireKnownLabels(test.data(), recorded.labels(), test.description());
            RunFolder run = out == null ? null : RunFolder.create(out);
            try {
                err.printf("retraining %s from %s (%s)%n", recorded.architecture().name(), provenanceFile,
                        experiment.trainer());
                org.tribuozoo.tribuo.ClusterProvenance.of(provenance).ifPresent(c -> err.printf(Locale.ROOT,
                        "warning: the recorded run trained on a cluster of %d workers, %d examples each per step "
                                + "(%d in all); this retraining runs in one process with batches of %d, so the "
                                + "numbers differ%n", c.workers(), c.perWorkerBatch(), c.globalBatch(),
                        c.perWorkerBatch()));
                try (ZooModel again = experiment.run()) {
                    Comparison c = compare(recorded, again, test.data());
                    if (run != null) {
                        RunFiles.writeAll(run, again, EvaluationReport.of(again, test.data()),
                                ResumeRecord.ofThisProcess(spec.root().commandLine().getParseResult().originalArgs()));
                        run.commit();
                        o.println("run folder: " + run.target());
                    }
                    o.printf(Locale.ROOT, "compared on %s: %,d test examples%n", test.description(), c.count());
                    if (c.differing() == 0) {
                        o.println("identical: all " + String.format(Locale.ROOT, "%,d", c.count())
                                + " test predictions are bit for bit the same as the recorded model's");
                        return 0;
                    }
                    o.printf(Locale.ROOT, "different: %,d of %,d test predictions differ (%,d predicted labels differ, "
                            + "largest score difference %.3g)%n", c.differing(), c.count(), c.labelsDiffering(),
                            c.maxDifference());
                    return 1;
                }
            } finally {
                if (run != null) {
                    run.close();
                }
            }
        }
    }

    /**
     * The test data of the recorded run.
     *
     * @param data        the examples
     * @param description how they were chosen
     */
    private record TestData(MutableDataset<Label> data, String description) {
    }

    /**
     * Rebuilds the test set the recorded run was evaluated on, from the run provenance written by
     * {@code zoo train}. A model trained elsewhere (no such record) is compared on its training data.
     */
    private static TestData testData(ModelProvenance provenance, ImageLayout layout, Experiment experiment) {
        Map<String, ? extends Provenance> run = provenance.getInstanceProvenance().getMap();
        Optional<String> trainText = value(run, TrainCommand.TRAIN_DATA_KEY).map(Object::toString);
        if (trainText.isEmpty()) {
            return new TestData(new MutableDataset<>(experiment.trainingData()), "the training data (the provenance "
                    + "records no test data)");
        }
        DataSpec trainSpec = replayable(DataSpec.parse(trainText.get()));
        String testText = value(run, TrainCommand.TEST_DATA_KEY).map(Object::toString).orElse("");
        double split = value(run, TrainCommand.TEST_SPLIT_KEY).map(v -> ((Number) v).doubleValue()).orElse(0.0);
        if (split > 0) {
            ConfigurableDataSource<Label> all = trainSpec.open(DataSpec.Role.TRAIN, layout);
            return new TestData(DataSets.load(Splits.lastFraction(all, split).test(), trainSpec),
                    "the last " + split + " of " + trainSpec);
        }
        DataSpec testSpec = testText.isEmpty() ? trainSpec : replayable(DataSpec.parse(testText));
        return new TestData(DataSets.load(testSpec.open(DataSpec.Role.TEST, layout), testSpec),
                testText.isEmpty() ? "the test part of " + trainSpec : testSpec.toString());
    }

    /** A data spec from the provenance, once none of its paths is a system folder ({@link ReplayPaths}). */
    private static DataSpec replayable(DataSpec spec) {
        spec.paths().forEach(p -> ReplayPaths.check(p, "the recorded data spec '" + spec + "'"));
        return spec;
    }

    private static Optional<Object> value(Map<String, ? extends Provenance> map, String key) {
        Provenance p = map.get(key);
        return p instanceof PrimitiveProvenance<?> pp ? Optional.of(pp.getValue()) : Optional.empty();
    }

    /**
     * How two models' predictions compare.
     *
     * @param count            test examples
     * @param differing        examples where any label's score differs in any bit
     * @param labelsDiffering  examples whose predicted label differs
     * @param maxDifference    the largest absolute difference of a score
     */
    record Comparison(int count, int differing, int labelsDiffering, double maxDifference) {
    }

    /** Compares every label's score for every example, bit for bit. */
    static Comparison compare(ZooModel a, ZooModel b, MutableDataset<Label> test) {
        List<Prediction<Label>> pa = a.predict(test);
        List<Prediction<Label>> pb = b.predict(test);
        int differing = 0;
        int labels = 0;
        double max = 0;
        for (int i = 0; i < pa.size(); i++) {
            Map<String, Label> sa = pa.get(i).getOutputScores();
            Map<String, Label> sb = pb.get(i).getOutputScores();
            boolean same = sa.keySet().equals(sb.keySet());
            for (Map.Entry<String, Label> e : sa.entrySet()) {
                Label other = sb.get(e.getKey());
                double x = e.getValue().getScore();
                double y = other == null ? Double.NaN : other.getScore();
                if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(y)) {
                    same = false;
                    max = Math.max(max, Math.abs(x - y));
                }
            }
            if (!same) {
                differing++;
            }
            if (!pa.get(i).getOutput().getLabel().equals(pb.get(i).getOutput().getLabel())) {
                labels++;
            }
        }
        return new Comparison(pa.size(), differing, labels, max);
    }
}
