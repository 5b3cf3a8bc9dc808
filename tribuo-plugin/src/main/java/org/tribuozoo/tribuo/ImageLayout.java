package org.tribuozoo.tribuo;

import org.tribuozoo.dsl.Shape;

/**
 * How a Tribuo example holds an image: one feature per value, named by the value's position in
 * the row-major (height, width, channel) layout, {@code i = (h * width + w) * channels + c}, written
 * in decimal and zero-padded to the digits of the largest index. A 28x28 grey image uses
 * {@code "000"} to {@code "783"}, exactly the names of Tribuo's IDXDataSource; a 32x32 colour image
 * uses {@code "0000"} to {@code "3071"}. Names without the padding are accepted too. Features that
 * are absent are zero (IDXDataSource leaves out zero pixels).
 *
 * @param height   rows
 * @param width    columns
 * @param channels values per pixel
 */
public record ImageLayout(int height, int width, int channels) {

    public ImageLayout {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image layout needs positive height, width and channels, got "
                    + height + "x" + width + "x" + channels);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image layout " + height + "x" + width + "x" + channels + " is too large");
        }
    }

    /** The layout of a network's image input. */
    public static ImageLayout of(Shape shape) {
        if (!shape.isImage()) {
            throw new IllegalArgumentException("the network's input " + shape
                    + " is not an image (height, width, channels)");
        }
        return new ImageLayout(shape.height(), shape.width(), shape.channels());
    }

    /** Values per image. */
    public int size() {
        return height * width * channels;
    }

    /** The shape of one image. */
    public Shape shape() {
        return Shape.image(height, width, channels);
    }

    /** The flat index of a value. */
    public int index(int row, int column, int channel) {
        return (row * width + column) * channels + channel;
    }

    /** The feature name of the value at a flat index, zero-padded. */
    public String featureName(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("pixel index " + index + " outside a " + this + " image");
        }
        int digits = Integer.toString(size() - 1).length();
        String s = Integer.toString(index);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }

    /**
     * The flat index a feature name stands for.
     *
     * @throws IllegalArgumentException when the name is not a decimal index inside this layout
     */
    public int pixelIndex(String featureName) {
        int n = featureName.length();
        if (n == 0 || n > 10) {
            throw badName(featureName);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char ch = featureName.charAt(i);
            if (ch < '0' || ch > '9') {
                throw badName(featureName);
            }
            v = v * 10 + (ch - '0');
        }
        if (v >= size()) {
            throw new IllegalArgumentException("feature '" + featureName + "' is pixel " + v + ", outside a "
                    + compact() + " image (" + size() + " values): the images are larger than the network's input");
        }
        return (int) v;
    }

    private IllegalArgumentException badName(String name) {
        return new IllegalArgumentException("feature '" + name + "' is not a pixel index: image features must be "
                + "named by their row-major (height, width, channel) index, as IDXDataSource names them (\"000\".."
                + "\"" + featureName(size() - 1) + "\" for " + compact() + ")");
    }

    /** {@code 28x28x1}. */
    public String compact() {
        return height + "x" + width + "x" + channels;
    }

    @Override
    public String toString() {
        return compact();
    }
}
