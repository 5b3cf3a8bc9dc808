package org.tribuozoo.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.keras.ImportedNetwork;
import org.tribuozoo.keras.KerasFile;
import org.tribuozoo.keras.KerasImport;
import org.tribuozoo.keras.KerasImporter;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.zoo.KerasApplications;
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
 * {@code predict}, {@code export-onnx}, {@code visualize} and {@code train --from} take. With
 * {@code --into NETWORK}, the file's weights (a weights-only file such as Keras Applications') are
 * loaded by layer name into a zoo network or an architecture JSON file instead.
 */
@Command(name = "import-keras", mixinStandardHelpOptions = true, description = {"Import a Keras model file (Keras 2 / "
        + "tf.keras .h5, Keras 3 .keras) as a model file.", "The model takes raw pixels times the pixel scale in RGB "
        + "order, channels last, and scores exactly what the last Keras layer outputs (probabilities after a softmax, "
        + "logits after a linear layer). What is supported: docs/keras.md.",
        "--into NETWORK loads a weights-only file (zoo data fetch keras-weights) into a zoo network by layer name "
                + "(--top/--notop for Keras Applications' _notop files, --input, --classes)."})
final class ImportKerasCommand implements Callable<Integer> {

    /** Keras Applications' networks that can be built without their top, as Keras's include_top=False. */
    private static final Map<String, Backbone> WITHOUT_TOP = Map.of(
            "resnet50", KerasApplications::resnet50, "densenet121", KerasApplications::densenet121,
            "mobilenet", KerasApplications::mobilenet, "vgg16", KerasApplications::vgg16);

    /** Builds one of Keras Applications' networks. */
    @FunctionalInterface
    private interface Backbone {
        Architecture build(String name, Shape input, int classes, KerasApplications.Top top);
    }

    @Parameters(paramLabel = "FILE", description = "The Keras model file (.h5 or .keras), or with --into a weights "
            + "file.")
    Path kerasFile;

    @Option(names = "--into", paramLabel = "NETWORK", description = "Load the file's weights by layer name into this "
            + "zoo network (zoo list), or into the network of an architecture JSON file (zoo summary NAME --json).")
    String into;

    @Option(names = "--top", paramLabel = "TOP", description = "With --into resnet50, densenet121, mobilenet or "
            + "vgg16: classifier (Keras's include_top, the default), or without the classifier (a _notop file) ending "
            + "in avg or max global pooling, or none (the last feature maps).")
    String top;

    @Option(names = "--notop", description = "Short for --top avg (Keras's include_top=False, pooling='avg').")
    boolean notop;

    @Option(names = "--classes", paramLabel = "N", description = "With --into a zoo network and its classifier: the "
            + "number of classes (default: the network's).")
    Integer classes;

    @Option(names = "--input", paramLabel = "HxWxC", description = "With --into a zoo network: build it for images "
            + "of this size (default: its reference input), where it can take them.")
    String input;

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
        if (into == null && (notop || top != null || input != null || classes != null)) {
            throw new UserException((notop ? "--notop" : top != null ? "--top" : input != null ? "--input"
                    : "--classes") + " needs --into NETWORK");
        }
        if (notop && top != null) {
            throw new UserException("give --top or --notop, not both");
        }
        double scale = pixelScale == null ? KerasImporter.DEFAULT_PIXEL_SCALE : pixelScale;
        KerasImporter importer = new KerasImporter(kerasFile, scale, labels);
        ImportedNetwork network = into == null ? KerasImport.read(kerasFile)
                : KerasImport.intoArchitecture(kerasFile, intoArchitecture());
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

    /**
     * The network named by {@code --into}: a zoo network (for Keras Applications' networks, with the top
     * asked for) or a JSON file's.
     */
    private Architecture intoArchitecture() throws java.io.IOException {
        String topOption = notop ? "--notop" : "--top";
        if (into.endsWith(".json")) {
            if (notop || top != null || input != null || classes != null) {
                throw new UserException((notop || top != null ? topOption : input != null ? "--input" : "--classes")
                        + " is for a zoo network, not an architecture JSON file");
            }
            Path json = Path.of(into);
            if (!Files.isRegularFile(json)) {
                throw new UserException("architecture JSON file " + json + " does not exist");
            }
            return Architecture.fromJson(Files.readString(json));
        }
        ZooEntry entry = ModelZoo.get(into);
        Shape shape = input == null ? entry.input() : parseShape(input);
        int classCount = classes == null ? entry.classes() : classes;
        String topName = notop ? "avg" : top == null ? "classifier" : top;
        KerasApplications.Top kerasTop = switch (topName) {
            case "classifier" -> KerasApplications.Top.classifier();
            case "avg" -> KerasApplications.Top.features(KerasApplications.Pooling.AVG);
            case "max" -> KerasApplications.Top.features(KerasApplications.Pooling.MAX);
            case "none" -> KerasApplications.Top.features(KerasApplications.Pooling.NONE);
            default -> throw new UserException("--top " + top + " is not one of classifier, avg, max, none");
        };
        if (kerasTop.includeTop()) {
            return entry.architecture(shape, classCount);
        }
        Backbone backbone = WITHOUT_TOP.get(into);
        if (backbone == null) {
            throw new UserException(topOption + " is for " + String.join(", ",
                    new java.util.TreeSet<>(WITHOUT_TOP.keySet())) + ", not " + into);
        }
        if (classes != null) {
            throw new UserException("--classes goes with the classifier top, not --top " + topName);
        }
        return backbone.build(into, shape, entry.classes(), kerasTop);
    }

    private static Shape parseShape(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 3) {
                return Shape.image(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserException("--input must be HEIGHTxWIDTHxCHANNELS, for example 96x96x3, got '" + text + "'");
    }
}
