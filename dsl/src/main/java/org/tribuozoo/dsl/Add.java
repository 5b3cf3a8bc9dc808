package org.tribuozoo.dsl;

import java.util.List;

/**
 * The element-wise sum of inputs of one shape, for example a residual connection (Keras's {@code Add}).
 *
 * @param name the layer's unique name
 */
public record Add(String name) implements MergeLayer {

    /**
     * Checks the name.
     *
     * @param name the layer's unique name
     * @throws InvalidArchitectureException if the name is not valid
     */
    public Add {
        Layer.checkName(name);
    }

    /**
     * An add layer; apply it to two or more nodes of a graph.
     *
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Add> layer() {
        return new SimpleSpec<>("add", Add::new);
    }

    @Override
    public String jsonType() {
        return "add";
    }

    @Override
    public String typeName() {
        return "Add";
    }

    @Override
    public Shape outputShape(List<Shape> inputs, List<String> inputNames) {
        return Layers.sameShapes(this, inputs, inputNames);
    }

    @Override
    public Add withName(String newName) {
        return new Add(newName);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
