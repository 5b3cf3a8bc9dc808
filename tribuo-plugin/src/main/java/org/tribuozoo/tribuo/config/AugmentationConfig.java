package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.tribuozoo.tribuo.data.Augmentation;

/** {@link Augmentation}: random rotations, shifts and flips of the training images, drawn anew each epoch. */
public final class AugmentationConfig implements Configurable, Provenancable<ConfiguredObjectProvenance> {

    @Config(description = "Largest random rotation in degrees (0 for none).")
    private double rotationDegrees = 0.0;

    @Config(description = "Largest random horizontal shift, a fraction of the width.")
    private double widthShift = 0.0;

    @Config(description = "Largest random vertical shift, a fraction of the height.")
    private double heightShift = 0.0;

    @Config(description = "Flip half the images left to right.")
    private boolean horizontalFlip = false;

    /** No augmentation; for OLCUT. */
    public AugmentationConfig() {
    }

    /**
     * The component of an augmentation.
     *
     * @param value the augmentation whose rotation, shifts and flip the fields take
     */
    public AugmentationConfig(Augmentation value) {
        rotationDegrees = value.rotation();
        widthShift = value.widthShift();
        heightShift = value.heightShift();
        horizontalFlip = value.horizontalFlip();
    }

    /**
     * The augmentation the fields describe.
     *
     * @return the augmentation
     * @throws com.oracle.labs.mlrg.olcut.config.PropertyException if a field is out of range (a rotation
     *                                                             outside [0, 180] degrees or a shift outside [0, 1])
     */
    public Augmentation toAugmentation() {
        return DslConfig.build(() -> Augmentation.builder().rotation(rotationDegrees).widthShift(widthShift)
                .heightShift(heightShift).horizontalFlip(horizontalFlip).build());
    }

    @Override
    public void postConfig() {
        toAugmentation();
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "AugmentationConfig");
    }
}
