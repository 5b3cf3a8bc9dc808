package org.tribuozoo.go.data;

/**
 * The 8 symmetries of a square board (the dihedral group D4), acting on point indices
 * {@code row * size + col}. Applying the same symmetry to the input planes and to the target
 * move gives an equally valid training position.
 */
public enum Symmetry {
    IDENTITY,
    ROTATE_90,
    ROTATE_180,
    ROTATE_270,
    FLIP_LEFT_RIGHT,
    FLIP_UP_DOWN,
    TRANSPOSE,
    ANTI_TRANSPOSE;

    private static final Symmetry[] VALUES = values();

    /** @return the symmetry with this ordinal (0..7). */
    public static Symmetry of(int index) {
        return VALUES[index];
    }

    /** @return where the point lands under this symmetry. */
    public int apply(int point, int size) {
        int r = point / size;
        int c = point % size;
        int m = size - 1;
        return switch (this) {
            case IDENTITY -> point;
            case ROTATE_90 -> c * size + (m - r);          // clockwise
            case ROTATE_180 -> (m - r) * size + (m - c);
            case ROTATE_270 -> (m - c) * size + r;
            case FLIP_LEFT_RIGHT -> r * size + (m - c);
            case FLIP_UP_DOWN -> (m - r) * size + c;
            case TRANSPOSE -> c * size + r;
            case ANTI_TRANSPOSE -> (m - c) * size + (m - r);
        };
    }

    /** @return the table {@code point -> apply(point)} for a board size. */
    public int[] table(int size) {
        int[] t = new int[size * size];
        for (int p = 0; p < t.length; p++) {
            t[p] = apply(p, size);
        }
        return t;
    }
}
