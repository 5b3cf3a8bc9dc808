package org.tribuozoo.cli.pictures;

import java.awt.image.BufferedImage;

/**
 * Turns arrays of values into small images, enlarged by whole pixels (nearest neighbour, so a
 * 5x5 filter stays 25 crisp squares): grey for one channel, RGB for three.
 */
public final class Tiles {

    private Tiles() {
    }

    /**
     * An image stored in (h, w, c) order, channels 1 (grey) or 3 (RGB), values mapped linearly so
     * that {@code low} is black and {@code high} white; values outside are clipped.
     *
     * @param values the array
     * @param offset where the image starts in {@code values}
     * @param height rows
     * @param width  columns
     * @param channels 1 or 3
     * @param low    the value drawn black
     * @param high   the value drawn white
     * @param scale  screen pixels per value, at least 1
     */
    public static BufferedImage image(float[] values, int offset, int height, int width, int channels,
                                      double low, double high, int scale) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("a tile has 1 or 3 channels, not " + channels);
        }
        BufferedImage out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        double range = high - low;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int base = offset + (y * width + x) * channels;
                int r = level(values[base], low, range);
                int rgb;
                if (channels == 1) {
                    rgb = (r << 16) | (r << 8) | r;
                } else {
                    rgb = (r << 16) | (level(values[base + 1], low, range) << 8) | level(values[base + 2], low, range);
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return out;
    }

    /** Like {@link #image}, stretched so the array's own minimum is black and maximum white. */
    public static BufferedImage normalized(float[] values, int offset, int height, int width, int channels,
                                           int scale) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + height * width * channels; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        // A constant map (a dead ReLU channel) is drawn black rather than divided by zero.
        return image(values, offset, height, width, channels, min, max > min ? max : min + 1, scale);
    }

    /** The enlargement that brings the longer side of an image to about {@code target} pixels. */
    public static int scaleFor(int height, int width, int target) {
        return Math.max(1, (int) Math.round(target / (double) Math.max(height, width)));
    }

    private static int level(float v, double low, double range) {
        double t = (v - low) / range;
        return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    }
}
