package org.tribuozoo.keras;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * What a Keras file holds, read once: the model configuration (absent in a weights-only file), the
 * Keras version and backend that wrote it, and every layer's weights in Keras's order (kernel before
 * bias), keyed by layer name. The file's name and SHA-256 identify it in provenance.
 *
 * <p>Formats: Keras 2 / tf.keras HDF5 model files ({@code model_config}, {@code keras_version},
 * {@code backend} attributes, a {@code model_weights} group whose layer groups list their
 * {@code weight_names}; Keras 3 writes the same layout when saving to {@code .h5}); HDF5 weights-only
 * files in that layout at the root; Keras 3 {@code .keras} archives ({@code config.json},
 * {@code metadata.json}, {@code model.weights.h5} whose {@code layers/NAME/vars/I} hold each layer's
 * weights); Keras 3 {@code .weights.h5} files in that layout. HDF5 is read with jhdf.
 */
public final class KerasFile {

    /** How the file stores the model. */
    public enum Format {
        /** A Keras 2 / tf.keras (or Keras 3 legacy) HDF5 file with a model configuration and weights. */
        HDF5_MODEL,
        /** A Keras 3 {@code .keras} zip archive. */
        KERAS_ARCHIVE,
        /** An HDF5 file with weights only (Keras 2 {@code save_weights} or Keras 3 {@code .weights.h5}). */
        HDF5_WEIGHTS
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};

    private final String name;
    private final String sha256;
    private final Format format;
    private final JsonNode config;
    private final String kerasVersion;
    private final String backend;
    private final Map<String, List<KerasTensor>> weights;

    private KerasFile(String name, String sha256, Format format, JsonNode config, String kerasVersion, String backend,
                      Map<String, List<KerasTensor>> weights) {
        this.name = name;
        this.sha256 = sha256;
        this.format = format;
        this.config = config;
        this.kerasVersion = kerasVersion;
        this.backend = backend;
        this.weights = Collections.unmodifiableMap(weights);
    }

