package org.tribuozoo.tribuo.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feature naming contract between the image data sources and the trainer.
 * <p>
 * An image with layout {@code H x W x C} becomes a Tribuo example whose feature names are the
 * decimal index {@code i = (h * W + w) * C + c} of each value in row-major (h, w, c) order,
 * zero-padded to a fixed width. The width is the number of decimal digits of {@code H * W * C},
 * which is exactly the rule Tribuo's {@link org.tribuo.datasource.IDXDataSource} uses, so a
 * 28x28x1 image is named {@code "000"} to {@code "783"} and a 32x32x3 image {@code "0000"} to
 * {@code "3071"}. Fixed-width names sort lexicographically in pixel order, which keeps Tribuo's
 * feature maps in pixel order too.
 * <p>
 * Consumers must place a value by parsing its name ({@link #parse(String, ImageLayout)}), never
 * by its feature-map id: sources omit zero pixels, so a dataset's feature map only holds the
 * pixels that are non-zero somewhere and ids do not line up with positions.
 * {@link #parse(String)} accepts any width of zero padding, so names produced with another
 * padding rule still parse.
 */
public final class PixelFeatureNames {

    /** Name arrays are immutable in practice and shared, so one per size is plenty. */
    private static final Map<Integer, String[]> CACHE = new ConcurrentHashMap<>();

    private PixelFeatureNames() {
    }

    /**
     * The number of characters of every name for an image of {@code total} values.
     *
     * @param total values per image, {@code H * W * C}
     * @return the number of decimal digits of {@code total}
     */
    public static int width(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("an image needs at least one value, got " + total);
        }
        return Integer.toString(total).length();
    }

    /**
     * The feature name of one value.
     *
     * @param index the flat (h, w, c) index, {@code 0 <= index < total}
     * @param total values per image, {@code H * W * C}
     * @return the zero-padded decimal index
     * @throws IllegalArgumentException if the index is out of range
     */
    public static String name(int index, int total) {
        if (index < 0 || index >= total) {
            throw new IllegalArgumentException("pixel index " + index + " is outside 0.." + (total - 1));
        }
        return cached(total)[index];
    }

    /**
     * The feature name of the value at (h, w, c).
     *
     * @param layout the image layout
     * @param h      row
     * @param w      column
     * @param c      channel
     * @return the feature name
     */
    public static String name(ImageLayout layout, int h, int w, int c) {
        if (h < 0 || h >= layout.height() || w < 0 || w >= layout.width() || c < 0 || c >= layout.channels()) {
            throw new IllegalArgumentException("position (" + h + ", " + w + ", " + c + ") is outside " + layout);
        }
        return name(layout.index(h, w, c), layout.size());
    }

    /**
     * All feature names of an image, in index order.
     *
     * @param layout the image layout
     * @return a fresh array of {@code layout.size()} names
     */
    public static String[] names(ImageLayout layout) {
        return cached(layout.size()).clone();
    }

    /**
     * Parses a feature name back into its flat (h, w, c) index.
     *
     * @param name the feature name, decimal digits only
     * @return the index
     * @throws IllegalArgumentException if the name is not a non-negative decimal integer
     */
    public static int parse(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("feature name is empty; pixel features are named by their decimal index");
        }
        long value = 0;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new IllegalArgumentException("feature name '" + name
                        + "' is not a pixel index; pixel features are named by their decimal index, e.g. '000'..'783'");
            }
            value = value * 10 + (ch - '0');
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("feature name '" + name + "' is too large for a pixel index");
            }
        }
        return (int) value;
    }

    /**
     * Parses a feature name and checks that it fits the layout.
     *
     * @param name   the feature name
     * @param layout the image layout the example should have
     * @return the flat (h, w, c) index, {@code 0 <= index < layout.size()}
     * @throws IllegalArgumentException if the name does not parse or is outside the layout
     */
    public static int parse(String name, ImageLayout layout) {
        int index = parse(name);
        if (index >= layout.size()) {
            throw new IllegalArgumentException("feature '" + name + "' is pixel index " + index + " but a "
                    + layout + " image has only " + layout.size() + " values; the image size does not match");
        }
        return index;
    }

    private static String[] cached(int total) {
        return CACHE.computeIfAbsent(total, PixelFeatureNames::build);
    }

    private static String[] build(int total) {
        String format = "%0" + width(total) + "d";
        String[] names = new String[total];
        for (int i = 0; i < total; i++) {
            names[i] = String.format(java.util.Locale.ROOT, format, i);
        }
        return names;
    }
}
