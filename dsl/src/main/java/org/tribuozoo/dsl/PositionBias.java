package org.tribuozoo.dsl;

import java.util.List;
import java.util.Objects;

/**
 * Adds a separate learned bias to every position of its input (one per board point in the
 * AlphaGo policy head, where the preceding 1x1 convolution has no shared bias). Its parameter
 * {@code bias} has the input's shape.
 *
 * @param name        the layer's unique name
 * @param initializer how the bias starts
 */
public record PositionBias(String name, Initializer initializer) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name        the layer's unique name
     * @param initializer how the bias starts
     * @throws InvalidArchitectureException if the name is not valid
     * @throws NullPointerException         if the initialiser is null
     */
    public PositionBias {
        Layer.checkName(name);
        Objects.requireNonNull(initializer, "initializer");
    }

    /**
     * A per-position bias starting at zero.
     *
     * @return a builder that takes an optional name
     */
    public static NamedSpec<PositionBias> create() {
        return new SimpleSpec<>("position_bias", n -> new PositionBias(n, Initializer.zeros()));
    }

    @Override
    public String jsonType() {
        return "position_bias";
    }

    @Override
    public String typeName() {
        return "PositionBias";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public List<Parameter> parameters(Shape input) {
        return List.of(new Parameter(name, "bias", input, initializer, Constraint.none(), true));
    }

    @Override
    public PositionBias withName(String newName) {
        return new PositionBias(newName, initializer);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
