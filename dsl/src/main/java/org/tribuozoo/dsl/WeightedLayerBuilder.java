package org.tribuozoo.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * The settings that layers with a kernel share ({@link Conv2D}, {@link Dense}, {@link DepthwiseConv2D},
 * {@link SeparableConv2D}): activation, bias,
 * initialisers, kernel constraint and name, each with Keras's default.
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class WeightedLayerBuilder<B extends WeightedLayerBuilder<B>> implements LayerSpec {
    String name;
    Activation activation = Activation.LINEAR;
    boolean useBias = true;
    Initializer kernelInitializer = Initializer.glorotUniform();
    Initializer biasInitializer = Initializer.zeros();
    Constraint kernelConstraint = Constraint.none();

    WeightedLayerBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The activation after the layer ({@code LINEAR} by default). */
    public B activation(Activation a) {
        this.activation = Objects.requireNonNull(a, "activation");
        return self();
    }

    /** Leaves out the bias. */
    public B noBias() {
        this.useBias = false;
        return self();
    }

    public B useBias(boolean use) {
        this.useBias = use;
        return self();
    }

    /** How the kernel starts ({@code glorot_uniform} by default). */
    public B kernelInitializer(Initializer initializer) {
        this.kernelInitializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /** How the bias starts ({@code zeros} by default). */
    public B biasInitializer(Initializer initializer) {
        this.biasInitializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /** A max-norm constraint on the kernel. */
    public B maxNorm(double maxValue) {
        return kernelConstraint(Constraint.maxNorm(maxValue));
    }

    public B kernelConstraint(Constraint constraint) {
        this.kernelConstraint = Objects.requireNonNull(constraint, "constraint");
        return self();
    }

    public B name(String layerName) {
        this.name = Layer.checkName(layerName);
        return self();
    }

    @Override
    public Optional<String> givenName() {
        return Optional.ofNullable(name);
    }
}
