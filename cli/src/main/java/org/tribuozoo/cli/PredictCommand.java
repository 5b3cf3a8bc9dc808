package org.tribuozoo.cli;

import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.ImageExamples;
import org.tribuozoo.tribuo.data.ImageFiles;
import org.tribuozoo.tribuo.data.ImageLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code zoo predict MODEL_FILE IMAGE...}: the top labels with their scores for each image. Images
 * are read with javax.imageio (PNG, JPEG, GIF, BMP), made grey or colour as the model takes them,
 * resized to its input, with pixel values 0..255 like the training data.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict image files with a trained model: the top labels and scores of "
        + "each image (PNG, JPEG, GIF or BMP; converted to the model's input size and colour).")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL_FILE", description = "A model file written by zoo train.")
    Path modelFile;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
    List<Path> images;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Labels shown per image (default: 5).")
    int top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new UserException("--top must be at least 1, got " + top);
        }
        try (ZooModel model = ZooModel.load(modelFile)) {
            ImageLayout layout = model.imageLayout();
            if (layout.channels() != 1 && layout.channels() != 3) {
                throw new UserException("the model takes " + layout + " inputs, not grey or colour images");
            }
            // Every image is read before any prediction, so a bad file fails the command up front.
            List<int[]> pixels = new ArrayList<>();
            for (Path image : images) {
                pixels.add(read(image, layout));
            }
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < images.size(); i++) {
                Prediction<Label> p = model.predict(ImageExamples.toExample(LabelFactory.UNKNOWN_LABEL, pixels.get(i),
                        layout));
                out.println(images.get(i));
                p.getOutputScores().values().stream()
                        .sorted(Comparator.comparingDouble(Label::getScore).reversed()
                                .thenComparing(Label::getLabel))
                        .limit(top)
                        .forEach(l -> out.printf(Locale.ROOT, "  %-12s %.4f%n", l.getLabel(), l.getScore()));
            }
        }
        return 0;
    }

    private static int[] read(Path image, ImageLayout layout) {
        if (!Files.isRegularFile(image)) {
            throw new UserException("image file " + image + " does not exist");
        }
        try {
            return ImageFiles.read(image, layout);
        } catch (IOException e) {
            throw new UserException("cannot read image " + image + ": " + e.getMessage(), e);
        }
    }
}
