package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fully connected layer over a flat input: {@code activation(x . kernel + bias)}. Start with
 * {@link #units(int)}.
 *
 * @param name              the layer's unique name
 * @param units             the output's length, positive
 * @param activation        the function applied to the output
 * @param useBias           whether a bias of {@code units} values is added
 * @param kernelInitializer how the kernel {@code (in, units)} starts
 * @param biasInitializer   how the bias starts (unused without a bias)
 * @param kernelConstraint  applied to the kernel after each update
 */
public record Dense(String name, int units, Activation activation, boolean useBias, Initializer kernelInitializer,
                    Initializer biasInitializer, Constraint kernelConstraint) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name              the layer's unique name
     * @param units             the output's length, positive
     * @param activation        the function applied to the output
     * @param useBias           whether a bias of {@code units} values is added
     * @param kernelInitializer how the kernel {@code (in, units)} starts
     * @param biasInitializer   how the bias starts (unused without a bias)
     * @param kernelConstraint  applied to the kernel after each update
     * @throws InvalidArchitectureException if the name is not valid or {@code units} is not positive
     * @throws NullPointerException         if an object setting is null
     */
    public Dense {
        Layer.checkName(name);
        Layers.positive(name, "units", units);
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(kernelInitializer, "kernelInitializer");
        Objects.requireNonNull(biasInitializer, "biasInitializer");
        Objects.requireNonNull(kernelConstraint, "kernelConstraint");
    }

    /**
     * Starts a dense layer with this many units (linear, with bias, glorot_uniform by default).
     *
     * @param units the output's length, positive; checked when the layer is built
     * @return a builder for the other settings
     */
    public static Builder units(int units) {
        return new Builder(units);
    }

    @Override
    public String jsonType() {
        return "dense";
    }

    @Override
    public String typeName() {
        return "Dense";
    }

    @Override
    public Shape outputShape(Shape input) {
        requireFlat(input);
        return Shape.flat(units);
    }

    @Override
    public List<Parameter> parameters(Shape input) {
        requireFlat(input);
        List<Parameter> params = new ArrayList<>(2);
        params.add(new Parameter(name, "kernel", Shape.of(input.dim(0), units), kernelInitializer, kernelConstraint,
                true));
        if (useBias) {
            params.add(new Parameter(name, "bias", Shape.of(units), biasInitializer, Constraint.none(), true));
        }
        return params;
    }

    private void requireFlat(Shape input) {
        if (!input.isFlat()) {
            throw InvalidArchitectureException.at(this, "needs a flat input but gets " + input
                    + "; add a Flatten layer before it");
        }
    }

    @Override
    public Dense withName(String newName) {
        return new Dense(newName, units, activation, useBias, kernelInitializer, biasInitializer, kernelConstraint);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** Builds a {@link Dense} layer. */
    public static final class Builder extends WeightedLayerBuilder<Builder> {
        private final int units;

        private Builder(int units) {
            this.units = units;
        }

        @Override
        public String namePrefix() {
            return "dense";
        }

        @Override
        public Dense build(String layerName) {
            return new Dense(layerName, units, activation, useBias, kernelInitializer, biasInitializer,
                    kernelConstraint);
        }
    }
}
