package org.tribuozoo.dsl;

/** Pads an image with zeros: {@code top}/{@code bottom} rows and {@code left}/{@code right} columns. */
public record ZeroPadding2D(String name, int top, int bottom, int left, int right) implements Layer {

    public ZeroPadding2D {
        Layer.checkName(name);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new InvalidArchitectureException("layer '" + name + "' (ZeroPadding2D): padding must not be negative, got "
                    + top + ", " + bottom + ", " + left + ", " + right);
        }
    }

    /** The same padding on every side. */
    public static NamedSpec<ZeroPadding2D> of(int all) {
        return of(all, all, all, all);
    }

    /** Padding per side. */
    public static NamedSpec<ZeroPadding2D> of(int top, int bottom, int left, int right) {
        return new SimpleSpec<>("zero_padding2d", n -> new ZeroPadding2D(n, top, bottom, left, right));
    }

    @Override
    public String jsonType() {
        return "zero_padding2d";
    }

    @Override
    public String typeName() {
        return "ZeroPadding2D";
    }

    @Override
    public Shape outputShape(Shape input) {
        Layers.requireImage(this, input);
        return Shape.of(input.height() + top + bottom, input.width() + left + right, input.channels());
    }

    @Override
    public ZeroPadding2D withName(String newName) {
        return new ZeroPadding2D(newName, top, bottom, left, right);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
