package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.tribuozoo.dsl.training.Optimizer;

/** {@link Optimizer.Adam}: Adam with bias correction. */
public final class AdamConfig implements OptimizerConfig {
    private static final Optimizer.Adam DEFAULTS = Optimizer.adam();

    @Config(description = "Base learning rate.")
    private double learningRate = DEFAULTS.learningRate();

    @Config(description = "Decay of the first moment, in [0, 1).")
    private double beta1 = DEFAULTS.beta1();

    @Config(description = "Decay of the second moment, in [0, 1).")
    private double beta2 = DEFAULTS.beta2();

    @Config(description = "Added to the root of the second moment.")
    private double epsilon = DEFAULTS.epsilon();

    /** Keras's defaults; for OLCUT. */
    public AdamConfig() {
    }

    /**
     * The component of an Adam value.
     *
     * @param value the optimizer whose learning rate, betas and epsilon the fields take
     */
    public AdamConfig(Optimizer.Adam value) {
        learningRate = value.learningRate();
        beta1 = value.beta1();
        beta2 = value.beta2();
        epsilon = value.epsilon();
    }

    @Override
    public Optimizer.Adam toDsl() {
        return DslConfig.build(() -> new Optimizer.Adam(learningRate, beta1, beta2, epsilon));
    }

    @Override
    public String toString() {
        return toDsl().toString();
    }
}
