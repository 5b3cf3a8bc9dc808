package org.tribuozoo.dsl;

/**
 * Keras's {@code Softmax} layer: a softmax over one axis of its input, the last by default (the
 * channels of each pixel of an image, or a whole flat vector). {@code axis} counts as Keras does, the
 * batch being axis 0 and {@code -1} the last. Unlike {@link SpatialSoftmax}, the shape is unchanged.
 */
public record Softmax(String name, int axis) implements Layer {

    public Softmax {
        Layer.checkName(name);
        if (axis == 0) {
            throw new InvalidArchitectureException("layer '" + name + "' (Softmax): axis 0 is the batch; "
                    + "take the softmax over another axis (-1, the last, by default)");
        }
    }

    /** A softmax over the last axis. */
    public static NamedSpec<Softmax> create() {
        return overAxis(-1);
    }

    /** A softmax over a Keras-style axis (1 is the first after the batch, -1 the last). */
    public static NamedSpec<Softmax> overAxis(int axis) {
        return new SimpleSpec<>("softmax", n -> new Softmax(n, axis));
    }

    /** The index into the input shape's dimensions of the softmax's axis. */
    public int axisIndex(Shape input) {
        return Layers.axisIndex(this, axis, input);
    }

    /** True when the softmax is over the input's last axis. */
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
