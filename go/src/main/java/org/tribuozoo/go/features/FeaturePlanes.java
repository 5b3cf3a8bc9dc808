package org.tribuozoo.go.features;

import org.tribuozoo.go.rules.Board;

/**
 * Computes the 48 AlphaGo policy-network input planes of GO.md for a position, relative to the
 * player to move.
 *
 * <p>The result is one {@code long} per point (point index {@code row * size + col}) whose bit
 * {@code k} is the value of plane {@code k} there: 48 bits of a point are its whole channel
 * vector, which is both what a channels-last (NHWC) tensor wants and what the on-disk format
 * stores. The plane layout:
 *
 * <table>
 *   <caption>planes</caption>
 *   <tr><td>0-2</td><td>stone colour: own, opponent, empty</td></tr>
 *   <tr><td>3</td><td>ones</td></tr>
 *   <tr><td>4-11</td><td>turns since the stone was played: 1, 2, ..., 7, 8 or more (setup stones: 8 or more)</td></tr>
 *   <tr><td>12-19</td><td>liberties of the stone's chain: 1 ... 8 or more</td></tr>
 *   <tr><td>20-27</td><td>capture size of a legal move: 0 ... 7 or more</td></tr>
 *   <tr><td>28-35</td><td>self-atari size: the size of the own chain left with one liberty, 1 ... 8 or more</td></tr>
 *   <tr><td>36-43</td><td>liberties after the move of the new stone's chain: 1 ... 8 or more</td></tr>
 *   <tr><td>44</td><td>ladder capture ({@link Ladders})</td></tr>
 *   <tr><td>45</td><td>ladder escape</td></tr>
 *   <tr><td>46</td><td>sensibleness: legal and not filling an own eye ({@link Eyes})</td></tr>
 *   <tr><td>47</td><td>zeros</td></tr>
 * </table>
 *
 * Legality means empty, not the simple-ko point, and not suicide. An instance keeps scratch
 * buffers and is not thread-safe; use one per thread.
 */
public final class FeaturePlanes {

    /** The number of planes. */
    public static final int COUNT = 48;
    public static final int OWN_STONE = 0;
    public static final int OPPONENT_STONE = 1;
    public static final int EMPTY = 2;
    public static final int ONES = 3;
    public static final int TURNS_SINCE = 4;
    public static final int LIBERTIES = 12;
    public static final int CAPTURE_SIZE = 20;
    public static final int SELF_ATARI_SIZE = 28;
    public static final int LIBERTIES_AFTER = 36;
    public static final int LADDER_CAPTURE = 44;
    public static final int LADDER_ESCAPE = 45;
    public static final int SENSIBLENESS = 46;
    public static final int ZEROS = 47;

    private final Ladders ladders = new Ladders();
    private final Eyes eyes = new Eyes();
    private final int[] own = new int[4];
    private final int[] captured = new int[4];
    private long[] acc = new long[0];

    /**
     * Computes the planes.
     *
     * @param board  the position
     * @param toMove the player to move, {@link Board#BLACK} or {@link Board#WHITE}
     * @param out    receives one 48-bit mask per point; length at least size * size
     */
    public void compute(Board board, int toMove, long[] out) {
        compute(board, toMove, out, 0);
    }

    /**
     * Computes the planes into {@code out[offset .. offset + size * size)}.
     *
     * @see #compute(Board, int, long[])
     */
    public void compute(Board board, int toMove, long[] out, int offset) {
        if (toMove != Board.BLACK && toMove != Board.WHITE) {
            throw new IllegalArgumentException("player to move must be BLACK or WHITE: " + toMove);
        }
        if (acc.length != board.libertyWords()) {
            acc = new long[board.libertyWords()];
        }
        int enemy = Board.opponent(toMove);
        int[] vertices = board.vertices();
        for (int p = 0; p < vertices.length; p++) {
            int v = vertices[p];
            int c = board.colour(v);
            long bits = 1L << ONES;
            if (c == Board.EMPTY) {
                bits |= (1L << EMPTY) | moveBits(board, v, toMove, enemy);
            } else {
                bits |= 1L << (c == toMove ? OWN_STONE : OPPONENT_STONE);
                bits |= 1L << (TURNS_SINCE + oneHot(board.stoneAge(v), 1, 8));
                int libs = board.liberties(v);
                if (libs > 0) {
                    bits |= 1L << (LIBERTIES + oneHot(libs, 1, 8));
                }
            }
            out[offset + p] = bits;
        }
    }

