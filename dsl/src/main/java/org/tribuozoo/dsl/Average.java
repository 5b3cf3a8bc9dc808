package org.tribuozoo.dsl;

import java.util.List;

/**
 * The element-wise mean of inputs of one shape: their sum divided by their number (Keras's
 * {@code Average}).
 *
 * @param name the layer's unique name
 */
public record Average(String name) implements MergeLayer {

    /**
     * Checks the name.
     *
     * @param name the layer's unique name
     * @throws InvalidArchitectureException if the name is not valid
     */
    public Average {
        Layer.checkName(name);
    }

    /**
     * An average layer; apply it to two or more nodes of a graph.
     *
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Average> layer() {
        return new SimpleSpec<>("average", Average::new);
    }

    @Override
    public String jsonType() {
        return "average";
    }

    @Override
    public String typeName() {
        return "Average";
    }

    @Override
    public Shape outputShape(List<Shape> inputs, List<String> inputNames) {
        return Layers.sameShapes(this, inputs, inputNames);
    }

    @Override
    public Average withName(String newName) {
        return new Average(newName);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
