package org.tribuozoo.dsl;

/**
 * Zeroes each value with probability {@code rate} during training and scales the rest by
 * {@code 1 / (1 - rate)}; does nothing at inference.
 *
 * @param name the layer's unique name
 * @param rate the fraction of values dropped, in [0, 1)
 */
public record Dropout(String name, double rate) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name the layer's unique name
     * @param rate the fraction of values dropped, in [0, 1)
     * @throws InvalidArchitectureException if the name is not valid or the rate is outside [0, 1)
     */
    public Dropout {
        Layer.checkName(name);
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidArchitectureException("layer '" + name + "' (Dropout): rate must be in [0, 1), got " + rate);
        }
    }

    /**
     * Dropout with this rate (the fraction dropped, not kept).
     *
     * @param rate the fraction dropped, in [0, 1); checked when the layer is built
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Dropout> rate(double rate) {
        return new SimpleSpec<>("dropout", n -> new Dropout(n, rate));
    }

    @Override
    public String jsonType() {
        return "dropout";
    }

    @Override
    public String typeName() {
        return "Dropout";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Dropout withName(String newName) {
        return new Dropout(newName, rate);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
