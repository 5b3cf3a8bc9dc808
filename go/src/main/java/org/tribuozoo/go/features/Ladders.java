package org.tribuozoo.go.features;

import org.tribuozoo.go.rules.Board;

/**
 * Ladder reading for feature planes 44 (ladder capture) and 45 (ladder escape), with the
 * semantics of RocAlphaGo's reimplementation of the AlphaGo features:
 *
 * <ul>
 *   <li>A move of the hunter is a <b>ladder capture</b> when it is legal, touches an opponent
 *       chain (the prey) that has exactly two liberties, and afterwards no escape of the prey
 *       succeeds. The prey's candidate escapes are its remaining liberty and the liberties of
 *       hunter chains in atari that touch the prey (capturing them may free it).</li>
 *   <li>A move of the prey's owner is a <b>ladder escape</b> when it is legal, touches an own chain
 *       in atari, and afterwards that chain has three or more liberties, or two liberties of
 *       which neither is a successful ladder capture.</li>
 * </ul>
 *
 * The two definitions recurse into each other; each step spends one unit of a budget of
 * {@value #DEPTH} moves. When the budget runs out the ladder is assumed to work for the hunter
 * (a capture succeeds, an escape fails), as a ladder that long crosses the board.
 *
 * <p>Look-ahead positions are copies of the board held in a per-depth stack that is allocated
 * once and reused, so reading allocates nothing.
 */
public final class Ladders {

    /** How many moves a ladder is read out to. */
    public static final int DEPTH = 80;

    private final Board[] boards = new Board[DEPTH + 2];
    private final int[][] candidates = new int[DEPTH + 2][];
    private final int[] roots = new int[4];
    private final int[] preyStones = new int[4];
    private final int[] single = new int[1];

    /** @return whether {@code hunter} playing at {@code vertex} captures a neighbouring chain in a ladder. */
    public boolean isCapture(Board board, int vertex, int hunter) {
        if (!board.isLegal(vertex, hunter)) {
            return false;
        }
        int prey = Board.opponent(hunter);
        int n = adjacentChains(board, vertex, prey, 2);
        System.arraycopy(roots, 0, preyStones, 0, n);
        for (int i = 0; i < n; i++) {
            if (capture(board, vertex, hunter, preyStones[i], DEPTH, 0)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code owner} playing at {@code vertex} saves a neighbouring chain in atari from a ladder. */
    public boolean isEscape(Board board, int vertex, int owner) {
        if (!board.isLegal(vertex, owner)) {
            return false;
        }
        int n = adjacentChains(board, vertex, owner, 1);
        System.arraycopy(roots, 0, preyStones, 0, n);
        for (int i = 0; i < n; i++) {
            if (escape(board, vertex, owner, preyStones[i], DEPTH, 0)) {
                return true;
            }
        }
        return false;
    }

    /** Collects the distinct chains of {@code colour} with exactly {@code libs} liberties next to {@code vertex}. */
    private int adjacentChains(Board board, int vertex, int colour, int libs) {
        int n = 0;
        outer:
        for (int off : board.neighbourOffsets()) {
            int s = vertex + off;
            if (board.colour(s) != colour || board.liberties(s) != libs) {
                continue;
            }
            int root = board.chain(s);
            for (int i = 0; i < n; i++) {
                if (roots[i] == root) {
                    continue outer;
                }
            }
            roots[n++] = root;
        }
        return n;
    }

    /** The hunter plays {@code move} against the chain of {@code preyStone}; is it captured? */
    private boolean capture(Board board, int move, int hunter, int preyStone, int remaining, int level) {
        if (!board.isLegal(move, hunter)) {
            return false;
        }
        if (remaining <= 0) {
            return true;
        }
        Board t = board(level, board);
        t.play(move, hunter);
        if (t.colour(preyStone) == Board.EMPTY) {
            return true;
        }
        int preyColour = Board.opponent(hunter);
        int[] escapes = candidates(level, t);
        int n = t.libertyVertices(preyStone, escapes);
        // Capturing a hunter chain in atari next to the prey is also a way out.
        int s = preyStone;
        do {
            for (int off : t.neighbourOffsets()) {
                int h = s + off;
                if (t.colour(h) == hunter && t.liberties(h) == 1) {
                    n = addLiberty(t, h, escapes, n);
                }
            }
            s = t.nextStone(s);
        } while (s != preyStone);
        for (int i = 0; i < n; i++) {
            if (escape(t, escapes[i], preyColour, preyStone, remaining - 1, level + 1)) {
                return false;
            }
        }
        return true;
    }

    /** The prey plays {@code move} for the chain of {@code preyStone}; has it escaped? */
    private boolean escape(Board board, int move, int preyColour, int preyStone, int remaining, int level) {
        if (!board.isLegal(move, preyColour)) {
            return false;
        }
        if (remaining <= 0) {
            return false;
        }
        Board t = board(level, board);
        t.play(move, preyColour);
        int libs = t.liberties(preyStone);
        if (libs >= 3) {
            return true;
        }
        if (libs <= 1) {
            return false;
        }
        int hunter = Board.opponent(preyColour);
        int[] attacks = candidates(level, t);
        int n = t.libertyVertices(preyStone, attacks);
        for (int i = 0; i < n; i++) {
            if (capture(t, attacks[i], hunter, preyStone, remaining - 1, level + 1)) {
                return false;
            }
        }
        return true;
    }

    private int addLiberty(Board t, int stone, int[] out, int n) {
        // A chain in atari has exactly one liberty.
        t.libertyVertices(stone, single);
        for (int i = 0; i < n; i++) {
            if (out[i] == single[0]) {
                return n;
            }
        }
        out[n] = single[0];
        return n + 1;
    }

    private Board board(int level, Board source) {
        Board b = boards[level];
        if (b == null || b.size() != source.size()) {
            b = new Board(source.size());
            boards[level] = b;
        }
        b.copyFrom(source);
        return b;
    }

    private int[] candidates(int level, Board t) {
        int[] c = candidates[level];
        if (c == null || c.length < t.vertexCount()) {
            c = new int[t.vertexCount()];
            candidates[level] = c;
        }
        return c;
    }
}
