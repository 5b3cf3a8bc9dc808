package org.tribuozoo.dsl;

/** {@code x * scale + offset}, for example {@code scale = 1/255} to bring pixels to [0, 1]. */
public record Rescaling(String name, double scale, double offset) implements Layer {

    public Rescaling {
        Layer.checkName(name);
        if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new InvalidArchitectureException("layer '" + name + "' (Rescaling): scale and offset must be finite");
        }
    }

    /** Multiplies by {@code scale}. */
    public static NamedSpec<Rescaling> scale(double scale) {
        return of(scale, 0.0);
    }

    /** Multiplies by {@code scale}, then adds {@code offset}. */
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
