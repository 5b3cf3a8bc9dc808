package org.tribuozoo.tribuo.data;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * Converts between dense (h, w, c) pixel arrays and Tribuo examples named by
 * {@link PixelFeatureNames}.
 */
public final class ImageExamples {

    private ImageExamples() {
    }

    /**
     * Builds an example from raw pixel values in (h, w, c) order. Zero values are left out, as
     * Tribuo's IDXDataSource does, because Tribuo treats absent features as zero.
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
        return new ArrayExample<>(label, keptNames, keptValues);
    }

    /**
     * Builds an example from pixel values in (h, w, c) order, leaving zeros out.
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
        return example;
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
