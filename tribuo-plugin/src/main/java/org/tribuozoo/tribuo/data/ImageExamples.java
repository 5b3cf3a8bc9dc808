package org.tribuozoo.tribuo.data;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * Converts between dense (h, w, c) pixel arrays and Tribuo examples named by
 * {@link PixelFeatureNames}.
 *
 * <p>Examples built here record their image layout in Tribuo's example metadata
 * ({@value #LAYOUT_METADATA}, the layout as {@code HxWxC}), so that a model refuses an image of
 * another size even when its pixel names would fit (a 27x27 image's names are all pixels of a 28x28
 * one). Examples without it (Tribuo's {@code IDXDataSource}, examples built by hand) are checked by
 * their names and values alone.
 */
public final class ImageExamples {

    /** The example metadata key holding an example's image layout, {@code HxWxC}. */
    public static final String LAYOUT_METADATA = "tribuozoo.image-layout";

    private ImageExamples() {
    }

    /**
     * The image layout an example records in its metadata, if it records one.
     *
     * @param example any example
     * @return the layout under {@link #LAYOUT_METADATA}; empty when the example records none
     * @throws IllegalArgumentException if the recorded value is not a layout
     */
    public static java.util.Optional<ImageLayout> layoutOf(Example<?> example) {
        return example.getMetadataValue(LAYOUT_METADATA).map(v -> ImageLayout.parse(v.toString()));
    }

    /** Records the layout in an example's metadata. */
    private static ArrayExample<Label> withLayout(ArrayExample<Label> example, ImageLayout layout) {
        example.setMetadataValue(LAYOUT_METADATA, layout.toString());
        return example;
    }

    /**
     * Builds an example from raw pixel values in (h, w, c) order, recording its layout. Zero values are
     * left out, as Tribuo's IDXDataSource does, because Tribuo treats absent features as zero.
     *
     * @param label  the label
     * @param pixels {@code layout.size()} raw values (0..255 for 8-bit images)
     * @param layout the image layout
     * @return the example
     */
    public static ArrayExample<Label> toExample(Label label, int[] pixels, ImageLayout layout) {
        checkLength(pixels.length, layout);
        String[] names = PixelFeatureNames.names(layout);
        int nonZero = 0;
        for (int v : pixels) {
            if (v != 0) {
                nonZero++;
            }
        }
        String[] keptNames = new String[nonZero];
        double[] keptValues = new double[nonZero];
        int k = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != 0) {
                keptNames[k] = names[i];
                keptValues[k] = pixels[i];
                k++;
            }
        }
        return withLayout(new ArrayExample<>(label, keptNames, keptValues), layout);
    }

    /**
     * Builds an example from pixel values in (h, w, c) order, leaving zeros out and recording its layout.
     *
     * @param label  the label
     * @param pixels {@code layout.size()} values
     * @param layout the image layout
     * @return the example
     */
    public static ArrayExample<Label> toExample(Label label, double[] pixels, ImageLayout layout) {
        checkLength(pixels.length, layout);
        String[] names = PixelFeatureNames.names(layout);
        ArrayExample<Label> example = new ArrayExample<>(label);
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != 0.0) {
                example.add(names[i], pixels[i]);
            }
        }
        return withLayout(example, layout);
    }

    /**
     * The dense raw pixel values of an example, placed by parsing each feature name.
     *
     * @param example an example whose features follow {@link PixelFeatureNames}
     * @param layout  the image layout
     * @return {@code layout.size()} values in (h, w, c) order; absent features are zero
     * @throws IllegalArgumentException if a feature name does not parse or does not fit the layout
     */
    public static float[] pixels(Example<?> example, ImageLayout layout) {
        float[] out = new float[layout.size()];
        for (Feature f : example) {
            out[PixelFeatureNames.parse(f.getName(), layout)] = (float) f.getValue();
        }
        return out;
    }

    private static void checkLength(int length, ImageLayout layout) {
        if (length != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " pixel values for a " + layout
                    + " image, got " + length);
        }
    }

}
