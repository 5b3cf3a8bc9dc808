package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.tribuozoo.dsl.training.Loss;

/** A {@link Loss} by its Keras name; focal loss takes gamma and alpha. */
public final class LossConfig implements DslConfig<Loss> {
    private static final Loss.Focal FOCAL_DEFAULTS = (Loss.Focal) Loss.focal();

    @Config(mandatory = true, description = "mean_squared_error, categorical_crossentropy, "
            + "sparse_categorical_crossentropy, binary_crossentropy or focal.")
    private String name;

    @Config(description = "Focal loss gamma (focal only).")
    private double focalGamma = FOCAL_DEFAULTS.gamma();

    @Config(description = "Focal loss alpha (focal only).")
    private double focalAlpha = FOCAL_DEFAULTS.alpha();

    /** For OLCUT. */
    private LossConfig() {
    }

    /**
     * The component of a loss value.
     *
     * @param value the loss, recorded by its Keras name (with gamma and alpha for focal loss)
     */
    public LossConfig(Loss value) {
        name = value.configName();
        if (value instanceof Loss.Focal f) {
            focalGamma = f.gamma();
            focalAlpha = f.alpha();
        }
    }

    @Override
    public Loss toDsl() {
        return DslConfig.build(() -> Loss.fromConfigName(name, focalGamma, focalAlpha));
    }

    @Override
    public String toString() {
        return name;
    }
}
