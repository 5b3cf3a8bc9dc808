package org.tribuozoo.dsl;

/**
 * {@code x * scale + offset}, for example {@code scale = 1/255} to bring pixels to [0, 1].
 *
 * @param name   the layer's unique name
 * @param scale  the factor each value is multiplied by, finite
 * @param offset the value added after scaling, finite
 */
public record Rescaling(String name, double scale, double offset) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name   the layer's unique name
     * @param scale  the factor each value is multiplied by, finite
     * @param offset the value added after scaling, finite
     * @throws InvalidArchitectureException if the name is not valid or the scale or offset is not finite
     */
    public Rescaling {
        Layer.checkName(name);
        if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new InvalidArchitectureException("layer '" + name + "' (Rescaling): scale and offset must be finite");
        }
    }

    /**
     * Multiplies by {@code scale}.
     *
     * @param scale the factor, finite; checked when the layer is built
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Rescaling> scale(double scale) {
        return of(scale, 0.0);
    }

    /**
     * Multiplies by {@code scale}, then adds {@code offset}.
     *
     * @param scale  the factor, finite; checked when the layer is built
     * @param offset the value added, finite; checked when the layer is built
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Rescaling> of(double scale, double offset) {
        return new SimpleSpec<>("rescaling", n -> new Rescaling(n, scale, offset));
    }

    @Override
    public String jsonType() {
        return "rescaling";
    }

    @Override
    public String typeName() {
        return "Rescaling";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Rescaling withName(String newName) {
        return new Rescaling(newName, scale, offset);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
