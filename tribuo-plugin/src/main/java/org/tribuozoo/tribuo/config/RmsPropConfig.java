package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.tribuozoo.dsl.training.Optimizer;

/** {@link Optimizer.RmsProp}: a moving average of squared gradients, optional momentum. */
public final class RmsPropConfig implements OptimizerConfig {
    private static final Optimizer.RmsProp DEFAULTS = Optimizer.rmsProp();

    @Config(description = "Base learning rate.")
    private double learningRate = DEFAULTS.learningRate();

    @Config(description = "Decay of the moving average of squared gradients, in [0, 1].")
    private double rho = DEFAULTS.rho();

    @Config(description = "Momentum, in [0, 1].")
    private double momentum = DEFAULTS.momentum();

    @Config(description = "Added to the root of the moving average.")
    private double epsilon = DEFAULTS.epsilon();

    /** Keras's defaults; for OLCUT. */
    public RmsPropConfig() {
    }

    /**
     * The component of an RMSProp value.
     *
     * @param value the optimizer whose learning rate, rho, momentum and epsilon the fields take
     */
    public RmsPropConfig(Optimizer.RmsProp value) {
        learningRate = value.learningRate();
        rho = value.rho();
        momentum = value.momentum();
        epsilon = value.epsilon();
    }

    @Override
    public Optimizer.RmsProp toDsl() {
        return DslConfig.build(() -> new Optimizer.RmsProp(learningRate, rho, momentum, epsilon));
    }

    @Override
    public String toString() {
        return toDsl().toString();
    }
}
