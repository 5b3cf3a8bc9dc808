package org.tribuozoo.tribuo.data;

/**
 * The shape of one image: height x width x channels, channels last.
 * <p>
 * Pixel values are stored row-major in (h, w, c) order, so the flat index of a value is
 * {@code (h * width + w) * channels + c}; this is the index that {@link PixelFeatureNames}
 * turns into a feature name.
 *
 * @param height   rows, at least 1
 * @param width    columns, at least 1
 * @param channels values per pixel (1 for grey, 3 for RGB), at least 1
 */
public record ImageLayout(int height, int width, int channels) {

    /** 28x28 grey, the layout of MNIST, Fashion-MNIST and the demo data set. */
    public static final ImageLayout MNIST = new ImageLayout(28, 28, 1);

    /** 32x32 RGB, the layout of CIFAR-10. */
    public static final ImageLayout CIFAR10 = new ImageLayout(32, 32, 3);

    /**
     * Validates the dimensions.
     *
     * @param height   rows, at least 1
     * @param width    columns, at least 1
     * @param channels values per pixel, at least 1
     * @throws IllegalArgumentException if a dimension is not positive or the size overflows an int
     */
    public ImageLayout {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("image layout needs positive height, width and channels, got "
                    + height + "x" + width + "x" + channels);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image layout " + height + "x" + width + "x" + channels + " is too large");
        }
    }

    /**
     * Parses {@code HxWxC} (for example {@code 28x28x1}) or {@code HxW} (one channel).
     *
     * @param text the layout text
     * @return the layout
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static ImageLayout parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("image layout must be HxWxC or HxW, got '" + text + "'");
        }
        try {
            int h = Integer.parseInt(parts[0].trim());
            int w = Integer.parseInt(parts[1].trim());
            int c = parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 1;
            return new ImageLayout(h, w, c);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("image layout must be HxWxC or HxW, got '" + text + "'");
        }
    }

    /**
     * The layout of a network's image input.
     *
     * @param shape an image shape (height, width, channels)
     * @return the layout
     * @throws IllegalArgumentException if the shape is not an image
     */
    public static ImageLayout of(org.tribuozoo.dsl.Shape shape) {
        if (!shape.isImage()) {
            throw new IllegalArgumentException("the network's input " + shape
                    + " is not an image (height, width, channels)");
        }
        return new ImageLayout(shape.height(), shape.width(), shape.channels());
    }

    /** @return the shape of one image, for the DSL */
    public org.tribuozoo.dsl.Shape shape() {
        return org.tribuozoo.dsl.Shape.image(height, width, channels);
    }

    /**
     * The feature name of one pixel value.
     *
     * @param index the value's flat index in HWC order, in {@code [0, size())}
     * @return the feature name of the value at that index, as {@link PixelFeatureNames} writes it
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    public String featureName(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("pixel index " + index + " outside a " + this + " image");
        }
        return PixelFeatureNames.name(index, size());
    }

    /**
     * The flat index a feature name stands for.
     *
     * @param featureName a decimal pixel index, any zero padding
     * @return the index, inside this layout
     * @throws IllegalArgumentException if the name is not a pixel index of this layout
     */
    public int pixelIndex(String featureName) {
        return PixelFeatureNames.parse(featureName, this);
    }

    /** @return the number of values in one image, {@code height * width * channels} */
    public int size() {
        return height * width * channels;
    }

    /** @return the number of pixels in one channel plane, {@code height * width} */
    public int pixels() {
        return height * width;
    }

    /**
     * The flat (h, w, c) index of one value.
     *
     * @param h row
     * @param w column
     * @param c channel
     * @return {@code (h * width + w) * channels + c}
     */
    public int index(int h, int w, int c) {
        return (h * width + w) * channels + c;
    }

    /** @return {@code HxWxC}, the form {@link #parse} reads */
    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
