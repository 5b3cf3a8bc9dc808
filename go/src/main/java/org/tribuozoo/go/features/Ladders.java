package org.tribuozoo.go.features;

import org.tribuozoo.go.rules.Board;

/**
 * Ladder reading for feature planes 44 (ladder capture) and 45 (ladder escape), with the
 * semantics of RocAlphaGo's (Cython) reimplementation of the AlphaGo features:
 *
 * <ul>
 *   <li>A move of the hunter is a <b>ladder capture</b> when it is a legal move on a liberty of an
 *       opponent chain (the prey) that has exactly two liberties, and after it the prey is
 *       captured, or is in atari and none of its plausible escapes succeeds.</li>
 *   <li>A move of the player to move is a <b>ladder escape</b> when one of its chains (the prey) is
 *       in atari, the move is one of the prey's plausible escapes, and after it the prey has three
 *       or more liberties, or two liberties on neither of which a ladder capture succeeds.</li>
 *   <li>The <b>plausible escapes</b> of a prey in atari are its liberty and the liberties of
 *       opponent chains in atari that touch it (capturing them frees the prey), keeping those
 *       that are legal and do not fill the prey owner's own eye.</li>
 * </ul>
 *
 * The two definitions recurse into each other; each move read spends one unit of a budget of
 * {@value #DEPTH}. When the budget runs out the ladder is taken to fail for the hunter (no
 * capture, the escape works): a ladder that has not been decided in 80 moves is not
 * recognised as one.
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
    private final int[] single = new int[1];
    private final Eyes eyes = new Eyes();

    /**
     * @return whether {@code hunter} playing at {@code vertex} captures a neighbouring opponent
     *         chain with two liberties in a ladder
     */
    public boolean isCapture(Board board, int vertex, int hunter) {
        if (!board.isLegal(vertex, hunter)) {
            return false;
        }
        int prey = Board.opponent(hunter);
        int n = adjacentChains(board, vertex, prey, 2);
        int[] preyStones = {roots[0], roots[1], roots[2], roots[3]};
        for (int i = 0; i < n; i++) {
            if (capture(board, preyStones[i], vertex, DEPTH, 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether {@code owner} playing at {@code vertex} is a plausible escape of one of its
     *         chains in atari that gets it out of a ladder
     */
    public boolean isEscape(Board board, int vertex, int owner) {
        if (!board.isLegal(vertex, owner) || eyes.isEye(board, vertex, owner)) {
            return false;
        }
        int n = preyCandidates(board, vertex, owner);
        int[] preyStones = {roots[0], roots[1], roots[2], roots[3]};
        for (int i = 0; i < n; i++) {
            if (escape(board, preyStones[i], vertex, DEPTH, 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the own chains in atari for which {@code vertex} is a plausible escape: those it
     * touches, and those touching an opponent chain in atari whose liberty is {@code vertex}.
     */
    private int preyCandidates(Board board, int vertex, int owner) {
        int enemy = Board.opponent(owner);
        int n = 0;
        for (int off : board.neighbourOffsets()) {
            int s = vertex + off;
            int c = board.colour(s);
            if (c == owner && board.liberties(s) == 1) {
                n = addRoot(board.chain(s), n);
            } else if (c == enemy && board.liberties(s) == 1) {
                // Capturing this chain at vertex frees every own chain in atari next to it.
                int root = board.chain(s);
                int t = root;
                do {
                    for (int o2 : board.neighbourOffsets()) {
                        int u = t + o2;
                        if (board.colour(u) == owner && board.liberties(u) == 1) {
                            n = addRoot(board.chain(u), n);
                        }
                    }
                    t = board.nextStone(t);
                } while (t != root && n < roots.length);
            }
            if (n == roots.length) {
                break;
            }
        }
        return n;
    }

    private int addRoot(int root, int n) {
        for (int i = 0; i < n; i++) {
            if (roots[i] == root) {
                return n;
            }
        }
        if (n < roots.length) {
            roots[n++] = root;
        }
        return n;
    }

    /** Collects the distinct chains of {@code colour} with exactly {@code libs} liberties next to {@code vertex}. */
    private int adjacentChains(Board board, int vertex, int colour, int libs) {
        int n = 0;
        for (int off : board.neighbourOffsets()) {
            int s = vertex + off;
            if (board.colour(s) == colour && board.liberties(s) == libs) {
                n = addRoot(board.chain(s), n);
            }
        }
        return n;
    }

    /**
     * The hunter plays the legal {@code move} against the chain of {@code preyStone}, which has two
     * liberties: is the prey captured in a ladder?
     */
    private boolean capture(Board board, int preyStone, int move, int depth, int level) {
        if (depth <= 0) {
            return false;
        }
        int hunter = Board.opponent(board.colour(preyStone));
        int preyColour = board.colour(preyStone);
        Board t = board(level, board);
        t.play(move, hunter);
        if (t.colour(preyStone) == Board.EMPTY) {
            return true;
        }
        int libs = t.liberties(preyStone);
        if (libs >= 2) {
            return false;
        }
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
            int e = escapes[i];
            if (t.isLegal(e, preyColour) && !eyes.isEye(t, e, preyColour)
                    && escape(t, preyStone, e, depth - 1, level + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The owner of the chain of {@code preyStone}, in atari, plays the legal {@code move}: has the
     * prey escaped the ladder?
     */
    private boolean escape(Board board, int preyStone, int move, int depth, int level) {
        if (depth <= 0) {
            return true;
        }
        int preyColour = board.colour(preyStone);
        int hunter = Board.opponent(preyColour);
        Board t = board(level, board);
        t.play(move, preyColour);
        int libs = t.liberties(preyStone);
        if (libs >= 3) {
            return true;
        }
        if (libs <= 1) {
            return false;
        }
        int[] attacks = candidates(level, t);
        int n = t.libertyVertices(preyStone, attacks);
        for (int i = 0; i < n; i++) {
            if (t.isLegal(attacks[i], hunter) && capture(t, preyStone, attacks[i], depth - 1, level + 1)) {
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
