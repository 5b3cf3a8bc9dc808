package org.tribuozoo.dsl;

import java.util.Objects;

/**
 * Applies an activation function on its own (Keras's {@code Activation} layer).
 *
 * @param name       the layer's unique name
 * @param activation the function applied to each value (softmax: over the last axis)
 */
public record ActivationLayer(String name, Activation activation) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name       the layer's unique name
     * @param activation the function applied to each value (softmax: over the last axis)
     * @throws InvalidArchitectureException if the name is not valid
     * @throws NullPointerException         if the activation is null
     */
    public ActivationLayer {
        Layer.checkName(name);
        Objects.requireNonNull(activation, "activation");
    }

    /**
     * An activation layer.
     *
     * @param activation the function, not null
     * @return a builder that takes an optional name
     */
    public static NamedSpec<ActivationLayer> of(Activation activation) {
        Objects.requireNonNull(activation, "activation");
        return new SimpleSpec<>("activation", n -> new ActivationLayer(n, activation));
    }

    @Override
    public String jsonType() {
        return "activation";
    }

    @Override
    public String typeName() {
        return "Activation";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public ActivationLayer withName(String newName) {
        return new ActivationLayer(newName, activation);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
