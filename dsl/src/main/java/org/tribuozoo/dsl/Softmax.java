package org.tribuozoo.dsl;

/**
 * Keras's {@code Softmax} layer: a softmax over one axis of its input, the last by default (the
 * channels of each pixel of an image, or a whole flat vector). {@code axis} counts as Keras does, the
 * batch being axis 0 and {@code -1} the last. Unlike {@link SpatialSoftmax}, the shape is unchanged.
 *
 * @param name the layer's unique name
 * @param axis the axis the softmax runs over, Keras-style; not 0
 */
public record Softmax(String name, int axis) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name the layer's unique name
     * @param axis the axis the softmax runs over, Keras-style; not 0
     * @throws InvalidArchitectureException if the name is not valid or the axis is 0 (the batch)
     */
    public Softmax {
        Layer.checkName(name);
        if (axis == 0) {
            throw new InvalidArchitectureException("layer '" + name + "' (Softmax): axis 0 is the batch; "
                    + "take the softmax over another axis (-1, the last, by default)");
        }
    }

    /**
     * A softmax over the last axis.
     *
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Softmax> create() {
        return overAxis(-1);
    }

    /**
     * A softmax over a Keras-style axis (1 is the first after the batch, -1 the last).
     *
     * @param axis the axis, not 0; checked when the layer is built (and against the input when shaped)
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Softmax> overAxis(int axis) {
        return new SimpleSpec<>("softmax", n -> new Softmax(n, axis));
    }

    /**
     * The index into the input shape's dimensions of the softmax's axis.
     *
     * @param input the shape the layer reads, without the batch dimension
     * @return the index, from 0 to {@code input.rank() - 1}
     * @throws InvalidArchitectureException if {@link #axis()} is not an axis of that input
     */
    public int axisIndex(Shape input) {
        return Layers.axisIndex(this, axis, input);
    }

    /**
     * Whether the softmax is over the input's last axis.
     *
     * @param input the shape the layer reads
     * @return true when it runs over the last axis
     * @throws InvalidArchitectureException if {@link #axis()} is not an axis of that input
     */
    public boolean overLastAxis(Shape input) {
        return axisIndex(input) == input.rank() - 1;
    }

    @Override
    public String jsonType() {
        return "softmax";
    }

    @Override
    public String typeName() {
        return "Softmax";
    }

    @Override
    public Shape outputShape(Shape input) {
        axisIndex(input);
        return input;
    }

    @Override
    public Softmax withName(String newName) {
        return new Softmax(newName, axis);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
