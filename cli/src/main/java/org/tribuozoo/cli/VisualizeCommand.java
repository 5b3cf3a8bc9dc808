package org.tribuozoo.cli;

import org.tribuozoo.cli.pictures.ImageGrid;
import org.tribuozoo.cli.pictures.Pictures;
import org.tribuozoo.cli.pictures.Tiles;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.ZooModel;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code zoo visualize MODEL_FILE --layer NAME [--image IMAGE] --out DIR}: pictures of a
 * convolution layer's learned filters ({@code NAME-filters.png}) and, given an image, the feature
 * maps the layer produces for it ({@code NAME-feature-maps.png}).
 */
@Command(name = "visualize", mixinStandardHelpOptions = true, description = "Draw a convolution layer's filters and, given an image, the feature maps "
        + "it produces, as PNG files.")
final class VisualizeCommand implements Callable<Integer> {

    /** At most this many filters, and input channels per filter, are drawn. */
    static final int MAX_FILTERS = 64;
    static final int MAX_CHANNELS = 8;
    /** At most this many feature maps are drawn. */
    static final int MAX_MAPS = 64;

    @Parameters(paramLabel = "MODEL_FILE", description = "A model file written by zoo train.")
    Path modelFile;

    @Option(names = "--layer", required = true, paramLabel = "NAME",
            description = "A convolution layer (zoo summary NAME lists the layers).")
    String layerName;

    @Option(names = "--image", paramLabel = "IMAGE", description = "An image whose feature maps to draw.")
    Path image;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder for the PNG files.")
    Path out;

