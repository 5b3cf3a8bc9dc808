package org.tribuozoo.examples;

import org.tribuo.MutableDataset;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.datasource.IDXDataSource;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.graph.TrainingListener;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.Splits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The Tribuo program of the plugin's "done when" (also in docs/tribuo.md): MNIST through Tribuo's
 * own IDXDataSource, {@code lenet5} trained by zoo name, Tribuo's evaluation report and confusion
 * matrix, the model file, the provenance JSON and the ONNX export. MNIST here is the 10,000-image
 * t10k file: the first 8,000 images train, the last 2,000 test. By default 5 epochs;
 * {@code --full} runs lenet5's reference recipe (30 epochs, batch 128, Adam 0.001). The files
 * have the names of a {@code zoo train} run folder, so {@code ./zoo reproduce} and
 * {@code ./zoo evaluate} take them too.
 */
@Command(name = "TribuoQuickstart", description = "lenet5 on MNIST through Tribuo: evaluation report, confusion "
        + "matrix, model file, provenance JSON and ONNX export. 5 epochs by default.")
public final class TribuoQuickstart implements Common.Program {

    @Option(names = "--full", description = "lenet5's reference recipe: 30 epochs.")
    boolean full;

    @Option(names = "--data", paramLabel = "MNIST_DIR", description = "The folder of MNIST's t10k files "
            + "(default: ../shared/data/mnist).")
    Path data;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new TribuoQuickstart(), args);
    }

    @Override
    public void run() throws IOException {
        Path mnist = Common.dataFolder(data, "MNIST", "mnist", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz");
        Path folder = out.folder("quickstart");
        quickstart(mnist, epochs.or(full ? 30 : 5), folder, ConsoleProgress.whenOnTerminal());
        System.out.println("wrote model.tribuo, provenance.json and model.onnx to " + folder);
    }

    /**
     * Trains lenet5 on MNIST through Tribuo and writes the model, its provenance and its ONNX export;
     * {@code progress} watches the training (a terminal progress bar, or {@link TrainingListener#NONE}).
     */
    static LabelEvaluation quickstart(Path mnist, int epochs, Path out, TrainingListener progress) throws IOException {
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
        return evaluation;
    }
}
