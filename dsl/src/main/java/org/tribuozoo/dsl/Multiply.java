package org.tribuozoo.dsl;

import java.util.List;

/**
 * The element-wise product of inputs of one shape (Keras's {@code Multiply}).
 *
 * @param name the layer's unique name
 */
public record Multiply(String name) implements MergeLayer {

    /**
     * Checks the name.
     *
     * @param name the layer's unique name
     * @throws InvalidArchitectureException if the name is not valid
     */
    public Multiply {
        Layer.checkName(name);
    }

    /**
     * A multiply layer; apply it to two or more nodes of a graph.
     *
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Multiply> layer() {
        return new SimpleSpec<>("multiply", Multiply::new);
    }

    @Override
    public String jsonType() {
        return "multiply";
    }

    @Override
    public String typeName() {
        return "Multiply";
    }

    @Override
    public Shape outputShape(List<Shape> inputs, List<String> inputNames) {
        return Layers.sameShapes(this, inputs, inputNames);
    }

    @Override
    public Multiply withName(String newName) {
        return new Multiply(newName);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
