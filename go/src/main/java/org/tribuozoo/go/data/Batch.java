package org.tribuozoo.go.data;

/**
 * A batch of training positions as plain arrays, independent of any tensor library.
 *
 * <p>{@link #inputs} is NHWC (channels last): position {@code i}, row {@code r}, column
 * {@code c}, plane {@code k} is at {@code ((i * size + r) * size + c) * 48 + k}, values 0 or 1.
 * {@link #targets} holds the point index {@code r * size + c} of the move played (0..360 on 19x19),
 * already transformed by the position's symmetry.
 */
public final class Batch {

    /** The input planes, {@code capacity * size * size * 48} floats, NHWC. */
    public final float[] inputs;
    /** The target move of each position (point index). */
    public final int[] targets;
    /** The game id of each position (see {@code games.tsv}). */
    public final int[] gameIds;
    /** The symmetry applied to each position (ordinal of {@link Symmetry}). */
    public final int[] symmetries;
    private final int capacity;
    private final int boardSize;
    private int count;

    /**
     * @param capacity  positions per batch
     * @param boardSize the board size (19)
     */
    public Batch(int capacity, int boardSize) {
        this.capacity = capacity;
        this.boardSize = boardSize;
        this.inputs = new float[capacity * boardSize * boardSize * 48];
        this.targets = new int[capacity];
        this.gameIds = new int[capacity];
        this.symmetries = new int[capacity];
    }

    /** @return how many positions are filled (the last batch of an epoch may be partial). */
    public int count() {
        return count;
    }

    void count(int n) {
        count = n;
    }

    /** @return the maximum number of positions. */
    public int capacity() {
        return capacity;
    }

    /** @return the board size. */
    public int boardSize() {
        return boardSize;
    }

    /** @return floats per position ({@code size * size * 48}). */
    public int inputsPerPosition() {
        return boardSize * boardSize * 48;
    }
}
