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

    /**
     * The activation after the layer ({@code LINEAR} by default).
     *
     * @param a the activation function, not null
     * @return this builder
     */
    public B activation(Activation a) {
        this.activation = Objects.requireNonNull(a, "activation");
        return self();
    }

    /**
     * Leaves out the bias, as before a batch normalisation that has its own offset.
     *
     * @return this builder
     */
    public B noBias() {
        this.useBias = false;
        return self();
    }

    /**
     * Whether the layer adds a bias after the kernel (true by default).
     *
     * @param use false to leave out the bias, as {@link #noBias()}
     * @return this builder
     */
    public B useBias(boolean use) {
        this.useBias = use;
        return self();
    }

    /**
     * How the kernel starts ({@code glorot_uniform} by default).
     *
     * @param initializer the kernel's initialiser, not null
     * @return this builder
     */
    public B kernelInitializer(Initializer initializer) {
        this.kernelInitializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /**
     * How the bias starts ({@code zeros} by default).
     *
     * @param initializer the bias's initialiser, not null
     * @return this builder
     */
    public B biasInitializer(Initializer initializer) {
        this.biasInitializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /**
     * A max-norm constraint on the kernel, as {@code kernelConstraint(Constraint.maxNorm(maxValue))}.
     *
     * @param maxValue the largest L2 norm of one output unit's incoming weights, positive and finite
     * @return this builder
     * @throws IllegalArgumentException if {@code maxValue} is not positive or not finite
     */
    public B maxNorm(double maxValue) {
        return kernelConstraint(Constraint.maxNorm(maxValue));
    }

    /**
     * The constraint applied to the kernel after each optimizer update (none by default).
     *
     * @param constraint the constraint, not null; {@link Constraint#none()} for none
     * @return this builder
     */
    public B kernelConstraint(Constraint constraint) {
        this.kernelConstraint = Objects.requireNonNull(constraint, "constraint");
        return self();
    }

    /**
     * The layer's name, instead of a generated one such as {@code conv2d_1}.
     *
     * @param layerName letters, digits, {@code _}, {@code .} and {@code -}
     * @return this builder
     * @throws InvalidArchitectureException if the name is empty or has another character
     */
    public B name(String layerName) {
        this.name = Layer.checkName(layerName);
        return self();
    }

    @Override
    public Optional<String> givenName() {
        return Optional.ofNullable(name);
    }
}
