package org.tribuozoo.dsl;

/**
 * The mean of each channel over the whole image: {@code (h, w, c)} to a flat {@code (c)}, or to
 * {@code (1, 1, c)} with {@code keepdims} (Keras's {@code keepdims}, false by default).
 */
public record GlobalAveragePooling2D(String name, boolean keepdims) implements Layer {

    public GlobalAveragePooling2D {
        Layer.checkName(name);
    }

    /** Global average pooling to a flat vector of channels. */
    public static NamedSpec<GlobalAveragePooling2D> create() {
        return create(false);
    }

    /** Global average pooling; with {@code keepdims} the output stays an image of one pixel. */
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
