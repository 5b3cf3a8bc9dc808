package org.tribuozoo.tribuo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuozoo.tribuo.ReadLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10DataSourceTest {

    private static final int PLANE = 1024;

    /** Red of pixel p of image n, and so on: distinct, non-zero, easy to recompute. */
    private static int red(int n, int p) {
        return 1 + (p + n) % 250;
    }

    private static int green(int n, int p) {
        return 1 + (p * 3 + n) % 250;
    }

    private static int blue(int n, int p) {
        return 1 + (p * 7 + 11 * n) % 250;
    }

    /** Writes a batch in the official layout: label byte, red plane, green plane, blue plane. */
    private static Path writeBatch(Path file, int... labels) throws IOException {
        byte[] bytes = new byte[labels.length * Cifar10DataSource.RECORD_BYTES];
        for (int n = 0; n < labels.length; n++) {
            int o = n * Cifar10DataSource.RECORD_BYTES;
            bytes[o] = (byte) labels[n];
            for (int p = 0; p < PLANE; p++) {
                bytes[o + 1 + p] = (byte) red(n, p);
                bytes[o + 1 + PLANE + p] = (byte) green(n, p);
                bytes[o + 1 + 2 * PLANE + p] = (byte) blue(n, p);
            }
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    @Test
    void planesBecomeInterleavedPixels(@TempDir Path dir) throws Exception {
        Path batch = writeBatch(dir.resolve("data_batch_1.bin"), 3, 9);
        Cifar10DataSource source = new Cifar10DataSource(List.of(batch), null);
        List<Example<Label>> examples = TestSupport.list(source);
        assertEquals(2, examples.size());
        assertEquals("3", examples.get(0).getOutput().getLabel());
        assertEquals("9", examples.get(1).getOutput().getLabel());
        for (int n = 0; n < 2; n++) {
            float[] pixels = ImageExamples.pixels(examples.get(n), ImageLayout.CIFAR10);
            for (int h = 0; h < 32; h++) {
                for (int w = 0; w < 32; w++) {
                    int p = h * 32 + w;
                    assertEquals(red(n, p), pixels[ImageLayout.CIFAR10.index(h, w, 0)]);
                    assertEquals(green(n, p), pixels[ImageLayout.CIFAR10.index(h, w, 1)]);
                    assertEquals(blue(n, p), pixels[ImageLayout.CIFAR10.index(h, w, 2)]);
                }
            }
        }
        // Hand-checked positions: pixel (0, 1) is plane offset 1; its green is feature 3*1+1 = 4.
        Example<Label> first = examples.get(0);
        assertEquals(green(0, 1), valueOf(first, "0004"));
        assertEquals(blue(0, 1023), valueOf(first, "3071"));
        assertEquals(red(0, 32), valueOf(first, "0096"));
    }

    private static double valueOf(Example<Label> example, String name) {
        for (var f : example) {
            if (f.getName().equals(name)) {
                return f.getValue();
            }
        }
        throw new AssertionError("no feature " + name);
    }

    @Test
    void classNamesComeFromBatchesMeta(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve(Cifar10DataSource.ARCHIVE_FOLDER);
        writeBatch(folder.resolve("data_batch_1.bin"), 0, 1);
        writeBatch(folder.resolve("data_batch_2.bin"), 2);
        writeBatch(folder.resolve("test_batch.bin"), 9, 8, 7);
        Files.writeString(folder.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        Cifar10DataSource train = Cifar10DataSource.training(dir); // finds the nested archive folder
        assertEquals(3, train.size());
        assertEquals(List.of("airplane", "automobile", "bird"),
                TestSupport.list(train).stream().map(e -> e.getOutput().getLabel()).toList());
        Cifar10DataSource test = Cifar10DataSource.test(folder);
        assertEquals(List.of("truck", "ship", "horse"),
                TestSupport.list(test).stream().map(e -> e.getOutput().getLabel()).toList());

        DataSource<Label> rebuilt = TestSupport.rebuildFromProvenance(train);
        TestSupport.assertSameExamples(train, rebuilt);
    }

    @Test
    void truncatedFileIsAClearError(@TempDir Path dir) throws Exception {
        Path batch = writeBatch(dir.resolve("data_batch_1.bin"), 1, 2);
        byte[] bytes = Files.readAllBytes(batch);
        Files.write(batch, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Cifar10DataSource(List.of(batch), null));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(batch.toString())
                && e.getMessage().contains("3073"), e.getMessage());
    }

    /** The probe's 3 GB batch (sparse: it takes no disk space) is refused before a byte is read. */
    @Test
    void aBatchLargerThanTheLimitIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("data_batch_1.bin");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(349_526L * Cifar10DataSource.RECORD_BYTES); // 1.07e9 bytes, a whole number of records
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Cifar10DataSource(List.of(huge), null));
        assertEquals("CIFAR-10 batch " + huge + " is 1,074,093,398 bytes, more than the limit of 268,435,456 bytes "
                + "(system property tribuozoo.limits.cifarFileBytes)", e.getMessage());
        Path two = writeBatch(dir.resolve("two.bin"), 1, 2);
        System.setProperty(ReadLimits.CIFAR_FILE_BYTES, Integer.toString(Cifar10DataSource.RECORD_BYTES));
        try {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new Cifar10DataSource(List.of(two), null))
                    .getMessage().contains("more than the limit of 3,073 bytes"));
        } finally {
            System.clearProperty(ReadLimits.CIFAR_FILE_BYTES);
        }
        assertEquals(2, new Cifar10DataSource(List.of(two), null).size());
    }

    @Test
    void badLabelsAndMissingFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path batch = writeBatch(dir.resolve("test_batch.bin"), 4, 12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Cifar10DataSource(List.of(batch), null));
        assertTrue(e.getMessage().contains("image 1 has label 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cifar10DataSource.training(dir));
        assertTrue(e.getMessage().contains("no CIFAR-10 training batches"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cifar10DataSource.test(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
    }
}