    @Option(names = "--overwrite", description = "Replace PNG files of the same names in DIR.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (ZooModel model = ZooModel.load(modelFile)) {
            Architecture a = model.architecture();
            Conv2D conv = convolution(a);
            float[] input = image == null ? null : readImage(model);
            Files.createDirectories(out);
            PrintWriter o = spec.commandLine().getOut();
            OutputFile filters = OutputFile.of(out.resolve(conv.name() + "-filters.png"), "--out", overwrite,
                    modelFile, image);
            OutputFile maps = input == null ? null : OutputFile.of(out.resolve(conv.name() + "-feature-maps.png"),
                    "--out", overwrite, modelFile, image);
            filters.write(file -> Pictures.writePng(filters(a, conv, model.weights()), file));
            o.println("filters: " + filters.path());
            if (maps != null) {
                maps.write(file -> Pictures.writePng(featureMaps(model, conv, input), file));
                o.println("feature maps: " + maps.path());
            }
        }
        return 0;
    }

    private Conv2D convolution(Architecture a) {
        List<String> convs = a.layers().stream().filter(l -> l instanceof Conv2D).map(Layer::name).toList();
        Layer layer = a.findLayer(layerName).orElseThrow(() -> new UserException("the model has no layer '"
                + layerName + "'; its convolution layers: " + String.join(", ", convs)));
        if (!(layer instanceof Conv2D conv)) {
            throw new UserException("layer '" + layerName + "' is a " + layer.typeName()
                    + ", not a convolution; the model's convolution layers: " + String.join(", ", convs));
        }
        return conv;
    }

    /** The image as the model sees it: its layout, scaled as in training. */
    private float[] readImage(ZooModel model) {
        ImageLayout layout = model.imageLayout();
        if (layout.channels() != 1 && layout.channels() != 3) {
            throw new UserException("the model takes " + layout + " inputs, not grey or colour images");
        }
        if (!Files.isRegularFile(image)) {
            throw new UserException("image file " + image + " does not exist");
        }
        int[] raw;
        try {
            raw = ImageFiles.read(image, layout);
        } catch (IOException e) {
            throw new UserException("cannot read image " + image + ": " + e.getMessage(), e);
        }
        float[] scaled = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            scaled[i] = (float) (raw[i] * model.pixelScale() + model.pixelOffset());
        }
        return scaled;
    }

    /**
     * The filters: one colour tile per filter when the layer reads three channels (a first layer
     * on colour images), else one grey tile per filter and input channel. Each filter is stretched
     * between its own smallest (black) and largest (white) weight.
     */
    static java.awt.image.BufferedImage filters(Architecture a, Conv2D conv, Weights weights) {
        Weights.Tensor kernel = weights.tensor(conv.name() + "/kernel");
        Shape s = kernel.shape(); // (kh, kw, in, out), TensorFlow's HWIO
        int kh = s.dim(0);
        int kw = s.dim(1);
        int in = s.dim(2);
        int filters = s.dim(3);
        float[] k = kernel.values();
        int shownFilters = Math.min(filters, MAX_FILTERS);
        boolean colour = in == 3;
        int shownChannels = colour ? 1 : Math.min(in, MAX_CHANNELS);
        int scale = Tiles.scaleFor(kh, kw, 48);
        String title = String.format(Locale.ROOT, "%s: %d filters of %dx%dx%d%s", conv.name(), filters, kh, kw, in,
                shownFilters < filters || (!colour && shownChannels < in)
                        ? String.format(Locale.ROOT, " (first %d filters, first %d input channels shown)",
                        shownFilters, shownChannels) : "");
        int columns = colour || in == 1 ? Math.min(8, shownFilters) : shownChannels;
        ImageGrid grid = new ImageGrid(title, columns);
        for (int f = 0; f < shownFilters; f++) {
            // The filter's weights in (h, w, c) order, then its range across every channel.
            float[] hwc = new float[kh * kw * in];
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < kh * kw * in; i++) {
                hwc[i] = k[i * filters + f];
                min = Math.min(min, hwc[i]);
                max = Math.max(max, hwc[i]);
            }
            double high = max > min ? max : min + 1;
            if (colour) {
                grid.add(Tiles.image(hwc, 0, kh, kw, 3, min, high, scale), "filter " + f);
                continue;
            }
            for (int c = 0; c < shownChannels; c++) {
                float[] plane = new float[kh * kw];
                for (int p = 0; p < plane.length; p++) {
                    plane[p] = hwc[p * in + c];
                }
                grid.add(Tiles.image(plane, 0, kh, kw, 1, min, high, scale),
                        in == 1 ? "filter " + f : "f" + f + " c" + c);
            }
        }
        return grid.render("the layer has no filters");
    }

    /**
     * The layer's output for one image, one grey tile per channel (each stretched between its own
     * smallest and largest value), after the input image itself. The layer's output comes from the
     * network truncated after it (plus a flatten, so the output is one row per image) with the
     * trained weights of those layers.
     */
    static java.awt.image.BufferedImage featureMaps(ZooModel model, Conv2D conv, float[] input) {
        Architecture a = model.architecture();
        int k = a.layers().indexOf(conv);
        // The part of the network that computes the layer (a graph's side branches after it fall away).
        Architecture upTo = a.upTo(conv.name());
        List<Layer> kept = new ArrayList<>(upTo.layers());
        kept.add(new Flatten("visualize-flatten"));
        Architecture truncated = upTo.withLayers(kept);
        Shape mapShape = a.outputShapes().get(k);
        Shape in = a.inputShape();
        float[] maps;
        // The loss and optimizer are never used: only the forward pass runs.
        TrainingConfig config = TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd());
        try (CompiledNetwork net = CompiledNetwork.compile(truncated, config, model.weights().restrictTo(truncated))) {
            maps = net.predict(Images.of(input, 1, in.height(), in.width(), in.channels()));
        }
        int h = mapShape.height();
        int w = mapShape.width();
        int c = mapShape.channels();
        int shown = Math.min(c, MAX_MAPS);
        ImageGrid grid = new ImageGrid(String.format(Locale.ROOT, "%s: %d feature maps of %dx%d%s", conv.name(), c, h,
                w, shown < c ? " (first " + shown + " shown)" : ""), 8);
        int inScale = Tiles.scaleFor(in.height(), in.width(), 84);
        grid.add(Tiles.normalized(input, 0, in.height(), in.width(), in.channels(), inScale), "input");
        int scale = Tiles.scaleFor(h, w, 84);
        for (int ch = 0; ch < shown; ch++) {
            float[] plane = new float[h * w];
            for (int p = 0; p < plane.length; p++) {
                plane[p] = maps[p * c + ch];
            }
            grid.add(Tiles.normalized(plane, 0, h, w, 1, scale), "map " + ch);
        }
        return grid.render("the layer has no output channels");
    }
}
