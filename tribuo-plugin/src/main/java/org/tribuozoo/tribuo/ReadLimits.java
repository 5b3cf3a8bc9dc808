package org.tribuozoo.tribuo;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How large the files this module reads may be, and the check every reader makes before it
 * allocates anything: that a file is there, is a readable regular file, and is no larger than its
 * limit. A file past a limit is refused with one line naming the file, its size, the limit and the
 * system property that sets it; nothing is allocated for it.
 * <p>
 * Each limit is a system property read when a file is opened (a program may set it first; the
 * {@code zoo} command takes them through {@code ZOO_JAVA_OPTS="-Dname=value"}):
 * <table>
 *   <caption>Limits of the readers</caption>
 *   <tr><th>property</th><th>default</th><th>bounds</th></tr>
 *   <tr><td>{@value #MODEL_FILE_BYTES}</td><td>2<sup>31</sup> - 1 (2 GiB)</td><td>a model file (a
 *       protobuf message holds no more)</td></tr>
 *   <tr><td>{@value #PROVENANCE_FILE_BYTES}</td><td>64 MiB</td><td>a provenance JSON file</td></tr>
 *   <tr><td>{@value #IMAGE_FILE_BYTES}</td><td>256 MiB</td><td>one image file (predicted, or in a
 *       folder data set)</td></tr>
 *   <tr><td>{@value #IMAGE_PIXELS}</td><td>2<sup>27</sup> (134,217,728)</td><td>an image's width
 *       times height, read from its header before it is decoded</td></tr>
 *   <tr><td>{@value #CIFAR_FILE_BYTES}</td><td>256 MiB (87,000 images; an official batch holds
 *       10,000)</td><td>one CIFAR-10 batch file</td></tr>
 * </table>
 * IDX files have a fixed limit instead: Tribuo's reader holds a whole file in one array, so one
 * file holds at most {@link org.tribuozoo.tribuo.data.IdxImages#MAX_VALUES} values.
 */
public final class ReadLimits {

    /** System property: the largest model file, in bytes. */
    public static final String MODEL_FILE_BYTES = "tribuozoo.limits.modelFileBytes";
    /** System property: the largest provenance JSON file, in bytes. */
    public static final String PROVENANCE_FILE_BYTES = "tribuozoo.limits.provenanceFileBytes";
    /** System property: the largest image file, in bytes. */
    public static final String IMAGE_FILE_BYTES = "tribuozoo.limits.imageFileBytes";
    /** System property: the most pixels (width times height) an image may have. */
    public static final String IMAGE_PIXELS = "tribuozoo.limits.imagePixels";
    /** System property: the largest CIFAR-10 batch file, in bytes. */
    public static final String CIFAR_FILE_BYTES = "tribuozoo.limits.cifarFileBytes";

    private static final long DEFAULT_MODEL_FILE_BYTES = Integer.MAX_VALUE;
    private static final long DEFAULT_PROVENANCE_FILE_BYTES = 64L << 20;
    private static final long DEFAULT_IMAGE_FILE_BYTES = 256L << 20;
    private static final long DEFAULT_IMAGE_PIXELS = 1L << 27;
    private static final long DEFAULT_CIFAR_FILE_BYTES = 256L << 20;

    private ReadLimits() {
    }

    /** @return the largest model file, in bytes ({@value #MODEL_FILE_BYTES}) */
    public static long modelFileBytes() {
        return Long.getLong(MODEL_FILE_BYTES, DEFAULT_MODEL_FILE_BYTES);
    }

    /** @return the largest provenance JSON file, in bytes ({@value #PROVENANCE_FILE_BYTES}) */
    public static long provenanceFileBytes() {
        return Long.getLong(PROVENANCE_FILE_BYTES, DEFAULT_PROVENANCE_FILE_BYTES);
    }

    /** @return the largest image file, in bytes ({@value #IMAGE_FILE_BYTES}) */
    public static long imageFileBytes() {
        return Long.getLong(IMAGE_FILE_BYTES, DEFAULT_IMAGE_FILE_BYTES);
    }

    /** @return the most pixels an image may have ({@value #IMAGE_PIXELS}) */
    public static long imagePixels() {
        return Long.getLong(IMAGE_PIXELS, DEFAULT_IMAGE_PIXELS);
    }

    /** @return the largest CIFAR-10 batch file, in bytes ({@value #CIFAR_FILE_BYTES}) */
    public static long cifarFileBytes() {
        return Long.getLong(CIFAR_FILE_BYTES, DEFAULT_CIFAR_FILE_BYTES);
    }

    /**
     * Checks a file before reading it: it exists, is a regular file the process may read, and is no
     * larger than the limit.
     *
     * @param file     the file
     * @param what     what it is, for the message, e.g. {@code "model file"}
     * @param maxBytes the limit
     * @param property the system property that sets the limit, for the message
     * @return the file's size in bytes
     * @throws IllegalArgumentException one line naming the file and the problem
     */
    public static long checkFile(Path file, String what, long maxBytes, String property) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(what + " " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + " is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read: permission denied");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + reason(e));
        }
        if (size > maxBytes) {
            throw new IllegalArgumentException(what + " " + file + " is " + bytes(size) + ", more than the limit of "
                    + bytes(maxBytes) + " (system property " + property + ")");
        }
        return size;
    }

    /**
     * Why an I/O operation failed, in words: the file system's reason where the exception carries
     * one (a {@link FileSystemException}'s message is often just the path), never {@code "null"}.
     *
     * @param e the exception
     * @return e.g. {@code "permission denied"}, {@code "unexpected end of file"}
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof EOFException && e.getMessage() == null) {
            return "unexpected end of file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }
}
