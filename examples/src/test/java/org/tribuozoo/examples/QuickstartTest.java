package org.tribuozoo.examples;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.datasource.IDXDataSource;
import org.tribuozoo.tribuo.Experiment;
import org.tribuozoo.graph.TrainingListener;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.Splits;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quickstart's core, unchanged, on the first 500 MNIST images (400 train, 100 test) for one
 * epoch: it evaluates, writes a model file that loads with identical scores, an ONNX file, and a
 * provenance JSON from which {@link Experiment} retrains a model with bit-identical predictions.
 */
class QuickstartTest {

    static Path mnist() {
        Path dir = Common.sharedData().resolve("mnist");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("t10k-images-idx3-ubyte.gz")),
                "skipped: ../shared/data/mnist is absent");
        return dir;
    }

    @Test
    void quickstartTrainsEvaluatesSavesAndReproduces(@TempDir Path tmp) throws Exception {
        Path small = Files.createDirectories(tmp.resolve("mnist-500"));
        copyFirst(mnist().resolve("t10k-images-idx3-ubyte.gz"), small.resolve("t10k-images-idx3-ubyte.gz"), 500, 784);
        copyFirst(mnist().resolve("t10k-labels-idx1-ubyte.gz"), small.resolve("t10k-labels-idx1-ubyte.gz"), 500, 1);
        Path out = Files.createDirectories(tmp.resolve("out"));

        LabelEvaluation evaluation = Quickstart.quickstart(small, 1, out, TrainingListener.NONE);

        assertEquals(100, evaluation.getPredictions().size(), "the last 20% of 500 images");
        for (String f : List.of("model.tribuo", "provenance.json", "model.onnx")) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f + " written");
        }
        ZooModel loaded = ZooModel.load(out.resolve("model.tribuo"));
        MutableDataset<Label> test = new MutableDataset<>(Splits.lastFraction(new IDXDataSource<>(
                small.resolve("t10k-images-idx3-ubyte.gz").toAbsolutePath(),
                small.resolve("t10k-labels-idx1-ubyte.gz").toAbsolutePath(), new LabelFactory()), 0.2).test());
        List<Prediction<Label>> fromFile = loaded.predict(test);
        for (int i = 0; i < fromFile.size(); i++) {
            Prediction<Label> original = evaluation.getPredictions().get(i);
            for (String label : loaded.labels()) {
                assertEquals(original.getOutputScores().get(label).getScore(),
                        fromFile.get(i).getOutputScores().get(label).getScore(), 0.0, "image " + i + " " + label);
            }
        }

        ZooModel again = Experiment.fromFile(out.resolve("provenance.json")).run();
        List<Prediction<Label>> rerun = again.predict(test);
        for (int i = 0; i < rerun.size(); i++) {
            for (String label : loaded.labels()) {
                assertEquals(fromFile.get(i).getOutputScores().get(label).getScore(),
                        rerun.get(i).getOutputScores().get(label).getScore(), 0.0, "rerun image " + i + " " + label);
            }
        }
        loaded.close();
        again.close();
    }

    /** Writes the first {@code count} items of a gzip IDX file as a new gzip IDX file. */
    static void copyFirst(Path from, Path to, int count, int itemBytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(from)));
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(to)))) {
            int magic = in.readInt();
            out.writeInt(magic);
            in.readInt();
            out.writeInt(count);
            for (int d = 1; d < (magic & 0xFF); d++) {
                out.writeInt(in.readInt());
            }
            out.write(in.readNBytes(count * itemBytes));
        }
    }
}
