package org.tribuozoo.examples;

import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.cli.ConsoleProgress;
import org.tribuozoo.cli.pictures.ImageGrid;
import org.tribuozoo.cli.pictures.Pictures;
import org.tribuozoo.cli.pictures.Tiles;
import org.tribuozoo.examples.Common.UserError;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.ImageTensors;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Redoes the visualisation exercise: trains {@code lenet5} briefly on MNIST, then for each
 * convolution layer (or the one named by {@code --layer}) writes
 * <ul>
 *   <li>{@code filters-LAYER.png}: its learned kernels, one row per filter and one column per
 *   input channel, mid-grey for 0, lighter for positive and darker for negative weights;</li>
 *   <li>{@code feature-maps-LAYER.png}: the maps one test image produces at that layer, one tile
 *   per channel, each stretched to its own range.</li>
 * </ul>
 * A feature map is the output of the network cut after that layer: the architecture truncated
 * with {@code upTo(layer)}, compiled with the trained weights restricted
 * to it ({@code Weights.restrictTo}). The image is also written as {@code input.png}.
 * The pictures are drawn with the zoo command's picture classes (Java2D). By default 2 epochs;
 * {@code --image I} picks the test image (0 is the first).
 */
@Command(name = "FiltersAndFeatureMaps", description = "lenet5 trained briefly on MNIST, then pictures of each "
        + "convolution layer's filters and of one test image's feature maps. 2 epochs by default.")
public final class FiltersAndFeatureMaps implements Common.Program {

    /** At most this many filters, input channels per filter, and feature maps are drawn. */
    static final int MAX_FILTERS = 32;
    static final int MAX_CHANNELS = 8;
    static final int MAX_MAPS = 64;

    @Option(names = "--layer", paramLabel = "NAME", description = "Only this convolution layer (default: each).")
    String only;

    @Option(names = "--image", paramLabel = "I", defaultValue = "0", description = "The test image whose feature "
            + "maps are drawn (default: ${DEFAULT-VALUE}, the first).")
    int imageIndex;

    @Mixin
    Common.MnistFolder mnist;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new FiltersAndFeatureMaps(), args);
    }

    @Override
    public void run() throws Exception {
        Common.TrainTest data = mnist.load();
        System.out.println(data.description());
        ZooModel model = ZooTrainer.builder("lenet5").epochs(epochs.or(2)).seed(1)
                .listener(ConsoleProgress.whenOnTerminal()).build().train(data.train());
        Common.printHistory(model.history());
        Architecture net = model.architecture();
        List<Layer> layers = net.layers();

        if (imageIndex < 0 || imageIndex >= data.test().size()) {
            throw new UserError("--image must be in 0.." + (data.test().size() - 1) + ", got " + imageIndex);
        }
        Example<Label> example = data.test().getExample(imageIndex);
        float[] image = new ImageTensors(model.imageLayout(), model.pixelScale(), model.pixelOffset()).image(example);
        Path folder = out.folder("filters-and-feature-maps");
        Pictures.writePng(Tiles.image(image, 0, 28, 28, 1, 0, 1, 6), folder.resolve("input.png"));
        System.out.printf(Locale.ROOT, "test image %d (label %s, predicted %s) -> input.png%n", imageIndex,
                example.getOutput().getLabel(), model.predict(example).getOutput().getLabel());

        if (only != null) {
            net.layer(only); // an unknown name is an error listing the layers
        }
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            if (!(layer instanceof Conv2D) || (only != null && !layer.name().equals(only))) {
                continue;
            }
            // Filters: the kernel is (kh, kw, in, out); one tile per (filter, input channel).
            Weights.Tensor kernel = model.weights().tensor(layer.name() + "/kernel");
            Shape ks = kernel.shape();
            int kh = ks.dim(0);
            int kw = ks.dim(1);
            int in = ks.dim(2);
            int filters = ks.dim(3);
            float largest = 0;
            for (float v : kernel.values()) {
                largest = Math.max(largest, Math.abs(v));
            }
            int shownFilters = Math.min(filters, MAX_FILTERS);
            int shownChannels = Math.min(in, MAX_CHANNELS);
            ImageGrid filterGrid = new ImageGrid(String.format(Locale.ROOT, "%s: %d of %d filters%s (grey 0, white "
                    + "+%.2f, black -%.2f)", layer.name(), shownFilters, filters, in == 1 ? ""
                    : ", one row each, first " + shownChannels + " of " + in + " input channels", largest, largest),
                    in == 1 ? 8 : shownChannels);
            for (int f = 0; f < shownFilters; f++) {
                for (int c = 0; c < shownChannels; c++) {
                    float[] tile = new float[kh * kw];
                    for (int i = 0; i < kh * kw; i++) {
                        tile[i] = kernel.values()[(i * in + c) * filters + f]; // (kh, kw, in, out) order
                    }
                    filterGrid.add(Tiles.image(tile, 0, kh, kw, 1, -largest, largest, 8), c == 0 ? "#" + f : "");
                }
            }
            Pictures.writePng(filterGrid.render(""), folder.resolve("filters-" + layer.name() + ".png"));

            // Feature maps: the network cut after layer k, with the trained weights of the layers it keeps.
            Architecture cut = net.upTo(layers.get(k).name());
            Shape maps = cut.outputShape();
            float[] values;
            try (CompiledNetwork head = CompiledNetwork.compile(cut,
                    TrainingConfig.of(Loss.meanSquaredError(), Optimizer.adam()), model.weights().restrictTo(cut))) {
                values = head.predict(image, 1);
            }
            ImageGrid mapGrid = new ImageGrid(layer.name() + " feature maps of test image " + imageIndex + " ("
                    + maps.compact() + (maps.channels() > MAX_MAPS ? ", the first " + MAX_MAPS : "")
                    + "; each stretched to its own range)", 8);
            int scale = Tiles.scaleFor(maps.height(), maps.width(), 84);
            for (int c = 0; c < Math.min(maps.channels(), MAX_MAPS); c++) {
                float[] map = new float[maps.height() * maps.width()];
                for (int i = 0; i < map.length; i++) {
                    map[i] = values[i * maps.channels() + c]; // (h, w, c) order
                }
                mapGrid.add(Tiles.normalized(map, 0, maps.height(), maps.width(), 1, scale), "#" + c);
            }
            Pictures.writePng(mapGrid.render(""), folder.resolve("feature-maps-" + layer.name() + ".png"));
            System.out.printf(Locale.ROOT, "%s: %d filters of %dx%dx%d -> filters-%s.png; feature maps %s -> "
                    + "feature-maps-%s.png%n", layer.name(), filters, kh, kw, in, layer.name(), maps.compact(),
                    layer.name());
        }
        System.out.println("pictures are in " + folder);
        model.close();
    }
}
