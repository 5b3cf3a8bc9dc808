package org.tribuozoo.dsl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Keras's {@code Reshape}: the same values in the same row-major order under another shape, given
 * without the batch dimension; one dimension may be {@code -1}, standing for whatever the others
 * leave. The result is a flat vector {@code (n)} or an image {@code (h, w, c)}, the two shapes the
 * other layers take. Start with {@link #to(int...)}.
 *
 * @param name        the layer's unique name
 * @param targetShape the new shape as given, possibly with one {@code -1}
 */
public record Reshape(String name, List<Integer> targetShape) implements Layer {

    /**
     * Checks the settings and copies the target shape.
     *
     * @param name        the layer's unique name
     * @param targetShape the new shape as given, possibly with one {@code -1}
     * @throws InvalidArchitectureException if the name is not valid, the target shape has neither one nor three
     *                                     dimensions, or has a dimension that is 0 or below -1, or more than one -1
     */
    public Reshape {
        Layer.checkName(name);
        targetShape = List.copyOf(targetShape);
        if (targetShape.size() != 1 && targetShape.size() != 3) {
            throw new InvalidArchitectureException("layer '" + name + "' (Reshape): the target shape must be flat (n) "
                    + "or an image (height, width, channels), got " + format(targetShape));
        }
        long unknown = targetShape.stream().filter(d -> d == -1).count();
        if (unknown > 1 || targetShape.stream().anyMatch(d -> d == 0 || d < -1)) {
            throw new InvalidArchitectureException("layer '" + name + "' (Reshape): the target shape "
                    + format(targetShape) + " needs positive dimensions and at most one -1");
        }
    }

    /**
     * A reshape to these dimensions (batch left out; one may be -1).
     *
     * @param targetShape one dimension (flat) or three (an image), positive except for at most one
     *                    {@code -1}; checked when the layer is built
     * @return a builder that takes an optional name
     */
    public static NamedSpec<Reshape> to(int... targetShape) {
        List<Integer> target = java.util.Arrays.stream(targetShape).boxed().toList();
        return new SimpleSpec<>("reshape", n -> new Reshape(n, target));
    }

    @Override
    public String jsonType() {
        return "reshape";
    }

    @Override
    public String typeName() {
        return "Reshape";
    }

    @Override
    public Shape outputShape(Shape input) {
        long known = 1;
        for (int d : targetShape) {
            if (d != -1) {
                known *= d;
            }
        }
        long total = input.elementCount();
        if (!targetShape.contains(-1)) {
            if (known != total) {
                throw InvalidArchitectureException.at(this, "cannot reshape " + input + " (" + total + " values) to "
                        + format(targetShape) + " (" + known + " values)");
            }
            return new Shape(targetShape);
        }
        if (total % known != 0) {
            throw InvalidArchitectureException.at(this, "cannot reshape " + input + " (" + total + " values) to "
                    + format(targetShape) + ": " + total + " is not a multiple of " + known);
        }
        int missing = Math.toIntExact(total / known);
        return new Shape(targetShape.stream().map(d -> d == -1 ? missing : d).toList());
    }

    @Override
    public Reshape withName(String newName) {
        return new Reshape(newName, targetShape);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    private static String format(List<Integer> dims) {
        return "(" + dims.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }
}
