package org.tribuozoo.keras;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.graph.InferenceOutputs;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.tribuo.data.PixelFeatureNames;

/**
 * Imports a Keras model file as a Tribuo {@link ZooModel}: the network of {@link KerasImport#read},
 * its input fed with each raw pixel times {@link #pixelScale} in RGB order, labels {@code "0"} to
 * {@code "N-1"} unless given, and scores that are exactly the last Keras layer's outputs
 * ({@link InferenceOutputs#AS_COMPUTED}: probabilities after a softmax, logits after a linear layer).
 *
 * <p>The settings are OLCUT {@code @Config} fields, so the model's provenance records them
 * ({@link KerasImporterProvenance}) together with the file's name, SHA-256 and Keras version
 * ({@link KerasFileProvenance}).
 *
 * <pre>{@code
 * ZooModel model = new KerasImporter(Path.of("mnist_cnn.keras"), 1.0 / 255, List.of()).importModel();
 * model.serializeToFile(Path.of("mnist_cnn.tribuo"));
 * }</pre>
 */
public final class KerasImporter implements Configurable, Provenancable<TrainerProvenance> {

    /** The default pixel scale: raw 0..255 pixels to [0, 1], as the zoo's recipes train. */
    public static final double DEFAULT_PIXEL_SCALE = 1.0 / 255;

    @Config(mandatory = true, description = "The Keras model file (.h5 or .keras).")
    private String kerasFile;

    @Config(description = "The network's input is each raw pixel times this (1/255 by default; 1 for a model "
            + "trained on raw 0..255 values).")
    private double pixelScale = DEFAULT_PIXEL_SCALE;

    @Config(description = "The label of each output unit, in order; empty for \"0\" to \"N-1\".")
    private List<String> labels = new ArrayList<>();

    /** For OLCUT. */
    @SuppressWarnings("unused")
    private KerasImporter() {
    }

    /**
     * @param kerasFile  the Keras model file
     * @param pixelScale the factor from raw pixels to the network's input
     * @param labels     the label of each output unit, or empty for {@code "0"} to {@code "N-1"}
     */
    public KerasImporter(Path kerasFile, double pixelScale, List<String> labels) {
        this.kerasFile = kerasFile.toString();
        this.pixelScale = pixelScale;
        this.labels = new ArrayList<>(labels);
        postConfig();
    }

    @Override
    public void postConfig() {
        if (!(pixelScale > 0) || !Double.isFinite(pixelScale)) {
            throw new IllegalArgumentException("the pixel scale must be positive and finite, got " + pixelScale);
        }
        if (new HashSet<>(labels).size() != labels.size() || labels.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("labels must be distinct and not empty, got " + labels);
        }
    }

    /**
     * Reads the file and makes the model.
     *
     * @throws KerasImportException      if the file cannot be imported
     * @throws IllegalArgumentException if the labels do not fit the network's outputs, or the network's
     *                                   input is not an image
     */
    public ZooModel importModel() {
        return toModel(KerasImport.read(Path.of(kerasFile)));
    }

    /** The model of a network already imported from this importer's file. */
    public ZooModel toModel(ImportedNetwork network) {
        Architecture architecture = network.architecture();
        if (!architecture.inputShape().isImage()) {
            throw new KerasImportException("Keras file " + network.source().name() + ": the model's input "
                    + architecture.inputShape() + " is not an image (height, width, channels); zoo models take "
                    + "images (the library's KerasImport.read reads it as a network)");
        }
        long units = architecture.outputShape().elementCount();
        if (units < 2) {
            throw new KerasImportException("Keras file " + network.source().name() + ": the model has one output; "
                    + "a zoo model needs one output per label (two or more)");
        }
        List<String> unitLabels = labels.isEmpty() ? defaultLabels((int) units) : labels;
        if (unitLabels.size() != units) {
            throw new IllegalArgumentException("--labels gives " + unitLabels.size() + " labels but the model has "
                    + units + " outputs");
        }
        ImageLayout layout = ImageLayout.of(architecture.inputShape());
        MutableFeatureMap features = new MutableFeatureMap();
        for (String name : PixelFeatureNames.names(layout)) {
            features.add(name, 0.0);
        }
        MutableOutputInfo<Label> outputs = new LabelFactory().generateInfo();
        unitLabels.forEach(l -> outputs.observe(new Label(l)));
        ImmutableOutputInfo<Label> outputInfo = outputs.generateImmutableOutputInfo();
        KerasFileProvenance source = new KerasFileProvenance(network.source());
        DatasetProvenance data = new DatasetProvenance(source, new ListProvenance<>(),
                new MutableDataset<>(source, new LabelFactory()));
        ModelProvenance provenance = new ModelProvenance(ZooModel.class.getName(), OffsetDateTime.now(), data,
                getProvenance());
        String name = network.source().name().replaceFirst("\\.[^.]*$", "");
        return ZooModel.ofNetwork(name, provenance, new ImmutableFeatureMap(features), outputInfo, unitLabels,
                architecture, network.weights(), layout, pixelScale, 0.0, new TrainingHistory(List.of(), false),
                InferenceOutputs.AS_COMPUTED);
    }

    /** {@code "0"} to {@code "n-1"}. */
    public static List<String> defaultLabels(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    public Path kerasFile() {
        return Path.of(kerasFile);
    }

    public double pixelScale() {
        return pixelScale;
    }

    public List<String> labels() {
        return List.copyOf(labels);
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new KerasImporterProvenance(this);
    }

    @Override
    public String toString() {
        return "KerasImporter(" + kerasFile + ", pixel scale " + pixelScale + ", labels "
                + (labels.isEmpty() ? "0..N-1" : labels) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasImporter k && kerasFile.equals(k.kerasFile) && pixelScale == k.pixelScale
                && labels.equals(k.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kerasFile, pixelScale, labels);
    }
}
