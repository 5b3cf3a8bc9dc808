package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.tribuozoo.tribuo.data.ImageLayout;

/**
 * How examples hold their images and how their values reach the network: {@code value * pixelScale +
 * pixelOffset} for each pixel of a {@code height x width x channels} image.
 */
public final class ImageInputConfig implements Configurable, Provenancable<ConfiguredObjectProvenance> {

    @Config(mandatory = true, description = "Image height.")
    private int height;

    @Config(mandatory = true, description = "Image width.")
    private int width;

    @Config(mandatory = true, description = "Image channels.")
    private int channels;

    @Config(description = "Multiplies each raw feature value (1/255 brings bytes to [0, 1]).")
    private double pixelScale = 1.0 / 255.0;

    @Config(description = "Added to each value after scaling.")
    private double pixelOffset = 0.0;

    /** For OLCUT. */
    private ImageInputConfig() {
    }

    /**
     * Images of this layout, scaled and offset.
     *
     * @param layout      height, width and channels of each image
     * @param pixelScale  multiplies each raw feature value (1/255 brings bytes to [0, 1]); finite
     * @param pixelOffset added to each value after scaling; finite
     * @throws com.oracle.labs.mlrg.olcut.config.PropertyException if the scale or offset is not finite
     */
    public ImageInputConfig(ImageLayout layout, double pixelScale, double pixelOffset) {
        this.height = layout.height();
        this.width = layout.width();
        this.channels = layout.channels();
        this.pixelScale = pixelScale;
        this.pixelOffset = pixelOffset;
        postConfig();
    }

    @Override
    public void postConfig() {
        layout();
        if (!Double.isFinite(pixelScale) || !Double.isFinite(pixelOffset)) {
            throw new PropertyException("", "pixelScale", "pixel scale and offset must be finite, got "
                    + pixelScale + " and " + pixelOffset);
        }
    }

    /**
     * The images' layout.
     *
     * @return height, width and channels as configured
     * @throws com.oracle.labs.mlrg.olcut.config.PropertyException if a dimension is not positive
     */
    public ImageLayout layout() {
        return DslConfig.build(() -> new ImageLayout(height, width, channels));
    }

    /**
     * Multiplies each raw value.
     *
     * @return the scale; 1/255 by default
     */
    public double pixelScale() {
        return pixelScale;
    }

    /**
     * Added to each value after scaling.
     *
     * @return the offset; 0 by default
     */
    public double pixelOffset() {
        return pixelOffset;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "ImageInputConfig");
    }
}
