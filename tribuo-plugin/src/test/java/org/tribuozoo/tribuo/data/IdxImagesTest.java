package org.tribuozoo.tribuo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.datasource.IDXDataSource;
import org.tribuozoo.tribuo.ReadLimitsTest;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxImagesTest {

    @Test
    void mnistTestSetHasTenThousandImagesStartingWithASeven() throws Exception {
        Path mnist = TestSupport.sharedData("mnist");
        IDXDataSource<Label> source = IdxImages.load(mnist, "t10k");
        assertEquals(10_000, source.size());
        List<Example<Label>> examples = TestSupport.list(source);
        assertEquals("7", examples.get(0).getOutput().getLabel());
        assertEquals("2", examples.get(1).getOutput().getLabel());
        for (Feature f : examples.get(0)) {
            int index = PixelFeatureNames.parse(f.getName(), ImageLayout.MNIST);
            assertEquals(PixelFeatureNames.name(index, 784), f.getName());
            assertTrue(f.getValue() > 0 && f.getValue() <= 255);
        }
        assertEquals(new IdxImages.Info(10_000, ImageLayout.MNIST),
                IdxImages.inspect(mnist.resolve("t10k-images-idx3-ubyte.gz"), mnist.resolve("t10k-labels-idx1-ubyte.gz")));
        assertEquals(ImageLayout.MNIST, IdxImages.imageLayout(mnist.resolve("t10k-images-idx3-ubyte.gz")));
    }

    @Test
    void fashionMnistFilesHaveTheDocumentedCounts() throws Exception {
        Path fashion = TestSupport.sharedData("fashion-mnist");
        IdxImages.Pair train = IdxImages.resolve(fashion, "train");
        assertEquals(65_947, IdxImages.inspect(train.images(), train.labels()).count());
        IDXDataSource<Label> test = IdxImages.load(fashion, "t10k");
        assertEquals(4_443, test.size());
    }

    @Test
    void provenanceRebuildsTheSource(@TempDir Path dir) throws Exception {
        writeIdx(dir, "tiny", 3, 4, 3);
        IDXDataSource<Label> source = IdxImages.load(dir, "tiny");
        DataSource<Label> rebuilt = TestSupport.rebuildFromProvenance(source);
        TestSupport.assertSameExamples(source, rebuilt);
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) throws Exception {
        writeIdx(dir, "a", 2, 4, 2);
        Files.delete(dir.resolve("a-labels-idx1-ubyte"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxImages.load(dir, "a"));
        assertTrue(e.getMessage().contains("labels file not found") && e.getMessage().contains("a-labels-idx1-ubyte"),
                e.getMessage());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> IdxImages.load(dir.resolve("a-images-idx3-ubyte"), dir.resolve("nope.gz")));
        assertTrue(direct.getMessage().contains("nope.gz"), direct.getMessage());
    }

    @Test
    void truncatedFileIsNamed(@TempDir Path dir) throws Exception {
        writeIdx(dir, "t", 3, 4, 3);
        Path images = dir.resolve("t-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxImages.load(dir, "t"));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(images.toString()), e.getMessage());
        Files.write(images, Arrays.copyOf(bytes, 6));
        e = assertThrows(IllegalArgumentException.class, () -> IdxImages.load(dir, "t"));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void truncatedGzipIsNamed(@TempDir Path dir) throws Exception {
        Path mnist = TestSupport.sharedData("mnist");
        Path copy = dir.resolve("m-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(mnist.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.write(copy, Arrays.copyOf(bytes, bytes.length / 2));
        Files.copy(mnist.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("m-images-idx3-ubyte.gz"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxImages.load(dir, "m"));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(copy.toString()), e.getMessage());
    }

    @Test
    void wrongMagicIsNamed(@TempDir Path dir) throws Exception {
        writeIdx(dir, "w", 2, 4, 2);
        Path images = dir.resolve("w-images-idx3-ubyte");
        Path labels = dir.resolve("w-labels-idx1-ubyte");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxImages.load(labels, images));
        assertTrue(e.getMessage().contains("magic number 0x00000801, expected 0x00000803")
                && e.getMessage().contains(labels.toString()), e.getMessage());
    }

    @Test
    void mismatchedCountsAreNamed(@TempDir Path dir) throws Exception {
        writeIdx(dir, "m", 3, 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxImages.load(dir, "m"));
        assertTrue(e.getMessage().contains("holds 3 images") && e.getMessage().contains("2 labels"), e.getMessage());
    }

    @Test
    void gzipAndPlainFilesAreFoundByPrefix(@TempDir Path dir) throws Exception {
        writeIdx(dir, "g", 2, 4, 2);
        gzip(dir.resolve("g-images-idx3-ubyte"));
        IdxImages.Pair pair = IdxImages.resolve(dir, "g");
        assertEquals("g-images-idx3-ubyte.gz", pair.images().getFileName().toString());
        assertEquals("g-labels-idx1-ubyte", pair.labels().getFileName().toString());
        assertEquals(2, IdxImages.load(dir, "g").size());
    }

    /** 65536 images of 2^24 x 2^24: a product that overflows a long to 0, an empty payload to an unchecked reader. */
    @Test
    void aHeaderDeclaringMoreThanAFileMayHoldIsRefused(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("h-images-idx3-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(images))) {
            out.writeInt(IdxImages.IMAGES_MAGIC);
            out.writeInt(1 << 16);
            out.writeInt(1 << 24);
            out.writeInt(1 << 24);
        }
        writeLabels(dir.resolve("h-labels-idx1-ubyte"), 1 << 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxImages.load(dir, "h"));
        assertEquals("IDX images file " + images + " declares 65536 images of 16777216x16777216 pixels, "
                + "more than the 2,147,483,639 values one IDX file may hold", e.getMessage());
    }

    /** A compressed file that inflates far past its header is refused after reading one byte more than declared. */
    @Test
    void aGzipThatInflatesPastItsHeaderIsRefused(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("z-images-idx3-ubyte.gz");
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(images)))) {
            out.writeInt(IdxImages.IMAGES_MAGIC);
            out.writeInt(1);
            out.writeInt(4);
            out.writeInt(4);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                out.write(zeros);
            }
        }
        writeLabels(dir.resolve("z-labels-idx1-ubyte"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxImages.load(dir, "z"));
        assertEquals("IDX images file " + images + " has more bytes than the 1 items its header declares", e.getMessage());
    }

    @Test
    void emptyAndUnreadableFilesAreNamed(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("e-images-idx3-ubyte.gz"));
        writeLabels(dir.resolve("e-labels-idx1-ubyte"), 1);
        assertEquals("IDX images file is empty: " + empty,
                assertThrows(IllegalArgumentException.class, () -> IdxImages.load(dir, "e")).getMessage());
        assertEquals("IDX images file is empty: " + empty,
                assertThrows(IllegalArgumentException.class, () -> IdxImages.imageLayout(empty)).getMessage());
        Path secret = ReadLimitsTest.unreadableFile(dir);
        assertEquals("IDX images file cannot be read (permission denied): " + secret,
                assertThrows(IllegalArgumentException.class,
                        () -> IdxImages.inspect(secret, dir.resolve("e-labels-idx1-ubyte"))).getMessage());
    }

    private static void writeLabels(Path file, int count) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(IdxImages.LABELS_MAGIC);
            out.writeInt(count);
            out.write(new byte[count]);
        }
    }

    /** Writes PREFIX-images-idx3-ubyte (n images of side x side) and PREFIX-labels-idx1-ubyte (m labels). */
    static void writeIdx(Path dir, String prefix, int n, int side, int m) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(IdxImages.IMAGES_MAGIC);
            out.writeInt(n);
            out.writeInt(side);
            out.writeInt(side);
            for (int i = 0; i < n * side * side; i++) {
                out.writeByte((i * 37) % 256);
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(IdxImages.LABELS_MAGIC);
            out.writeInt(m);
            for (int i = 0; i < m; i++) {
                out.writeByte(i % 10);
            }
        }
    }

    private static void gzip(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.resolveSibling(file.getFileName() + ".gz")))) {
            out.write(bytes);
        }
        Files.delete(file);
    }
}