    /** @return the index of {@code value} in a one-hot block starting at {@code first}, capped at {@code last}. */
    private static int oneHot(int value, int first, int last) {
        return Math.min(value, last) - first;
    }

    /** The move-based planes (20-46) of an empty point. */
    private long moveBits(Board board, int v, int me, int enemy) {
        if (v == board.koVertex()) {
            return 0;
        }
        int nOwn = 0;
        int nCaptured = 0;
        int emptyNeighbours = 0;
        boolean nextToPreyInLadder = false;
        boolean nextToOwnInAtari = false;
        for (int off : board.neighbourOffsets()) {
            int n = v + off;
            int c = board.colour(n);
            if (c == Board.EMPTY) {
                emptyNeighbours++;
            } else if (c == me) {
                int root = board.chain(n);
                if (!contains(own, nOwn, root)) {
                    own[nOwn++] = root;
                    nextToOwnInAtari |= board.liberties(n) == 1;
                }
            } else if (c == enemy) {
                int root = board.chain(n);
                int libs = board.liberties(n);
                if (libs == 1 && !contains(captured, nCaptured, root)) {
                    captured[nCaptured++] = root;
                }
                nextToPreyInLadder |= libs == 2;
            }
        }
        int captureSize = 0;
        for (int i = 0; i < nCaptured; i++) {
            captureSize += board.chainSize(captured[i]);
        }
        int libsAfter;
        if (nOwn == 0 && nCaptured == 0) {
            libsAfter = emptyNeighbours;
        } else {
            libsAfter = libertiesAfter(board, v, nOwn, nCaptured);
        }
        if (libsAfter == 0) {
            return 0; // suicide
        }
        long bits = 1L << (CAPTURE_SIZE + Math.min(captureSize, 7));
        bits |= 1L << (LIBERTIES_AFTER + oneHot(libsAfter, 1, 8));
        if (libsAfter == 1) {
            int chain = 1;
            for (int i = 0; i < nOwn; i++) {
                chain += board.chainSize(own[i]);
            }
            bits |= 1L << (SELF_ATARI_SIZE + oneHot(chain, 1, 8));
        }
        if (nextToPreyInLadder && ladders.isCapture(board, v, me)) {
            bits |= 1L << LADDER_CAPTURE;
        }
        if ((nextToOwnInAtari || nCaptured > 0) && ladders.isEscape(board, v, me)) {
            bits |= 1L << LADDER_ESCAPE;
        }
        if (!eyes.isEye(board, v, me)) {
            bits |= 1L << SENSIBLENESS;
        }
        return bits;
    }

    /**
     * Liberties of the chain formed by a stone at {@code v} with its own neighbouring chains,
     * after removing the captured chains: the union of the empty neighbours, the own chains'
     * liberties and the captured stones that touch the new chain, less {@code v} itself.
     */
    private int libertiesAfter(Board board, int v, int nOwn, int nCaptured) {
        long[] a = acc;
        java.util.Arrays.fill(a, 0L);
        for (int off : board.neighbourOffsets()) {
            int n = v + off;
            if (board.colour(n) == Board.EMPTY) {
                a[n >>> 6] |= 1L << n;
            }
        }
        for (int i = 0; i < nOwn; i++) {
            board.orLiberties(own[i], a);
        }
        for (int i = 0; i < nCaptured; i++) {
            int root = captured[i];
            int s = root;
            do {
                if (touchesNewChain(board, s, v, nOwn)) {
                    a[s >>> 6] |= 1L << s;
                }
                s = board.nextStone(s);
            } while (s != root);
        }
        a[v >>> 6] &= ~(1L << v);
        int count = 0;
        for (long w : a) {
            count += Long.bitCount(w);
        }
        return count;
    }

    private boolean touchesNewChain(Board board, int s, int v, int nOwn) {
        for (int off : board.neighbourOffsets()) {
            int n = s + off;
            if (n == v) {
                return true;
            }
            int c = board.colour(n);
            if (c == Board.BLACK || c == Board.WHITE) {
                int root = board.chain(n);
                if (contains(own, nOwn, root)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sums each plane over the board.
     *
     * @param planes one 48-bit mask per point, as {@link #compute} writes them
     * @param points how many points (size * size)
     * @return 48 counts
     */
    public static int[] planeSums(long[] planes, int points) {
        int[] sums = new int[COUNT];
        for (int p = 0; p < points; p++) {
            long bits = planes[p];
            while (bits != 0) {
                sums[Long.numberOfTrailingZeros(bits)]++;
                bits &= bits - 1;
            }
        }
        return sums;
    }
}
