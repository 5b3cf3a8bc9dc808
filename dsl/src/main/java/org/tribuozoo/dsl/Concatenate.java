package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins inputs along one axis (Keras's {@code Concatenate}); they must agree on every other axis. The
 * axis counts as Keras does, the batch axis being 0: for images {@code (h, w, c)} axis 3 or -1 is the
 * channels (the default, as in a dense block), 1 or -3 the height, 2 or -2 the width; for flat vectors
 * 1 or -1.
 *
 * @param name the layer's name
 * @param axis the axis, never 0 (the batch); negative counts from the last
 */
public record Concatenate(String name, int axis) implements MergeLayer {

    /**
     * Checks the settings.
     *
     * @param name the layer's name
     * @param axis the axis, never 0 (the batch); negative counts from the last
     * @throws InvalidArchitectureException if the name is not valid or the axis is 0
     */
    public Concatenate {
        Layer.checkName(name);
        if (axis == 0) {
            throw new InvalidArchitectureException("layer '" + name + "' (Concatenate): axis 0 is the batch axis; "
                    + "concatenate along a data axis (1 or more, or -1 for the last)");
        }
    }

    /**
     * Concatenation along the last axis (the channels of an image), Keras's default.
     *
     * @return a builder that takes an optional name; apply it to two or more nodes of a graph
     */
    public static NamedSpec<Concatenate> layer() {
        return axis(-1);
    }

    /**
     * Concatenation along this axis, counted as in Keras (the batch is axis 0, -1 is the last).
     *
     * @param axis the axis, not 0; checked when the layer is built (and against the inputs when shaped)
     * @return a builder that takes an optional name; apply it to two or more nodes of a graph
     */
    public static NamedSpec<Concatenate> axis(int axis) {
        return new SimpleSpec<>("concatenate", n -> new Concatenate(n, axis));
    }

    @Override
    public String jsonType() {
        return "concatenate";
    }

    @Override
    public String typeName() {
        return "Concatenate";
    }

    /**
     * The concatenation axis as an index into the dimensions of a {@link Shape} of this rank (which
     * leaves out the batch): for images {@code 2} is the channels.
     *
     * @param rank the inputs' number of dimensions, without the batch
     * @return the index, from 0 to {@code rank - 1}
     * @throws InvalidArchitectureException if the axis does not exist at this rank
     */
    public int shapeAxis(int rank) {
        int withBatch = axis > 0 ? axis : axis + rank + 1;
        if (withBatch < 1 || withBatch > rank) {
            throw InvalidArchitectureException.at(this, "axis " + axis + " does not exist for inputs of rank "
                    + rank + " (axes 1.." + rank + " or -" + rank + "..-1; axis 0 is the batch)");
        }
        return withBatch - 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs, List<String> inputNames) {
        Layers.requireSeveral(this, inputs, inputNames);
        Shape first = inputs.get(0);
        int at = shapeAxis(first.rank());
        int total = first.dim(at);
        for (int i = 1; i < inputs.size(); i++) {
            Shape s = inputs.get(i);
            if (s.rank() != first.rank()) {
                throw InvalidArchitectureException.at(this, "inputs must have the same rank, got "
                        + Layers.from(first, inputNames.get(0)) + " and " + Layers.from(s, inputNames.get(i)));
            }
            for (int d = 0; d < first.rank(); d++) {
                if (d != at && s.dim(d) != first.dim(d)) {
                    throw InvalidArchitectureException.at(this, "inputs must match on every axis but the "
                            + "concatenation axis " + axis + ", got " + Layers.from(first, inputNames.get(0))
                            + " and " + Layers.from(s, inputNames.get(i)));
                }
            }
            total += s.dim(at);
        }
        List<Integer> dims = new ArrayList<>(first.dims());
        dims.set(at, total);
        return new Shape(dims);
    }

    @Override
    public Concatenate withName(String newName) {
        return new Concatenate(newName, axis);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
