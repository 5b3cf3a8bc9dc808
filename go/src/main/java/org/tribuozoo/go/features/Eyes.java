package org.tribuozoo.go.features;

import org.tribuozoo.go.rules.Board;

/**
 * Own-eye detection, as GO.md defines it (and as Fuego, Michi and RocAlphaGo do): an empty
 * point is an eye of {@code owner} when all its on-board orthogonal neighbours are
 * {@code owner}'s stones and, of its diagonal neighbours, at most one is "bad" in the centre and
 * none at the edge or in the corner. A diagonal is bad when it holds an opponent stone, or is
 * empty and not itself an eye, decided recursively. A diagonal already under examination higher
 * up the recursion is not counted as bad, which makes mutually supporting eyes (two-point eyes,
 * checkerboards) true eyes and guarantees termination.
 */
public final class Eyes {

    private final int[] stack = new int[1024];
    private int depth;
    private int[] diagonals = new int[4];
    private int diagonalsStride = -1;

    /** @return whether the empty point {@code vertex} is an eye of {@code owner}. */
    public boolean isEye(Board board, int vertex, int owner) {
        depth = 0;
        return eye(board, vertex, owner);
    }

    /** @return whether {@code vertex} is empty and all its on-board neighbours are {@code owner}'s. */
    public static boolean isEyeish(Board board, int vertex, int owner) {
        if (board.colour(vertex) != Board.EMPTY) {
            return false;
        }
        for (int off : board.neighbourOffsets()) {
            int c = board.colour(vertex + off);
            if (c != owner && c != Board.BORDER) {
                return false;
            }
        }
        return true;
    }

    private boolean eye(Board board, int vertex, int owner) {
        if (!isEyeish(board, vertex, owner)) {
            return false;
        }
        int stride = board.stride();
        int enemy = Board.opponent(owner);
        int onBoardDiagonals = 0;
        if (stride != diagonalsStride) {
            diagonals = new int[] {-stride - 1, -stride + 1, stride - 1, stride + 1};
            diagonalsStride = stride;
        }
        for (int off : diagonals) {
            if (board.colour(vertex + off) != Board.BORDER) {
                onBoardDiagonals++;
            }
        }
        int allowedBad = onBoardDiagonals == 4 ? 1 : 0;
        int bad = 0;
        for (int off : diagonals) {
            int d = vertex + off;
            int c = board.colour(d);
            if (c == enemy) {
                bad++;
            } else if (c == Board.EMPTY && !onStack(d) && depth < stack.length) {
                stack[depth++] = vertex;
                boolean isEye = eye(board, d, owner);
                depth--;
                if (!isEye) {
                    bad++;
                }
            }
            if (bad > allowedBad) {
                return false;
            }
        }
        return true;
    }

    private boolean onStack(int v) {
        for (int i = 0; i < depth; i++) {
            if (stack[i] == v) {
                return true;
            }
        }
        return false;
    }
}
