package org.tribuozoo.cli.data;

import org.tribuo.ConfigurableDataSource;
import org.tribuo.classification.Label;
import org.tribuozoo.tribuo.data.Cifar10DataSource;
import org.tribuozoo.tribuo.data.DemoDataSource;
import org.tribuozoo.tribuo.data.IdxImages;
import org.tribuozoo.tribuo.data.ImageFolderDataSource;
import org.tribuozoo.tribuo.data.ImageLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A data set named on the command line, parsed by {@link #parse(String)}:
 * <table>
 *   <caption>Data spec forms</caption>
 *   <tr><th>spec</th><th>meaning</th></tr>
 *   <tr><td>{@code idx:IMAGES_FILE,LABELS_FILE}</td><td>an IDX image file and its label file</td></tr>
 *   <tr><td>{@code idx:DIR:PREFIX}</td><td>{@code DIR/PREFIX-images-idx3-ubyte[.gz]} with
 *       {@code DIR/PREFIX-labels-idx1-ubyte[.gz]}</td></tr>
 *   <tr><td>{@code cifar10:DIR}</td><td>CIFAR-10 binary batches: the five training batches when
 *       used for training, {@code test_batch.bin} when used for testing; {@code DIR} may also be one
 *       {@code .bin} file</td></tr>
 *   <tr><td>{@code folder:DIR}</td><td>one subfolder of images per class, resized to the network's input</td></tr>
 *   <tr><td>{@code demo}</td><td>the built-in generated shapes: 6,000 training images, 1,000 test images</td></tr>
 * </table>
 * Parsing checks only the syntax; {@link #open} reads the data and reports a missing or malformed
 * file. Both throw {@link IllegalArgumentException} with a one-line message naming the problem.
 * Every source that {@link #open} returns is a {@link ConfigurableDataSource} whose provenance
 * rebuilds it.
 */
public sealed interface DataSpec permits DataSpec.IdxFiles, DataSpec.IdxPrefix, DataSpec.Cifar10,
        DataSpec.Folder, DataSpec.Demo {

    /** What the data is used for, which picks the part of data sets that come pre-split. */
    enum Role {
        /** Training data: CIFAR-10's training batches, the demo's training part. */
        TRAIN,
        /** Test data: CIFAR-10's test batch, the demo's test part. */
        TEST
    }

    /** The forms, for error messages. */
    String FORMS = "idx:IMAGES_FILE,LABELS_FILE, idx:DIR:PREFIX, cifar10:DIR, folder:DIR or demo";

    /**
     * Reads the data.
     *
     * @param role         training or test, for data sets that come pre-split (CIFAR-10, demo)
     * @param targetLayout the network's input, which folder images are resized to; other sources
     *                     ignore it and may be given null
     * @return the source
     * @throws IllegalArgumentException if the data is missing or malformed
     */
    ConfigurableDataSource<Label> open(Role role, ImageLayout targetLayout);

    /**
     * The image layout the data has, when it is fixed by the data (read from the header for IDX
     * files); empty for folders, which take any size.
     *
     * @return the layout, if fixed
     * @throws IllegalArgumentException if an IDX header cannot be read
     */
    Optional<ImageLayout> layout();

    /** The files and folders the data is read from (none for the built-in demo). */
    List<Path> paths();

    /**
     * Parses a data spec.
     *
     * @param text the spec
     * @return the parsed spec
     * @throws IllegalArgumentException naming the problem if the text is not a valid spec
     */
    static DataSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty data spec; expected " + FORMS);
        }
        String spec = text.trim();
        if (spec.equals("demo")) {
            return new Demo();
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("data spec '" + spec + "' has no kind; expected " + FORMS);
        }
        String kind = spec.substring(0, colon);
        String rest = spec.substring(colon + 1);
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("data spec '" + spec + "' names no file or folder; expected " + FORMS);
        }
        return switch (kind) {
            case "idx" -> parseIdx(spec, rest);
            case "cifar10" -> new Cifar10(Path.of(rest));
            case "folder" -> new Folder(Path.of(rest));
            default -> throw new IllegalArgumentException("unknown data kind '" + kind + "' in '" + spec
                    + "'; expected " + FORMS);
        };
    }

    private static DataSpec parseIdx(String spec, String rest) {
        int comma = rest.indexOf(',');
        if (comma >= 0) {
            String images = rest.substring(0, comma).trim();
            String labels = rest.substring(comma + 1).trim();
            if (images.isEmpty() || labels.isEmpty() || labels.contains(",")) {
                throw new IllegalArgumentException("data spec '" + spec + "' must be idx:IMAGES_FILE,LABELS_FILE");
            }
            return new IdxFiles(Path.of(images), Path.of(labels));
        }
        // The last colon separates the prefix, so a folder may itself contain colons.
        int sep = rest.lastIndexOf(':');
        if (sep <= 0 || sep == rest.length() - 1) {
            throw new IllegalArgumentException("data spec '" + spec
                    + "' must be idx:IMAGES_FILE,LABELS_FILE or idx:DIR:PREFIX");
        }
        return new IdxPrefix(Path.of(rest.substring(0, sep)), rest.substring(sep + 1));
    }

    /**
     * {@code idx:IMAGES_FILE,LABELS_FILE}.
     *
     * @param images the images file
     * @param labels the labels file
     */
    record IdxFiles(Path images, Path labels) implements DataSpec {
        @Override
        public List<Path> paths() {
            return List.of(images, labels);
        }

        @Override
        public ConfigurableDataSource<Label> open(Role role, ImageLayout targetLayout) {
            try {
                return IdxImages.load(images, labels);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read IDX files " + images + ", " + labels + ": " + e.getMessage());
            }
        }

        @Override
        public Optional<ImageLayout> layout() {
            return Optional.of(IdxImages.imageLayout(images));
        }

        @Override
        public String toString() {
            return "idx:" + images + "," + labels;
        }
    }

    /**
     * {@code idx:DIR:PREFIX}.
     *
     * @param dir    the folder
     * @param prefix the file prefix, e.g. {@code t10k}
     */
    record IdxPrefix(Path dir, String prefix) implements DataSpec {
        @Override
        public List<Path> paths() {
            return List.of(dir);
        }

        /**
         * @return the image and label files this spec names
         * @throws IllegalArgumentException if either is not there
         */
        public IdxImages.Pair files() {
            return IdxImages.resolve(dir, prefix);
        }

        @Override
        public ConfigurableDataSource<Label> open(Role role, ImageLayout targetLayout) {
            IdxImages.Pair pair = files();
            return new IdxFiles(pair.images(), pair.labels()).open(role, targetLayout);
        }

        @Override
        public Optional<ImageLayout> layout() {
            return Optional.of(IdxImages.imageLayout(files().images()));
        }

        @Override
        public String toString() {
            return "idx:" + dir + ":" + prefix;
        }
    }

    /**
     * {@code cifar10:DIR}.
     *
     * @param path the folder of batches (or the folder holding {@code cifar-10-batches-bin/}), or one batch file
     */
    record Cifar10(Path path) implements DataSpec {
        @Override
        public List<Path> paths() {
            return List.of(path);
        }

        @Override
        public ConfigurableDataSource<Label> open(Role role, ImageLayout targetLayout) {
            if (Files.isRegularFile(path)) {
                Path meta = path.toAbsolutePath().resolveSibling(Cifar10DataSource.META_FILE);
                return new Cifar10DataSource(List.of(path), Files.isRegularFile(meta) ? meta : null);
            }
            return role == Role.TEST ? Cifar10DataSource.test(path) : Cifar10DataSource.training(path);
        }

        @Override
        public Optional<ImageLayout> layout() {
            return Optional.of(ImageLayout.CIFAR10);
        }

        @Override
        public String toString() {
            return "cifar10:" + path;
        }
    }

    /**
     * {@code folder:DIR}.
     *
     * @param dir the folder with one subfolder per class
     */
    record Folder(Path dir) implements DataSpec {
        @Override
        public List<Path> paths() {
            return List.of(dir);
        }

        @Override
        public ConfigurableDataSource<Label> open(Role role, ImageLayout targetLayout) {
            if (targetLayout == null) {
                throw new IllegalArgumentException("folder data " + dir + " needs an image size to resize to");
            }
            return new ImageFolderDataSource(dir, targetLayout);
        }

        @Override
        public Optional<ImageLayout> layout() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "folder:" + dir;
        }
    }

    /** {@code demo}: the built-in generated shapes. */
    record Demo() implements DataSpec {
        @Override
        public List<Path> paths() {
            return List.of();
        }

        @Override
        public ConfigurableDataSource<Label> open(Role role, ImageLayout targetLayout) {
            return role == Role.TEST ? DemoDataSource.test() : DemoDataSource.train();
        }

        @Override
        public Optional<ImageLayout> layout() {
            return Optional.of(DemoDataSource.layout());
        }

        @Override
        public String toString() {
            return "demo";
        }
    }
}
