package org.tribuozoo.dsl;

/**
 * Flattens an image {@code (h, w, c)} into a vector of {@code h*w*c}, in row-major (h, w, c) order.
 *
 * @param name the layer's unique name
 */
public record Flatten(String name) implements Layer {

    /**
     * Checks the name.
     *
     * @param name the layer's unique name
     * @throws InvalidArchitectureException if the name is not valid
     */
    public Flatten {
        Layer.checkName(name);
    }

    /**
     * A flatten layer.
     *
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Flatten> layer() {
        return new SimpleSpec<>("flatten", Flatten::new);
    }

    @Override
    public String jsonType() {
        return "flatten";
    }

    @Override
    public String typeName() {
        return "Flatten";
    }

    @Override
    public Shape outputShape(Shape input) {
        long n = input.elementCount();
        if (n > Integer.MAX_VALUE) {
            throw InvalidArchitectureException.at(this, "flattening " + input + " gives more than 2^31 values");
        }
        return Shape.flat((int) n);
    }

    @Override
    public Flatten withName(String newName) {
        return new Flatten(newName);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
