package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.tribuozoo.dsl.training.Optimizer;

/** {@link Optimizer.AdaGrad}. */
public final class AdaGradConfig implements OptimizerConfig {
    private static final Optimizer.AdaGrad DEFAULTS = Optimizer.adaGrad();

    @Config(description = "Base learning rate.")
    private double learningRate = DEFAULTS.learningRate();

    @Config(description = "Starting value of the squared-gradient accumulator.")
    private double initialAccumulator = DEFAULTS.initialAccumulator();

    @Config(description = "Added to the root of the accumulator.")
    private double epsilon = DEFAULTS.epsilon();

    /** Keras's defaults; for OLCUT. */
    public AdaGradConfig() {
    }

    /**
     * The component of an AdaGrad value.
     *
     * @param value the optimizer whose learning rate, initial accumulator and epsilon the fields take
     */
    public AdaGradConfig(Optimizer.AdaGrad value) {
        learningRate = value.learningRate();
        initialAccumulator = value.initialAccumulator();
        epsilon = value.epsilon();
    }

    @Override
    public Optimizer.AdaGrad toDsl() {
        return DslConfig.build(() -> new Optimizer.AdaGrad(learningRate, initialAccumulator, epsilon));
    }

    @Override
    public String toString() {
        return toDsl().toString();
    }
}
