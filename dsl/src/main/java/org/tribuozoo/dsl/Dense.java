package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A fully connected layer over a flat input. Start with {@link #units(int)}. */
public record Dense(String name, int units, Activation activation, boolean useBias, Initializer kernelInitializer,
                    Initializer biasInitializer, Constraint kernelConstraint) implements Layer {

    public Dense {
        Layer.checkName(name);
        Layers.positive(name, "units", units);
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(kernelInitializer, "kernelInitializer");
        Objects.requireNonNull(biasInitializer, "biasInitializer");
        Objects.requireNonNull(kernelConstraint, "kernelConstraint");
    }

    /** Starts a dense layer with this many units (linear, with bias, glorot_uniform by default). */
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

    /** Builds a {@link Dense} layer. */
    public static final class Builder implements LayerSpec {
        private final int units;
        private String name;
        private Activation activation = Activation.LINEAR;
        private boolean useBias = true;
        private Initializer kernelInitializer = Initializer.glorotUniform();
        private Initializer biasInitializer = Initializer.zeros();
        private Constraint kernelConstraint = Constraint.none();

        private Builder(int units) {
            this.units = units;
        }

        public Builder activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /** Leaves out the bias. */
        public Builder noBias() {
            this.useBias = false;
            return this;
        }

        public Builder useBias(boolean useBias) {
            this.useBias = useBias;
            return this;
        }

        public Builder kernelInitializer(Initializer initializer) {
            this.kernelInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        public Builder biasInitializer(Initializer initializer) {
            this.biasInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** A max-norm constraint on the kernel. */
        public Builder maxNorm(double maxValue) {
            return kernelConstraint(Constraint.maxNorm(maxValue));
        }

        public Builder kernelConstraint(Constraint constraint) {
            this.kernelConstraint = Objects.requireNonNull(constraint, "constraint");
            return this;
        }

        public Builder name(String name) {
            this.name = Layer.checkName(name);
            return this;
        }

        @Override
        public Optional<String> givenName() {
            return Optional.ofNullable(name);
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
