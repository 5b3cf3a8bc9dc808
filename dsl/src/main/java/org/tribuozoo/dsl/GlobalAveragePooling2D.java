package org.tribuozoo.dsl;

/**
 * The mean of each channel over the whole image: {@code (h, w, c)} to a flat {@code (c)}, or to
 * {@code (1, 1, c)} with {@code keepdims} (Keras's {@code keepdims}, false by default).
 *
 * @param name     the layer's unique name
 * @param keepdims whether the output stays an image {@code (1, 1, c)} rather than a flat {@code (c)}
 */
public record GlobalAveragePooling2D(String name, boolean keepdims) implements Layer {

    /**
     * Checks the name.
     *
     * @param name     the layer's unique name
     * @param keepdims whether the output stays an image {@code (1, 1, c)} rather than a flat {@code (c)}
     * @throws InvalidArchitectureException if the name is not valid
     */
    public GlobalAveragePooling2D {
        Layer.checkName(name);
    }

    /**
     * Global average pooling to a flat vector of channels.
     *
     * @return a builder that takes an optional name
     */
    public static NamedSpec<GlobalAveragePooling2D> create() {
        return create(false);
    }

    /**
     * Global average pooling; with {@code keepdims} the output stays an image of one pixel.
     *
     * @param keepdims true for an output {@code (1, 1, c)}, false for a flat {@code (c)}
     * @return a builder that takes an optional name
     */
    public static NamedSpec<GlobalAveragePooling2D> create(boolean keepdims) {
        return new SimpleSpec<>("global_average_pooling2d", n -> new GlobalAveragePooling2D(n, keepdims));
    }

    @Override
    public String jsonType() {
        return "global_average_pooling2d";
    }

    @Override
    public String typeName() {
        return "GlobalAveragePooling2D";
    }

    @Override
    public Shape outputShape(Shape input) {
        return Layers.globalPoolOutput(this, input, keepdims);
    }

    @Override
    public GlobalAveragePooling2D withName(String newName) {
        return new GlobalAveragePooling2D(newName, keepdims);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
