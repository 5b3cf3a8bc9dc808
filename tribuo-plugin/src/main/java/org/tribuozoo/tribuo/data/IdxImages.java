package org.tribuozoo.tribuo.data;

import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.IDXDataSource;
import org.tribuozoo.tribuo.ReadLimits;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Loads IDX image/label file pairs (MNIST, Fashion-MNIST) through Tribuo's own
 * {@link IDXDataSource}, after checking the files so that every problem is one clear message
 * naming the file: a missing, unreadable or empty file, a truncated file, a wrong magic number,
 * a header declaring more than {@link #MAX_VALUES} values, or image and label files with
 * different numbers of items. The check reads no more than the header declares (a compressed file
 * that inflates beyond it is refused as soon as it does) and allocates nothing for the payload.
 * <p>
 * The returned source is an ordinary {@code IDXDataSource<Label>}: its feature names are the
 * zero-padded pixel indices of {@link PixelFeatureNames}, its labels the digits {@code "0"} to
 * {@code "9"}, and its provenance rebuilds it through OLCUT. Paths are made absolute first so
 * that the provenance still finds the files from another working directory.
 */
public final class IdxImages {

    private static final Logger LOG = Logger.getLogger(IdxImages.class.getName());

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /**
     * The most values (pixels of all images, or labels) one IDX file may declare: Tribuo's reader
     * holds a whole file in one {@code double[]}, and a Java array holds no more.
     */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private IdxImages() {
    }

    /**
     * An images file and its labels file.
     *
     * @param images the {@code idx3-ubyte} images file, optionally gzip-compressed ({@code .gz})
     * @param labels the {@code idx1-ubyte} labels file, optionally gzip-compressed ({@code .gz})
     */
    public record Pair(Path images, Path labels) {
    }

    /**
     * What a validated pair holds.
     *
     * @param count  the number of images (and labels)
     * @param layout the image layout, {@code rows x columns x 1}
     */
    public record Info(int count, ImageLayout layout) {
    }

    /**
     * Finds {@code DIR/PREFIX-images-idx3-ubyte[.gz]} and {@code DIR/PREFIX-labels-idx1-ubyte[.gz]}
     * (the compressed file is preferred when both exist; the {@code PREFIX-images.idx3-ubyte}
     * spelling of some mirrors is accepted too).
     *
     * @param dir    the folder
     * @param prefix the file prefix, e.g. {@code train} or {@code t10k}
     * @return the pair
     * @throws IllegalArgumentException if either file is not there, naming what was looked for
     */
    public static Pair resolve(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("IDX folder not found: " + dir);
        }
        return new Pair(find(dir, prefix, "images", "idx3"), find(dir, prefix, "labels", "idx1"));
    }

    private static Path find(Path dir, String prefix, String kind, String idx) {
        List<Path> tried = new ArrayList<>();
        for (String sep : new String[] {"-", "."}) {
            for (String suffix : new String[] {".gz", ""}) {
                Path candidate = dir.resolve(prefix + "-" + kind + sep + idx + "-ubyte" + suffix);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                tried.add(candidate.getFileName());
            }
        }
        throw new IllegalArgumentException("IDX " + kind + " file not found in " + dir + " (looked for "
                + tried.get(0) + " or " + tried.get(1) + ")");
    }

    /**
     * Checks an image/label pair without building examples.
     *
     * @param images the images file
     * @param labels the labels file
     * @return the number of items and the image layout
     * @throws IllegalArgumentException with one line naming the file and the problem
     */
    public static Info inspect(Path images, Path labels) {
        int[] imageShape = checkFile(images, IMAGES_MAGIC, "images");
        int[] labelShape = checkFile(labels, LABELS_MAGIC, "labels");
        if (imageShape[0] != labelShape[0]) {
            throw new IllegalArgumentException("IDX files do not match: " + images + " holds " + imageShape[0]
                    + " images but " + labels + " holds " + labelShape[0] + " labels");
        }
        return new Info(imageShape[0], new ImageLayout(imageShape[1], imageShape[2], 1));
    }

    /**
     * Reads only the header of an images file: cheap, for checking an image size before loading.
     *
     * @param images the images file
     * @return the image layout, {@code rows x columns x 1}
     * @throws IllegalArgumentException if the file is missing or its header is not an IDX image header
     */
    public static ImageLayout imageLayout(Path images) {
        requireFile(images, "images");
        try (DataInputStream in = open(images)) {
            int magic = readHeaderInt(in, images, "images");
            checkMagic(magic, IMAGES_MAGIC, images, "images");
            readHeaderInt(in, images, "images");
            return new ImageLayout(readHeaderInt(in, images, "images"), readHeaderInt(in, images, "images"), 1);
        } catch (ZipException | EOFException e) {
            throw new IllegalArgumentException("IDX images file " + images + " is truncated or corrupt ("
                    + ReadLimits.reason(e) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read IDX images file " + images + ": " + ReadLimits.reason(e));
        }
    }

    /**
     * Checks the pair, then loads it with Tribuo's {@link IDXDataSource}.
     *
     * @param images the images file
     * @param labels the labels file
     * @return the data source, labels {@code "0".."9"}
     * @throws IllegalArgumentException with one line naming the file if a file is missing or malformed
     * @throws IOException              if reading fails after the check
     */
    public static IDXDataSource<Label> load(Path images, Path labels) throws IOException {
        Path img = images.toAbsolutePath().normalize();
        Path lab = labels.toAbsolutePath().normalize();
        Info info = inspect(img, lab);
        LOG.fine(() -> "loading " + info.count() + " IDX images of " + info.layout() + " from " + img);
        return new IDXDataSource<>(img, lab, new LabelFactory());
    }

    /**
     * Loads {@code DIR/PREFIX-images-idx3-ubyte[.gz]} with {@code DIR/PREFIX-labels-idx1-ubyte[.gz]}.
     *
     * @param dir    the folder
     * @param prefix the prefix, e.g. {@code t10k}
     * @return the data source
     * @throws IllegalArgumentException if a file is missing or malformed
     * @throws IOException              if reading fails after the check
     */
    public static IDXDataSource<Label> load(Path dir, String prefix) throws IOException {
        Pair pair = resolve(dir, prefix);
        return load(pair.images(), pair.labels());
    }

    /**
     * Reads the header and counts the payload bytes of one IDX file.
     *
     * @return the shape: {@code [count]} for labels, {@code [count, rows, cols]} for images
     */
    private static int[] checkFile(Path file, int expectedMagic, String kind) {
        requireFile(file, kind);
        try (DataInputStream in = open(file)) {
            checkMagic(readHeaderInt(in, file, kind), expectedMagic, file, kind);
            int dims = expectedMagic & 0xFF;
            int[] shape = new int[dims];
            long payload = 1;
            for (int d = 0; d < dims; d++) {
                shape[d] = readHeaderInt(in, file, kind);
                if (shape[d] < 1) {
                    throw new IllegalArgumentException("IDX " + kind + " file " + file + " has a bad dimension " + shape[d]);
                }
                // Each factor is below 2^31 and the running product is kept at most MAX_VALUES: no overflow.
                payload = Math.min(payload * shape[d], MAX_VALUES + 1);
            }
            if (payload > MAX_VALUES) {
                throw new IllegalArgumentException("IDX " + kind + " file " + file + " declares " + describe(shape)
                        + String.format(Locale.ROOT, ", more than the %,d values one IDX file may hold", MAX_VALUES));
            }
            // Never reads past one byte more than the header promises, however far a compressed file inflates.
            long found = countUpTo(in, payload + 1);
            if (found < payload) {
                throw new IllegalArgumentException("IDX " + kind + " file " + file + " is truncated: header promises "
                        + shape[0] + " items (" + payload + " bytes) but only " + found + " bytes follow");
            }
            if (found > payload) {
                throw new IllegalArgumentException("IDX " + kind + " file " + file
                        + " has more bytes than the " + shape[0] + " items its header declares");
            }
            return shape;
        } catch (ZipException | EOFException e) {
            throw new IllegalArgumentException("IDX " + kind + " file " + file + " is truncated or corrupt ("
                    + ReadLimits.reason(e) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read IDX " + kind + " file " + file + ": " + ReadLimits.reason(e));
        }
    }

    /** Reads and counts the bytes left, stopping after {@code max}. */
    private static long countUpTo(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        while (total < max) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total));
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static String describe(int[] shape) {
        return shape.length == 1 ? shape[0] + " labels"
                : shape[0] + " images of " + shape[1] + "x" + shape[2] + " pixels";
    }

    private static void requireFile(Path file, String kind) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("IDX " + kind + " file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("IDX " + kind + " file is not a file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("IDX " + kind + " file cannot be read (permission denied): " + file);
        }
        try {
            if (Files.size(file) == 0) {
                throw new IllegalArgumentException("IDX " + kind + " file is empty: " + file);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read IDX " + kind + " file " + file + ": " + ReadLimits.reason(e));
        }
    }

    /** Opens a file, decompressing it when its name ends in {@code .gz}, as Tribuo's reader does. */
    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            boolean gzip = file.getFileName().toString().endsWith(".gz");
            return new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static void checkMagic(int magic, int expectedMagic, Path file, String kind) {
        if (magic != expectedMagic) {
            String hint = (magic >>> 16) == 0x1f8b ? " (the file is gzip-compressed: give it a .gz name)" : "";
            throw new IllegalArgumentException(String.format(
                    "IDX %s file %s has magic number 0x%08X, expected 0x%08X%s", kind, file, magic, expectedMagic, hint));
        }
    }

    private static int readHeaderInt(DataInputStream in, Path file, String kind) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX " + kind + " file " + file + " is truncated: its header is incomplete");
        }
    }

}
