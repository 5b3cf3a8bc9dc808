package org.tribuozoo.dsl;

/**
 * Pads an image with zeros: {@code top}/{@code bottom} rows and {@code left}/{@code right} columns.
 *
 * @param name   the layer's unique name
 * @param top    rows of zeros above, zero or more
 * @param bottom rows of zeros below, zero or more
 * @param left   columns of zeros on the left, zero or more
 * @param right  columns of zeros on the right, zero or more
 */
public record ZeroPadding2D(String name, int top, int bottom, int left, int right) implements Layer {

    /**
     * Checks the settings.
     *
     * @param name   the layer's unique name
     * @param top    rows of zeros above, zero or more
     * @param bottom rows of zeros below, zero or more
     * @param left   columns of zeros on the left, zero or more
     * @param right  columns of zeros on the right, zero or more
     * @throws InvalidArchitectureException if the name is not valid or a side is negative
     */
    public ZeroPadding2D {
        Layer.checkName(name);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new InvalidArchitectureException("layer '" + name + "' (ZeroPadding2D): padding must not be negative, got "
                    + top + ", " + bottom + ", " + left + ", " + right);
        }
    }

    /**
     * The same padding on every side.
     *
     * @param all rows or columns of zeros on each side, zero or more; checked when the layer is built
     * @return a builder that takes an optional name
     */
    public static NamedSpec<ZeroPadding2D> of(int all) {
        return of(all, all, all, all);
    }

    /**
     * Padding per side; each side zero or more, checked when the layer is built.
     *
     * @param top    rows of zeros above
     * @param bottom rows of zeros below
     * @param left   columns of zeros on the left
     * @param right  columns of zeros on the right
     * @return a builder that takes an optional name
     */
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
