package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.tribuozoo.dsl.training.Optimizer;

/** {@link Optimizer.Sgd}: stochastic gradient descent with optional (Nesterov) momentum and time decay. */
public final class SgdConfig implements OptimizerConfig {
    private static final Optimizer.Sgd DEFAULTS = Optimizer.sgd();

    @Config(description = "Base learning rate.")
    private double learningRate = DEFAULTS.learningRate();

    @Config(description = "Momentum, in [0, 1].")
    private double momentum = DEFAULTS.momentum();

    @Config(description = "Nesterov momentum.")
    private boolean nesterov = DEFAULTS.nesterov();

    @Config(description = "Time decay: lr / (1 + decay * iterations).")
    private double decay = DEFAULTS.decay();

    /** Keras's defaults; for OLCUT. */
    public SgdConfig() {
    }

    /**
     * The component of an SGD value.
     *
     * @param value the optimizer whose learning rate, momentum, Nesterov flag and decay the fields take
     */
    public SgdConfig(Optimizer.Sgd value) {
        learningRate = value.learningRate();
        momentum = value.momentum();
        nesterov = value.nesterov();
        decay = value.decay();
    }

    @Override
    public Optimizer.Sgd toDsl() {
        return DslConfig.build(() -> new Optimizer.Sgd(learningRate, momentum, nesterov, decay));
    }

    @Override
    public String toString() {
        return toDsl().toString();
    }
}
