package org.tribuozoo.dsl;

/**
 * The maximum of each channel over the whole image: {@code (h, w, c)} to a flat {@code (c)}, or to
 * {@code (1, 1, c)} with {@code keepdims} (Keras's {@code keepdims}, false by default).
 */
public record GlobalMaxPooling2D(String name, boolean keepdims) implements Layer {

    public GlobalMaxPooling2D {
        Layer.checkName(name);
    }

    /** Global max pooling to a flat vector of channels. */
    public static NamedSpec<GlobalMaxPooling2D> create() {
        return create(false);
    }

    /** Global max pooling; with {@code keepdims} the output stays an image of one pixel. */
    public static NamedSpec<GlobalMaxPooling2D> create(boolean keepdims) {
        return new SimpleSpec<>("global_max_pooling2d", n -> new GlobalMaxPooling2D(n, keepdims));
    }

    @Override
    public String jsonType() {
        return "global_max_pooling2d";
    }

    @Override
    public String typeName() {
        return "GlobalMaxPooling2D";
    }

    @Override
    public Shape outputShape(Shape input) {
        return Layers.globalPoolOutput(this, input, keepdims);
    }

    @Override
    public GlobalMaxPooling2D withName(String newName) {
        return new GlobalMaxPooling2D(newName, keepdims);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
