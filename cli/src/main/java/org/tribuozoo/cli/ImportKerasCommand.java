package org.tribuozoo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.keras.ImportedNetwork;
import org.tribuozoo.keras.KerasImport;
import org.tribuozoo.keras.KerasImporter;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.zoo.KerasApplications;
import org.tribuozoo.zoo.KerasApplications.Pooling;
import org.tribuozoo.zoo.KerasApplications.Top;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zoo import-keras FILE --out MODEL_FILE [--pixel-scale S] [--labels A,B,...]}: reads a Keras
 * model file, prints the imported network's summary and writes a model file that {@code evaluate},
 * {@code predict}, {@code export-onnx} and {@code visualize} take. With {@code --architecture NAME}
 * the file holds weights only (Keras Applications' published weights, {@code _notop} ones too), loaded
 * by layer name into the zoo's Keras Applications network of that name.
 */
@Command(name = "import-keras", mixinStandardHelpOptions = true, description = {"Import a Keras model file (Keras 2 / "
        + "tf.keras .h5, Keras 3 .keras) as a model file, or, with --architecture, a weights-only file (Keras "
        + "Applications' weights) into a zoo network.", "The model takes raw pixels times the pixel scale in RGB "
        + "order, channels last, and scores exactly what the last Keras layer outputs (probabilities after a softmax, "
        + "logits after a linear layer). What is supported: docs/keras.md."})
final class ImportKerasCommand implements Callable<Integer> {

    /** The zoo's Keras Applications networks a weights file can load into, by zoo name. */
    private static final Map<String, KerasApplication> APPLICATIONS = Map.of(
            "resnet50", KerasApplications::resnet50,
            "densenet121", KerasApplications::densenet121,
            "mobilenet", KerasApplications::mobilenet,
            "vgg16", KerasApplications::vgg16);

    /** A Keras Applications network builder. */
    @FunctionalInterface
    private interface KerasApplication {
        Architecture build(String name, Shape input, int classes, Top top);
    }

    @Parameters(paramLabel = "FILE", description = "The Keras model file (.h5 or .keras), or with --architecture a "
            + "weights file (.h5, .weights.h5).")
    Path kerasFile;

    @Option(names = "--architecture", paramLabel = "NAME", description = "Load the weights-only FILE by layer name "
            + "into this zoo network: resnet50, densenet121, mobilenet or vgg16 (Keras Applications' layer names).")
    String architecture;

    @Option(names = "--top", paramLabel = "TOP", description = "With --architecture: classifier (Keras's "
            + "include_top, the default), or without the classifier (a _notop file) ending in avg or max global "
            + "pooling, or none (the last feature maps).")
    String top = "classifier";

    @Option(names = "--input", paramLabel = "HxWxC", description = "With --architecture: the input size (default: "
            + "the zoo network's, 224x224x3).")
    String input;

    @Option(names = "--classes", paramLabel = "N", description = "With --architecture and the classifier top: the "
            + "number of classes (default: the zoo network's, 1000).")
    Integer classes;

    @Option(names = "--out", required = true, paramLabel = "MODEL_FILE", description = "The model file to write.")
    Path out;

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
        if (architecture == null && (input != null || classes != null || !top.equals("classifier"))) {
            throw new UserException("--top, --input and --classes go with --architecture (a weights-only file)");
        }
        double scale = pixelScale == null ? KerasImporter.DEFAULT_PIXEL_SCALE : pixelScale;
        KerasImporter importer = new KerasImporter(kerasFile, scale, labels);
        ImportedNetwork network = architecture == null ? KerasImport.read(kerasFile)
                : KerasImport.intoArchitecture(kerasFile, zooArchitecture());
        PrintWriter o = spec.commandLine().getOut();
        try (ZooModel model = importer.toModel(network)) {
            model.serializeToFile(out);
            o.print(network.architecture().summary());
            o.printf(Locale.ROOT, "imported %s (Keras %s, %s, sha256 %s)%n", network.source().name(),
                    network.source().kerasVersion(), network.source().format(), network.source().sha256());
            o.printf(Locale.ROOT, "input: %s raw pixels x %s; labels: %s; scores: the last layer's outputs as they "
                    + "are%n", model.imageLayout(), scale == KerasImporter.DEFAULT_PIXEL_SCALE ? "1/255" : scale,
                    String.join(",", model.labels()));
            network.notes().forEach(n -> o.println("note: " + n));
            o.println("model file: " + out);
        }
        return 0;
    }

    /** The zoo network {@code --architecture} names, with the top, input and classes asked for. */
    private Architecture zooArchitecture() {
        KerasApplication application = APPLICATIONS.get(architecture);
        if (application == null) {
            throw new UserException("--architecture " + architecture + " is not a Keras Applications network of the "
                    + "zoo (" + String.join(", ", new TreeSet<>(APPLICATIONS.keySet())) + ")");
        }
        Top kerasTop = switch (top) {
            case "classifier" -> Top.classifier();
            case "avg" -> Top.features(Pooling.AVG);
            case "max" -> Top.features(Pooling.MAX);
            case "none" -> Top.features(Pooling.NONE);
            default -> throw new UserException("--top " + top + " is not one of classifier, avg, max, none");
        };
        ZooEntry entry = ModelZoo.get(architecture);
        Shape shape = input == null ? entry.input() : ImageLayout.parse(input).shape();
        return application.build(architecture, shape, classes == null ? entry.classes() : classes, kerasTop);
    }
}
