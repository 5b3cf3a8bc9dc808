package org.tribuozoo.examples;

import org.tribuo.MutableDataset;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.datasource.IDXDataSource;
import org.tribuozoo.graph.TrainingListener;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.Splits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Tribuo program of docs/tribuo.md, which needs nothing but tribuo-zoo-tribuo-plugin: MNIST
 * through Tribuo's own IDXDataSource, {@code lenet5} trained by zoo name, Tribuo's evaluation report
 * and confusion matrix, the model file, the provenance JSON and the ONNX export. MNIST here is the
 * 10,000-image t10k file: the first 8,000 images train, the last 2,000 test.
 *
 * <p>Arguments: {@code MNIST_DIR [EPOCHS [OUT_DIR]]}, the folder of {@code t10k-images-idx3-ubyte.gz}
 * and {@code t10k-labels-idx1-ubyte.gz}, then 5 epochs and the folder {@code quickstart} unless given.
 */
public final class Quickstart {

    private Quickstart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Quickstart MNIST_DIR [EPOCHS [OUT_DIR]]");
            System.exit(2);
        }
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path out = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "quickstart"));
        quickstart(Path.of(args[0]), epochs, out, TrainingListener.NONE);
        System.out.println("wrote model.tribuo, provenance.json and model.onnx to " + out);
    }

    /**
     * Trains lenet5 on MNIST through Tribuo and writes the model, its provenance and its ONNX export;
     * {@code progress} watches the training (a progress display, or {@link TrainingListener#NONE}).
     */
    public static LabelEvaluation quickstart(Path mnist, int epochs, Path out, TrainingListener progress)
            throws IOException {
        var source = new IDXDataSource<>(mnist.resolve("t10k-images-idx3-ubyte.gz").toAbsolutePath(),
                mnist.resolve("t10k-labels-idx1-ubyte.gz").toAbsolutePath(), new LabelFactory());
        var split = Splits.lastFraction(source, 0.2);          // first 8,000 train, last 2,000 test
        var train = new MutableDataset<>(split.train());
        var test = new MutableDataset<>(split.test());

        ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(epochs).seed(1).listener(progress).build();
        ZooModel model = trainer.train(train);

        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, test);
        System.out.println(evaluation);                         // accuracy, per-label precision/recall/F1
        System.out.println(evaluation.getConfusionMatrix());

        model.serializeToFile(out.resolve("model.tribuo"));    // Tribuo protobuf model file, weights inside
        ProvenanceJson.write(model.getProvenance(), out.resolve("provenance.json"));
        model.saveONNXModel("org.tribuozoo", 1, out.resolve("model.onnx"));
        model.close();                                          // frees the TensorFlow session now
        return evaluation;
    }
}
