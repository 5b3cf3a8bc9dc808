package org.tribuozoo.tribuo.data;

import org.tribuozoo.tribuo.ReadLimits;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Decodes image files (PNG, JPEG, GIF, BMP and anything else {@link ImageIO} reads) into raw
 * pixel arrays of a fixed {@link ImageLayout}.
 * <p>
 * How an image becomes pixels:
 * <ol>
 *   <li>Transparent pixels are composited over black, so a transparent background reads as 0.</li>
 *   <li>Grey images keep their stored grey values. (Java2D would otherwise treat them as linear
 *   grey and brighten them on conversion to sRGB.)</li>
 *   <li>The image is resized to the layout's height x width with Java2D: repeated halving with
 *   bilinear interpolation while the image is more than twice the target size, then one bilinear
 *   step to the exact size. Halving first averages every source pixel into the result, which
 *   plain one-step bilinear scaling would not do for large reductions (it would alias).</li>
 *   <li>For one channel, colour pixels become grey by ITU-R BT.601 luma,
 *   {@code 0.299 R + 0.587 G + 0.114 B}, rounded (the rule of PIL's {@code convert("L")});
 *   for three channels the values are R, G, B.</li>
 * </ol>
 * The aspect ratio is not kept: the image is stretched to the target, as Keras's
 * {@code load_img(target_size=...)} and OpenCV's {@code resize} do.
 * <p>
 * Limits, checked before anything is allocated for an image: a file is at most
 * {@link ReadLimits#imageFileBytes()} bytes, and an image has at most {@link ReadLimits#imagePixels()}
 * pixels, read from its header before it is decoded (a small file may declare a huge image: a PNG
 * of 40000x40000 black pixels compresses to 1.5 MB and would decode to 6 GB).
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Reads an image file into raw pixels of the given layout.
     *
     * @param file   the image file
     * @param layout the target layout; channels must be 1 (grey) or 3 (RGB)
     * @return {@code layout.size()} values 0..255 in (h, w, c) order
     * @throws IOException if the file cannot be read, is past a limit, or is not a decodable image
     */
    public static int[] read(Path file, ImageLayout layout) throws IOException {
        return decode(readBytes(file), layout);
    }

    /**
     * Reads an image file's bytes, refusing a file larger than {@link ReadLimits#imageFileBytes()}
     * before reading it.
     *
     * @param file the image file
     * @return its bytes
     * @throws IOException naming the reason (too large, permission denied, ...)
     */
    public static byte[] readBytes(Path file) throws IOException {
        long max = Math.min(ReadLimits.imageFileBytes(), Integer.MAX_VALUE - 9);
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            // The size is checked first for its message, the read bounded too for files without one (devices).
            byte[] bytes = size > max ? null : in.readNBytes((int) max + 1);
            if (bytes == null || bytes.length > max) {
                throw new IOException(String.format(Locale.ROOT,
                        "image file of %,d bytes, more than the limit of %,d (system property %s)",
                        Math.max(size, max + 1), max, ReadLimits.IMAGE_FILE_BYTES));
            }
            return bytes;
        } catch (FileSystemException e) {
            throw new IOException("unreadable file (" + ReadLimits.reason(e) + ")", e);
        }
    }

    /**
     * Decodes image bytes into raw pixels of the given layout.
     *
     * @param bytes  the encoded image
     * @param layout the target layout; channels must be 1 (grey) or 3 (RGB)
     * @return {@code layout.size()} values 0..255 in (h, w, c) order
     * @throws IOException if the bytes are not a decodable image, or its header declares more than
     *                     {@link ReadLimits#imagePixels()} pixels
     */
    public static int[] decode(byte[] bytes, ImageLayout layout) throws IOException {
        checkChannels(layout);
        // A memory-cached stream: ImageIO would otherwise spool every input through a temp file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not an image format ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkSize(reader);
                return pixels(decodeFirst(reader), layout);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Reads the image's width and height from its header and refuses more pixels than the limit. */
    private static void checkSize(ImageReader reader) throws IOException {
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
        if (width < 1 || height < 1) {
            throw new IOException("corrupt image (its header declares " + width + "x" + height + " pixels)");
        }
        long max = ReadLimits.imagePixels();
        if ((long) width * height > max) {
            throw new IOException(String.format(Locale.ROOT,
                    "image of %dx%d pixels, more than the limit of %,d pixels (system property %s)",
                    width, height, max, ReadLimits.IMAGE_PIXELS));
        }
    }

    private static BufferedImage decodeFirst(ImageReader reader) throws IOException {
        try {
            return reader.read(0, reader.getDefaultReadParam());
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Decoders throw unchecked exceptions on some corrupt inputs too. */
    private static IOException corrupt(Exception e) {
        return new IOException("corrupt image (" + e.getMessage() + ")", e);
    }

    /**
     * Converts a decoded image into raw pixels of the given layout.
     *
     * @param image  the image
     * @param layout the target layout; channels must be 1 (grey) or 3 (RGB)
     * @return {@code layout.size()} values 0..255 in (h, w, c) order
     */
    public static int[] pixels(BufferedImage image, ImageLayout layout) {
        checkChannels(layout);
        BufferedImage rgb = resize(toRgb(image), layout.width(), layout.height());
        int[] out = new int[layout.size()];
        int[] row = new int[layout.width()];
        for (int y = 0; y < layout.height(); y++) {
            rgb.getRGB(0, y, layout.width(), 1, row, 0, layout.width());
            for (int x = 0; x < layout.width(); x++) {
                int r = (row[x] >> 16) & 0xFF;
                int g = (row[x] >> 8) & 0xFF;
                int b = row[x] & 0xFF;
                int base = layout.index(y, x, 0);
                if (layout.channels() == 1) {
                    out[base] = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    out[base] = r;
                    out[base + 1] = g;
                    out[base + 2] = b;
                }
            }
        }
        return out;
    }

    private static void checkChannels(ImageLayout layout) {
        if (layout.channels() != 1 && layout.channels() != 3) {
            throw new IllegalArgumentException("image files are read with 1 (grey) or 3 (RGB) channels, not "
                    + layout.channels());
        }
    }

    /** Copies any image into opaque 8-bit RGB, compositing over black. */
    private static BufferedImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ColorModel cm = image.getColorModel();
        boolean directGrey = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
        int[] row = new int[w];
        if (directGrey) {
            Raster raster = image.getRaster();
            int greyMax = (1 << cm.getComponentSize(0)) - 1;
            int alphaMax = cm.hasAlpha() ? (1 << cm.getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double grey = raster.getSample(x, y, 0) * 255.0 / greyMax;
                    if (cm.hasAlpha()) {
                        grey *= raster.getSample(x, y, 1) / (double) alphaMax;
                    }
                    int v = (int) Math.round(grey);
                    row[x] = (v << 16) | (v << 8) | v;
                }
                out.setRGB(0, y, w, 1, row, 0, w);
            }
        } else {
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                if (cm.hasAlpha()) {
                    for (int x = 0; x < w; x++) {
                        row[x] = overBlack(row[x]);
                    }
                }
                out.setRGB(0, y, w, 1, row, 0, w);
            }
        }
        return out;
    }

    private static int overBlack(int argb) {
        int a = argb >>> 24;
        int r = (((argb >> 16) & 0xFF) * a + 127) / 255;
        int g = (((argb >> 8) & 0xFF) * a + 127) / 255;
        int b = ((argb & 0xFF) * a + 127) / 255;
        return (r << 16) | (g << 8) | b;
    }

    /** Resizes an RGB image: halving steps for large reductions, then one bilinear step. */
    private static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        while (w != width || h != height) {
            w = w >= 2 * width ? w / 2 : width;
            h = h >= 2 * height ? h / 2 : height;
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        }
        return current;
    }
}