    /**
     * Reads a Keras file.
     *
     * @throws KerasImportException naming the file if it is missing, unreadable or not a Keras file
     */
    public static KerasFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KerasImportException("Keras file " + file + " does not exist");
        } catch (IOException e) {
            throw new KerasImportException("cannot read Keras file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        String sha = sha256(bytes);
        try {
            if (startsWith(bytes, ZIP_SIGNATURE)) {
                return readArchive(name, sha, bytes);
            }
            if (startsWith(bytes, HDF5_SIGNATURE)) {
                try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
                    return readHdf5(name, sha, hdf);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KerasImportException k) {
                throw k;
            }
            throw new KerasImportException("Keras file " + file + " is damaged or not a Keras file: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        throw new KerasImportException("Keras file " + file + " is neither HDF5 (.h5) nor a Keras 3 archive (.keras)");
    }

    /**
     * A Keras model held in memory rather than read from a file: a configuration as Keras writes it and
     * each layer's weights in Keras's order. Its SHA-256 is that of the configuration's text.
     */
    static KerasFile inMemory(String name, JsonNode config, String kerasVersion, String backend,
                              Map<String, List<KerasTensor>> weights) {
        return new KerasFile(name, sha256(config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Format.HDF5_MODEL, config, kerasVersion, backend, new LinkedHashMap<>(weights));
    }

    /** The file's name, without its folder. */
    public String name() {
        return name;
    }

    /** The SHA-256 of the file's bytes, in lower-case hex. */
    public String sha256() {
        return sha256;
    }

    public Format format() {
        return format;
    }

    /** The model configuration ({@code {"class_name": ..., "config": ...}}), absent in a weights-only file. */
    public Optional<JsonNode> config() {
        return Optional.ofNullable(config);
    }

    /** The Keras version that wrote the file, or "unknown". */
    public String kerasVersion() {
        return kerasVersion;
    }

    /** The backend that wrote the file (tensorflow, theano, jax, ...), or "unknown". */
    public String backend() {
        return backend;
    }

    /** Every layer's weights in Keras's order, keyed by layer name, in the file's layer order. */
    public Map<String, List<KerasTensor>> weights() {
        return weights;
    }

    /** One layer's weights; none for a layer without weights or absent from the file. */
    public List<KerasTensor> weights(String layerName) {
        return weights.getOrDefault(layerName, List.of());
    }

    // ------------------------------------------------------------------ Keras 3 archives

    private static KerasFile readArchive(String name, String sha, byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        for (String required : List.of("config.json", "model.weights.h5")) {
            if (!entries.containsKey(required)) {
                throw new KerasImportException("Keras file " + name + " is a zip archive without " + required
                        + ", not a Keras 3 .keras file");
            }
        }
        JsonNode config = JSON.readTree(entries.get("config.json"));
        String version = "unknown";
        if (entries.containsKey("metadata.json")) {
            version = JSON.readTree(entries.get("metadata.json")).path("keras_version").asText("unknown");
        }
        try (HdfFile hdf = HdfFile.fromBytes(entries.get("model.weights.h5"))) {
            return new KerasFile(name, sha, Format.KERAS_ARCHIVE, config, version, "unknown", kerasThreeWeights(hdf));
        }
    }

    // ------------------------------------------------------------------ HDF5 files

    private static KerasFile readHdf5(String name, String sha, HdfFile hdf) throws IOException {
        String version = stringAttribute(hdf, "keras_version").orElse("unknown");
        String backend = stringAttribute(hdf, "backend").orElse("unknown");
        Optional<String> modelConfig = stringAttribute(hdf, "model_config");
        if (modelConfig.isPresent()) {
            Node group = hdf.getChild("model_weights");
            if (!(group instanceof Group weightsGroup)) {
                throw new KerasImportException("Keras file " + name + " has a model configuration but no "
                        + "model_weights group (saved without weights?)");
            }
            version = stringAttribute(weightsGroup, "keras_version").orElse(version);
            backend = stringAttribute(weightsGroup, "backend").orElse(backend);
            return new KerasFile(name, sha, Format.HDF5_MODEL, JSON.readTree(modelConfig.get()), version, backend,
                    legacyWeights(weightsGroup));
        }
        if (hdf.getAttributes().containsKey("layer_names")) {
            return new KerasFile(name, sha, Format.HDF5_WEIGHTS, null, version, backend, legacyWeights(hdf));
        }
        if (layersGroup(hdf).isPresent()) {
            return new KerasFile(name, sha, Format.HDF5_WEIGHTS, null, version, backend, kerasThreeWeights(hdf));
        }
        throw new KerasImportException("HDF5 file " + name + " holds neither a Keras model (model_config) nor "
                + "Keras weights (layer_names, or a layers group)");
    }

    /** Keras 2's layout: the group lists {@code layer_names}; each layer group lists its {@code weight_names}. */
    private static Map<String, List<KerasTensor>> legacyWeights(Group group) {
        Map<String, List<KerasTensor>> out = new LinkedHashMap<>();
        for (String layer : stringsAttribute(group, "layer_names")) {
            // A name holding '/' (tf.keras 2's DenseNet: conv1/conv) is a path of nested groups in HDF5.
            Node node = layer.contains("/") ? childByPath(group, layer) : group.getChild(layer);
            if (!(node instanceof Group layerGroup)) {
                throw new KerasImportException("the weights of layer '" + layer + "' are missing from the file");
            }
            List<KerasTensor> tensors = new ArrayList<>();
            for (String weight : stringsAttribute(layerGroup, "weight_names")) {
                tensors.add(tensor(layerGroup.getDatasetByPath(weight)));
            }
            out.put(layer, List.copyOf(tensors));
        }
        return out;
    }

    private static Node childByPath(Group group, String path) {
        try {
            return group.getByPath(path);
        } catch (RuntimeException e) {  // jhdf reports a missing path by an exception
            return null;
        }
    }

    /** Keras 3's layout: {@code layers/NAME/vars/0, 1, ...} (Keras 3.0 named the group differently). */
    private static Map<String, List<KerasTensor>> kerasThreeWeights(HdfFile hdf) {
        Map<String, List<KerasTensor>> out = new LinkedHashMap<>();
        Group layers = layersGroup(hdf).orElseThrow(() -> new KerasImportException(
                "the weights file has no 'layers' group"));
        for (Map.Entry<String, Node> layer : layers.getChildren().entrySet()) {
            List<KerasTensor> tensors = new ArrayList<>();
            if (layer.getValue() instanceof Group g && g.getChild("vars") instanceof Group vars) {
                for (int i = 0; vars.getChildren().containsKey(Integer.toString(i)); i++) {
                    tensors.add(tensor((Dataset) vars.getChild(Integer.toString(i))));
                }
            }
            out.put(layer.getKey(), List.copyOf(tensors));
        }
        return out;
    }

    private static Optional<Group> layersGroup(Group root) {
        for (String candidate : List.of("layers", "_layer_checkpoint_dependencies")) {
            if (root.getChildren().get(candidate) instanceof Group g) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    private static KerasTensor tensor(Dataset data) {
        int[] shape = data.getDimensions();
        Object flat = data.isScalar() ? data.getData() : data.getDataFlat();
        float[] values;
        if (flat instanceof float[] f) {
            values = f;
        } else if (flat instanceof double[] d) {
            values = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                values[i] = (float) d[i];
            }
        } else if (flat instanceof Float f) {
            values = new float[] {f};
        } else if (flat instanceof Double d) {
            values = new float[] {d.floatValue()};
        } else {
            throw new KerasImportException("weight " + data.getPath() + " is of type " + data.getJavaType()
                    + ", not floating point");
        }
        return new KerasTensor(shape, values);
    }

    private static Optional<String> stringAttribute(Node node, String key) {
        Attribute a = node.getAttributes().get(key);
        if (a == null || a.isEmpty()) {
            return Optional.empty();
        }
        Object data = a.getData();
        if (data instanceof String s) {
            return Optional.of(s);
        }
        if (data != null && data.getClass().isArray() && Array.getLength(data) == 1
                && Array.get(data, 0) instanceof String s) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /** A list-of-strings attribute; an empty attribute (h5py writes an empty float array) is an empty list. */
    private static List<String> stringsAttribute(Node node, String key) {
        Attribute a = node.getAttributes().get(key);
        if (a == null) {
            throw new KerasImportException("the Keras file lacks the attribute '" + key + "' of " + node.getPath());
        }
        if (a.isEmpty() || a.getSize() == 0) {
            return List.of();
        }
        Object data = a.getData();
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data instanceof String[] strings) {
            return List.of(strings);
        }
        throw new KerasImportException("the attribute '" + key + "' of " + node.getPath() + " is not a list of names");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
