package org.tribuozoo.tribuo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.classification.Label;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderDataSourceTest {

    /** Solid colour image of any size and type. */
    private static BufferedImage solid(int w, int h, int type, Color color) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    /** Left half black, right half white. */
    private static BufferedImage halves(int w, int h) {
        BufferedImage image = solid(w, h, BufferedImage.TYPE_INT_RGB, Color.BLACK);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return image;
    }

    private static void write(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
    }

    /** A folder with 4 readable images in two classes and 4 files to skip. */
    private static Path makeFolder(Path dir) throws IOException {
        write(solid(40, 30, BufferedImage.TYPE_INT_RGB, new Color(255, 0, 0)), "png", dir.resolve("cats/a.png"));
        write(solid(64, 64, BufferedImage.TYPE_INT_RGB, new Color(0, 0, 255)), "bmp", dir.resolve("cats/b.bmp"));
        write(halves(64, 64), "gif", dir.resolve("dogs/c.gif"));
        write(solid(20, 10, BufferedImage.TYPE_BYTE_GRAY, new Color(100, 100, 100)), "png", dir.resolve("dogs/sub/d.png"));
        // Things to skip: a text file, a JPEG cut short, random bytes named .jpg, a stray top-level file.
        Files.writeString(dir.resolve("cats/notes.txt"), "not an image");
        write(solid(50, 50, BufferedImage.TYPE_INT_RGB, Color.GREEN), "jpg", dir.resolve("dogs/full.jpg"));
        byte[] jpeg = Files.readAllBytes(dir.resolve("dogs/full.jpg"));
        Files.delete(dir.resolve("dogs/full.jpg"));
        Files.write(dir.resolve("dogs/corrupt.jpg"), Arrays.copyOf(jpeg, 20));
        byte[] noise = new byte[300];
        new java.util.Random(1).nextBytes(noise);
        Files.write(dir.resolve("cats/noise.jpg"), noise);
        Files.writeString(dir.resolve("README"), "top-level file");
        return dir;
    }

    @Test
    void readsClassesInOrderAndReportsSkippedFiles(@TempDir Path dir) throws Exception {
        makeFolder(dir);
        List<String> warnings = new java.util.ArrayList<>();
        Logger logger = Logger.getLogger(ImageFolderDataSource.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        ImageFolderDataSource source;
        try {
            source = new ImageFolderDataSource(dir, new ImageLayout(8, 8, 3), -1);
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(4, source.size());
        assertEquals(Map.of("cats", 2, "dogs", 2), source.classCounts());
        assertEquals(List.of("cats", "cats", "dogs", "dogs"),
                TestSupport.list(source).stream().map(e -> e.getOutput().getLabel()).toList());

        List<String> skippedNames = source.skipped().stream().map(s -> s.file().getFileName().toString()).toList();
        assertEquals(List.of("README", "noise.jpg", "notes.txt", "corrupt.jpg"), skippedNames);
        assertTrue(source.skipped().stream().allMatch(s -> !s.reason().isBlank()));
        assertTrue(source.summary().contains("read 4 images of 8x8x3 in 2 classes")
                && source.summary().contains("skipped 4 files"), source.summary());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("WARNING") && w.contains("corrupt.jpg")
                && w.contains("notes.txt")), warnings.toString());
    }

    @Test
    void pixelsAreResizedColoursInHwcOrder(@TempDir Path dir) throws Exception {
        makeFolder(dir);
        ImageFolderDataSource rgb = new ImageFolderDataSource(dir, new ImageLayout(8, 8, 3), -1);
        List<Example<Label>> examples = TestSupport.list(rgb);
        float[] red = ImageExamples.pixels(examples.get(0), rgb.layout());
        float[] blue = ImageExamples.pixels(examples.get(1), rgb.layout());
        for (int p = 0; p < 64; p++) {
            assertArrayEquals(new float[] {255, 0, 0}, Arrays.copyOfRange(red, 3 * p, 3 * p + 3));
            assertArrayEquals(new float[] {0, 0, 255}, Arrays.copyOfRange(blue, 3 * p, 3 * p + 3));
        }
        // 64 -> 8 by halving keeps the black/white edge sharp: left half 0, right half 255.
        float[] halves = ImageExamples.pixels(examples.get(2), rgb.layout());
        for (int h = 0; h < 8; h++) {
            for (int w = 0; w < 8; w++) {
                assertEquals(w < 4 ? 0f : 255f, halves[rgb.layout().index(h, w, 1)], "pixel " + h + "," + w);
            }
        }

        ImageFolderDataSource grey = new ImageFolderDataSource(dir, new ImageLayout(5, 6, 1), -1);
        List<Example<Label>> greyExamples = TestSupport.list(grey);
        float[] redAsGrey = ImageExamples.pixels(greyExamples.get(0), grey.layout());
        float[] storedGrey = ImageExamples.pixels(greyExamples.get(3), grey.layout());
        for (int p = 0; p < 30; p++) {
            assertEquals(76f, redAsGrey[p], "BT.601 luma of pure red: round(0.299 * 255)");
            assertEquals(100f, storedGrey[p], "grey images keep their stored values");
        }
    }

    @Test
    void theDefaultOrderMixesTheClassesSoThatTheLastFractionHoldsBoth(@TempDir Path dir) throws Exception {
        for (String cls : List.of("cats", "dogs")) {
            Files.createDirectories(dir.resolve(cls));
            for (int i = 0; i < 20; i++) {
                write(solid(4, 4, BufferedImage.TYPE_INT_RGB, new Color(i * 10, 0, 0)), "png",
                        dir.resolve(cls).resolve(String.format("%02d.png", i)));
            }
        }
        List<String> order = new java.util.ArrayList<>();
        new ImageFolderDataSource(dir, new ImageLayout(4, 4, 1)).forEach(e -> order.add(e.getOutput().getLabel()));
        List<String> again = new java.util.ArrayList<>();
        new ImageFolderDataSource(dir, new ImageLayout(4, 4, 1)).forEach(e -> again.add(e.getOutput().getLabel()));
        assertEquals(order, again, "the same order every time");
        assertEquals(java.util.Set.of("cats", "dogs"), java.util.Set.copyOf(order.subList(30, 40)),
                "the last quarter holds both classes: " + order);
        List<String> sorted = new java.util.ArrayList<>();
        new ImageFolderDataSource(dir, new ImageLayout(4, 4, 1), -1).forEach(e -> sorted.add(e.getOutput().getLabel()));
        assertEquals(java.util.Set.of("dogs"), java.util.Set.copyOf(sorted.subList(30, 40)));
    }

    @Test
    void provenanceRebuildsTheSource(@TempDir Path dir) throws Exception {
        makeFolder(dir);
        ImageFolderDataSource source = new ImageFolderDataSource(dir, new ImageLayout(6, 6, 1));
        DataSource<Label> rebuilt = TestSupport.rebuildFromProvenance(source);
        TestSupport.assertSameExamples(source, rebuilt);
        assertEquals(source.getProvenance(), rebuilt.getProvenance(), "re-reading the same files gives the same provenance");
    }

    /**
     * A PNG whose header declares width x height grey pixels, with one row of image data: enough for
     * the header check, which refuses it before decoding (the probe's 1.5 MB file of 40000x40000
     * black pixels has the same header).
     */
    static Path pngDeclaring(Path file, int width, int height) throws IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        java.io.ByteArrayOutputStream row = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(row)) {
            z.write(new byte[width + 1]);
        }
        chunk(png, "IDAT", row.toByteArray());
        chunk(png, "IEND", new byte[0]);
        Files.createDirectories(file.getParent());
        return Files.write(file, png.toByteArray());
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeBytes);
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void anImageOfTooManyPixelsIsRefusedFromItsHeader(@TempDir Path dir) throws Exception {
        Path huge = pngDeclaring(dir.resolve("huge.png"), 40000, 40000);
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(huge, ImageLayout.MNIST));
        assertEquals("image of 40000x40000 pixels, more than the limit of 134,217,728 pixels "
                + "(system property tribuozoo.limits.imagePixels)", e.getMessage());
        // Just within the limit, the same kind of file decodes.
        Path fits = pngDeclaring(dir.resolve("fits.png"), 1 << 14, 1);
        assertEquals(784, ImageFiles.read(fits, ImageLayout.MNIST).length);
    }

    /** An oversized image in a folder is one more skipped file, not the end of the data set. */
    @Test
    void oversizedImagesInAFolderAreSkippedAndCounted(@TempDir Path dir) throws Exception {
        write(solid(40, 30, BufferedImage.TYPE_INT_RGB, Color.RED), "png", dir.resolve("cats/a.png"));
        write(solid(40, 30, BufferedImage.TYPE_INT_RGB, Color.BLUE), "png", dir.resolve("dogs/b.png"));
        pngDeclaring(dir.resolve("cats/huge.png"), 40000, 40000);
        write(solid(400, 300, BufferedImage.TYPE_INT_RGB, Color.GREEN), "bmp", dir.resolve("dogs/big.bmp"));
        System.setProperty(org.tribuozoo.tribuo.ReadLimits.IMAGE_FILE_BYTES, "100000");
        ImageFolderDataSource source;
        try {
            source = new ImageFolderDataSource(dir, ImageLayout.MNIST);
        } finally {
            System.clearProperty(org.tribuozoo.tribuo.ReadLimits.IMAGE_FILE_BYTES);
        }
        assertEquals(2, source.size());
        assertEquals(Map.of("cats", 1, "dogs", 1), source.classCounts());
        assertEquals(List.of(
                new ImageFolderDataSource.SkippedFile(dir.resolve("cats/huge.png"), "image of 40000x40000 pixels, "
                        + "more than the limit of 134,217,728 pixels (system property tribuozoo.limits.imagePixels)"),
                new ImageFolderDataSource.SkippedFile(dir.resolve("dogs/big.bmp"), "image file of 360,054 bytes, "
                        + "more than the limit of 100,000 (system property tribuozoo.limits.imageFileBytes)")),
                source.skipped());
        assertTrue(source.summary().endsWith("skipped 2 files"), source.summary());
    }

    @Test
    void badFoldersAreClearErrors(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageFolderDataSource(dir.resolve("absent"), ImageLayout.MNIST));
        assertTrue(e.getMessage().contains("image folder not found"), e.getMessage());
        Files.writeString(dir.resolve("loose.txt"), "x");
        e = assertThrows(IllegalArgumentException.class, () -> new ImageFolderDataSource(dir, ImageLayout.MNIST));
        assertTrue(e.getMessage().contains("no class folders"), e.getMessage());
        Files.createDirectories(dir.resolve("empty-class"));
        Files.writeString(dir.resolve("empty-class/x.txt"), "x");
        e = assertThrows(IllegalArgumentException.class, () -> new ImageFolderDataSource(dir, ImageLayout.MNIST));
        assertTrue(e.getMessage().contains("no readable images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ImageFolderDataSource(dir, new ImageLayout(8, 8, 2)));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
    }
}
