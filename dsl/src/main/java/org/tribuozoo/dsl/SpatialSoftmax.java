package org.tribuozoo.dsl;

/**
 * A softmax over every position of an image {@code (h, w, c)} at once, giving a flat probability
 * vector of {@code h*w*c} in row-major order (the AlphaGo policy's distribution over board points).
 *
 * @param name the layer's unique name
 */
public record SpatialSoftmax(String name) implements Layer {

    /**
     * Checks the name.
     *
     * @param name the layer's unique name
     * @throws InvalidArchitectureException if the name is not valid
     */
    public SpatialSoftmax {
        Layer.checkName(name);
    }

    /**
     * A spatial softmax.
     *
     * @return a builder that takes an optional name
     */
    public static NamedSpec<SpatialSoftmax> create() {
        return new SimpleSpec<>("spatial_softmax", SpatialSoftmax::new);
    }

    @Override
    public String jsonType() {
        return "spatial_softmax";
    }

    @Override
    public String typeName() {
        return "SpatialSoftmax";
    }

    @Override
    public Shape outputShape(Shape input) {
        Layers.requireImage(this, input);
        return Shape.flat((int) input.elementCount());
    }

    @Override
    public SpatialSoftmax withName(String newName) {
        return new SpatialSoftmax(newName);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
