package org.tribuozoo.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small IDX image/label files for tests, in the MNIST format: a big-endian header (magic
 * 0x00000803 for images with count, rows, columns; 0x00000801 for labels with count), then one
 * unsigned byte per pixel or label, gzip-compressed when the name ends in {@code .gz}.
 *
 * <p>The images are an easy three-class problem a network learns in one epoch: a bright square
 * in the top-left quarter (class 0), in the bottom-right quarter (class 1), or a horizontal bar
 * across the middle (class 2), with a little seeded noise.
 */
final class IdxFiles {

    private IdxFiles() {
    }

    /** The class of image {@code i}. */
    static int label(int i) {
        return i % 3;
    }

    /** The pixels of image {@code i} of class {@link #label(int)}, rows x cols, row-major. */
    static byte[] image(int i, int rows, int cols, Random noise) {
        byte[] px = new byte[rows * cols];
        int c = label(i);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                boolean on = switch (c) {
                    case 0 -> y >= rows / 8 && y < rows / 2 && x >= cols / 8 && x < cols / 2;
                    case 1 -> y >= rows / 2 && y < rows * 7 / 8 && x >= cols / 2 && x < cols * 7 / 8;
                    default -> y >= rows * 3 / 8 && y < rows * 5 / 8 && x >= cols / 8 && x < cols * 7 / 8;
                };
                int v = on ? 200 + noise.nextInt(56) : noise.nextInt(30);
                px[y * cols + x] = (byte) v;
            }
        }
        return px;
    }

    /** Writes {@code DIR/PREFIX-images-idx3-ubyte.gz} and {@code DIR/PREFIX-labels-idx1-ubyte.gz}. */
    static void writePair(Path dir, String prefix, int count, int rows, int cols, long seed) throws IOException {
        writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), count, count, rows, cols, seed);
        writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), count, count);
    }

    /**
     * An images file whose header declares {@code declared} images but that holds {@code written}
     * (fewer makes a truncated file).
     */
    static void writeImages(Path file, int declared, int written, int rows, int cols, long seed) throws IOException {
        Random noise = new Random(seed);
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(0x00000803);
            out.writeInt(declared);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int i = 0; i < written; i++) {
                out.write(image(i, rows, cols, noise));
            }
        }
    }

    /** A labels file, header declaring {@code declared} labels, holding {@code written}. */
    static void writeLabels(Path file, int declared, int written) throws IOException {
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(0x00000801);
            out.writeInt(declared);
            for (int i = 0; i < written; i++) {
                out.writeByte(label(i));
            }
        }
    }

    /** A file with the given magic number and nothing valid after it. */
    static void writeWithMagic(Path file, int magic, int count) throws IOException {
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(magic);
            out.writeInt(count);
            out.write(new byte[count]);
        }
    }

    private static OutputStream open(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
    }
}
