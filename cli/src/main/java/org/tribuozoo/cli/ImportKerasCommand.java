package org.tribuozoo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tribuozoo.keras.ImportedNetwork;
import org.tribuozoo.keras.KerasImport;
import org.tribuozoo.keras.KerasImporter;
import org.tribuozoo.tribuo.ZooModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zoo import-keras FILE --out MODEL_FILE [--pixel-scale S] [--labels A,B,...]}: reads a Keras
 * model file, prints the imported network's summary and writes a model file that {@code evaluate},
 * {@code predict}, {@code export-onnx} and {@code visualize} take.
 */
@Command(name = "import-keras", mixinStandardHelpOptions = true, description = {"Import a Keras model file (Keras 2 / "
        + "tf.keras .h5, Keras 3 .keras) as a model file.", "The model takes raw pixels times the pixel scale in RGB "
        + "order, channels last, and scores exactly what the last Keras layer outputs (probabilities after a softmax, "
        + "logits after a linear layer). What is supported: docs/keras.md."})
final class ImportKerasCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The Keras model file (.h5 or .keras).")
    Path kerasFile;

    @Option(names = "--out", required = true, paramLabel = "MODEL_FILE", description = "The model file to write.")
    Path out;

    @Option(names = "--overwrite", description = "Replace MODEL_FILE if it exists (never the Keras file).")
    boolean overwrite;

    @Option(names = "--pixel-scale", paramLabel = "S", description = "The network's input is each raw pixel (0..255) "
            + "times S (default 1/255, as the zoo's recipes train; 1 for a model trained on raw 0..255 values).")
    Double pixelScale;

    @Option(names = "--labels", split = ",", paramLabel = "A,B,...",
            description = "The label of each output unit, in order (default 0 to N-1).")
    List<String> labels = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFile modelFile = OutputFile.of(out, "--out", overwrite, kerasFile);
        double scale = pixelScale == null ? KerasImporter.DEFAULT_PIXEL_SCALE : pixelScale;
        KerasImporter importer = new KerasImporter(kerasFile, scale, labels);
        ImportedNetwork network = KerasImport.read(kerasFile);
        PrintWriter o = spec.commandLine().getOut();
        try (ZooModel model = importer.toModel(network)) {
            modelFile.write(model::serializeToFile);
            o.print(network.architecture().summary());
            o.printf(Locale.ROOT, "imported %s (Keras %s, %s, sha256 %s)%n", network.source().name(),
                    network.source().kerasVersion(), network.source().format(), network.source().sha256());
            o.printf(Locale.ROOT, "input: %s raw pixels x %s; labels: %s; scores: the last layer's outputs as they "
                    + "are%n", model.imageLayout(), scale == KerasImporter.DEFAULT_PIXEL_SCALE ? "1/255" : scale,
                    String.join(",", model.labels()));
            o.println("model file: " + out);
        }
        return 0;
    }
}
