package org.tribuozoo.go.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.testutil.Diagram;

/**
 * The feature planes on the positions of RocAlphaGo's tests/test_preprocessing.py (MIT), its
 * (x, y) read as (row, col). RocAlphaGo numbers features per group; here they are offsets into
 * the 48 planes of GO.md. Where RocAlphaGo derives an expectation by playing each move on a copy
 * of the board, so does {@link #oracle}: the planes' analytic computation must agree with really
 * playing the move.
 */
class FeaturePlanesTest {

    private static final int B = Board.BLACK;
    private static final int W = Board.WHITE;

    /**
     * RocAlphaGo's simple_board, 7x7, white to move:
     * <pre>
     *   B W . . . . .
     *   B W . . . . .
     *   B . . . B . .
     *   . . . B k B .
     *   . . . W B W .
     *   . . . . W . .
     * </pre>
     * drawn there transposed; here rows are its x. k (4,3) is a ko: white was just captured.
     */
    static Board simpleBoard() {
        Board b = new Board(7);
        int[][] moves = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 2}, {3, 4}, {3, 3}, {4, 5}, {4, 2}, {5, 4}, {5, 3}, {4, 3}, {4, 4}};
        int colour = B;
        for (int[] m : moves) {
            assertTrue(b.play(b.vertex(m[0], m[1]), colour) >= 0);
            colour = Board.opponent(colour);
        }
        return b;
    }

    /** RocAlphaGo's capture_board, 7x7, black to move. */
    static Board captureBoard() {
        Board b = new Board(7);
        int[][] black = {{2, 0}, {3, 0}, {1, 1}, {4, 1}, {1, 2}, {2, 3}, {5, 4}, {6, 5}, {5, 6}};
        int[][] white = {{2, 1}, {3, 1}, {2, 2}, {4, 4}, {3, 5}, {5, 5}, {4, 6}};
        for (int[] m : black) {
            assertTrue(b.play(b.vertex(m[0], m[1]), B) >= 0);
        }
        for (int[] m : white) {
            assertTrue(b.play(b.vertex(m[0], m[1]), W) >= 0);
        }
        return b;
    }

    /** RocAlphaGo's self_atari_board, 7x7, black to move. */
    static Board selfAtariBoard() {
        Board b = new Board(7);
        for (int[] m : new int[][] {{2, 4}, {4, 4}, {6, 0}}) {
            b.play(b.vertex(m[0], m[1]), B);
        }
        for (int[] m : new int[][] {{1, 0}, {5, 0}, {2, 3}, {4, 3}, {1, 4}, {5, 4}, {2, 5}, {3, 5}, {4, 5}}) {
            b.play(b.vertex(m[0], m[1]), W);
        }
        return b;
    }

    static long[] planes(Board b, int toMove) {
        long[] out = new long[b.size() * b.size()];
        new FeaturePlanes().compute(b, toMove, out);
        return out;
    }

    /** @return plane k as a grid [row][col] of 0/1. */
    static int[][] plane(long[] planes, int k, int size) {
        int[][] g = new int[size][size];
        for (int p = 0; p < size * size; p++) {
            g[p / size][p % size] = (int) ((planes[p] >>> k) & 1);
        }
        return g;
    }

    static int[][] grid(int size, int[]... ones) {
        int[][] g = new int[size][size];
        for (int[] rc : ones) {
            g[rc[0]][rc[1]] = 1;
        }
        return g;
    }

    @Test
    void stoneColourIsRelativeToThePlayerToMove() {
        Board b = simpleBoard();
        long[] f = planes(b, W);
        int[][] white = {
            {0, 0, 0, 0, 0, 0, 0}, {1, 1, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 1, 0, 0},
            {0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 1, 0, 0}, {0, 0, 0, 0, 0, 0, 0}};
        int[][] black = {
            {1, 1, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 1, 0, 0, 0},
            {0, 0, 1, 0, 1, 0, 0}, {0, 0, 0, 1, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}};
        assertArrayEquals(white, plane(f, FeaturePlanes.OWN_STONE, 7), "white to move: white stones are 'own'");
        assertArrayEquals(black, plane(f, FeaturePlanes.OPPONENT_STONE, 7));
        int[][] empty = new int[7][7];
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                empty[r][c] = 1 - white[r][c] - black[r][c];
                assertEquals(1, plane(f, FeaturePlanes.ONES, 7)[r][c]);
                assertEquals(0, plane(f, FeaturePlanes.ZEROS, 7)[r][c]);
            }
        }
        assertArrayEquals(empty, plane(f, FeaturePlanes.EMPTY, 7));
        long[] asBlack = planes(b, B);
        assertArrayEquals(black, plane(asBlack, FeaturePlanes.OWN_STONE, 7), "black to move: black stones are 'own'");
    }

    @Test
    void turnsSince() {
        Board b = simpleBoard();
        long[] f = planes(b, W);
        // 13 moves; move m is (14 - m) moves ago; move 12 (4,3) was captured.
        int[][] moves = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 2}, {3, 4}, {3, 3}, {4, 5}, {4, 2}, {5, 4}, {5, 3}, null, {4, 4}};
        int[][][] expected = new int[8][7][7];
        for (int m = 1; m <= 13; m++) {
            int[] rc = moves[m - 1];
            if (rc != null) {
                expected[Math.min(14 - m, 8) - 1][rc[0]][rc[1]] = 1;
            }
        }
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(expected[k], plane(f, FeaturePlanes.TURNS_SINCE + k, 7), "turns since plane " + (k + 1));
        }
        assertEquals(1, plane(f, FeaturePlanes.TURNS_SINCE, 7)[4][4], "plane 4 is the last move");
    }

    @Test
    void liberties() {
        long[] f = planes(simpleBoard(), W);
        int[][][] expected = new int[8][][];
        expected[0] = grid(7, new int[] {4, 4});
        expected[1] = grid(7, new int[] {0, 0}, new int[] {0, 1}, new int[] {0, 2}, new int[] {3, 4}, new int[] {5, 4});
        expected[2] = grid(7, new int[] {1, 0}, new int[] {1, 1}, new int[] {4, 5}, new int[] {3, 3}, new int[] {5, 3});
        expected[3] = grid(7, new int[] {4, 2});
        for (int k = 4; k < 8; k++) {
            expected[k] = new int[7][7];
        }
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(expected[k], plane(f, FeaturePlanes.LIBERTIES + k, 7), "stones with " + (k + 1) + " liberties");
        }
    }

    @Test
    void libertiesEightOrMore() {
        Board b = new Board(19);
        b.play(b.vertex(9, 9), B);
        b.play(b.vertex(9, 10), B);
        b.play(b.vertex(9, 11), B);
        long[] f = planes(b, W);
        assertEquals(1, plane(f, FeaturePlanes.LIBERTIES + 7, 19)[9][10], "8 liberties go to the last plane");
        b.play(b.vertex(9, 12), B);
        f = planes(b, W);
        assertEquals(1, plane(f, FeaturePlanes.LIBERTIES + 7, 19)[9][10], "10 liberties too");
    }

    @Test
    void captureSize() {
        Board b = captureBoard();
        long[] f = planes(b, B);
        assertEquals(1, plane(f, FeaturePlanes.CAPTURE_SIZE + 3, 7)[3][2], "(3,2) captures the 3-stone white chain");
        assertEquals(1, plane(f, FeaturePlanes.CAPTURE_SIZE + 1, 7)[4][5], "(4,5) captures the white stone (5,5)");
        int[] sums = FeaturePlanes.planeSums(f, 49);
        assertEquals(1, sums[FeaturePlanes.CAPTURE_SIZE + 3]);
        assertEquals(1, sums[FeaturePlanes.CAPTURE_SIZE + 1]);
        oracle(b, B, f);
    }

    @Test
    void selfAtariSize() {
        long[] f = planes(selfAtariBoard(), B);
        assertArrayEquals(grid(7, new int[] {0, 0}), plane(f, FeaturePlanes.SELF_ATARI_SIZE, 7));
        assertArrayEquals(new int[7][7], plane(f, FeaturePlanes.SELF_ATARI_SIZE + 1, 7));
        assertArrayEquals(grid(7, new int[] {3, 4}), plane(f, FeaturePlanes.SELF_ATARI_SIZE + 2, 7));
        for (int k = 3; k < 8; k++) {
            assertArrayEquals(new int[7][7], plane(f, FeaturePlanes.SELF_ATARI_SIZE + k, 7));
        }
        oracle(selfAtariBoard(), B, f);
    }

    @Test
    void selfAtariSizeWithCaptures() {
        long[] f = planes(captureBoard(), B);
        assertArrayEquals(grid(7, new int[] {4, 5}, new int[] {3, 6}), plane(f, FeaturePlanes.SELF_ATARI_SIZE, 7),
                "size 1 at the capture (4,5), a ko shape, and just below it");
        assertArrayEquals(grid(7, new int[] {6, 6}), plane(f, FeaturePlanes.SELF_ATARI_SIZE + 2, 7), "size 3 in the corner");
        int[] sums = FeaturePlanes.planeSums(f, 49);
        assertEquals(3, sums[FeaturePlanes.SELF_ATARI_SIZE] + sums[FeaturePlanes.SELF_ATARI_SIZE + 2]);
    }

    @Test
    void libertiesAfterMove() {
        Board b = simpleBoard();
        long[] f = planes(b, W);
        oracle(b, W, f);
        // (4,3) is the ko point: illegal for white, so all move planes are zero there.
        for (int k = FeaturePlanes.CAPTURE_SIZE; k <= FeaturePlanes.SENSIBLENESS; k++) {
            assertEquals(0, plane(f, k, 7)[4][3], "plane " + k + " at the ko point");
        }
        // (6,6), the corner, for white: 2 liberties; (2,0) joins the white pair: 3 liberties.
        assertEquals(1, plane(f, FeaturePlanes.LIBERTIES_AFTER + 1, 7)[6][6]);
        assertEquals(1, plane(f, FeaturePlanes.LIBERTIES_AFTER + 2, 7)[2][0]);
        Board c = captureBoard();
        long[] g = planes(c, B);
        oracle(c, B, g);
        // (3,2) captures 3 stones and gets their points as liberties: (2,2),(3,1),(3,3),(4,2) -> 4.
        assertEquals(1, plane(g, FeaturePlanes.LIBERTIES_AFTER + 3, 7)[3][2]);
    }

    @Test
    void legalityIsTheUnionOfTheCaptureSizePlanes() {
        Board b = simpleBoard();
        long[] f = planes(b, W);
        for (int v : b.vertices()) {
            int p = b.pointOfVertex(v);
            boolean legal = false;
            for (int k = 0; k < 8; k++) {
                legal |= ((f[p] >>> (FeaturePlanes.CAPTURE_SIZE + k)) & 1) != 0;
            }
            assertEquals(b.isLegal(v, W), legal, "point " + p);
        }
    }

    @Test
    void sensibleness() {
        Diagram d = Diagram.parse("x B . . W . . . .|"
                + "B B W . . W . . .|"
                + ". W B B W W . . .|"
                + ". B y B W W . . .|"
                + ". B B z B W . . .|"
                + ". . B B B W . . .|"
                + ". . . . . . . . W|"
                + ". . . . . . . . W|"
                + ". . . . . . . W s|");
        Board b = d.board;
        long[] f = planes(b, B);
        int[][] sensible = plane(f, FeaturePlanes.SENSIBLENESS, 9);
        for (int v : b.vertices()) {
            int p = b.pointOfVertex(v);
            boolean expected = b.isLegal(v, B) && v != d.at('x') && v != d.at('y') && v != d.at('z');
            assertEquals(expected ? 1 : 0, sensible[p / 9][p % 9], "point " + p);
        }
        assertFalse(b.isLegal(d.at('s'), B), "s is suicide");
        Eyes eyes = new Eyes();
        assertTrue(eyes.isEye(b, d.at('x'), B), "corner eye");
        assertTrue(eyes.isEye(b, d.at('y'), B), "one bad diagonal (white) and z, an eye, in the centre");
        assertTrue(eyes.isEye(b, d.at('z'), B));
    }

    @Test
    void falseEyesOnTheEdgeAndInTheCentre() {
        // Edge point e: one diagonal is white, so it is a false eye; centre point c has four bad diagonals.
        Diagram d = Diagram.parse(". . . . . . .|"
                + ". . . . . . .|"
                + "B W . . . . .|"
                + "e B . W B W .|"
                + "B B . B c B .|"
                + ". . . W B W .|"
                + ". . . . . . .");
        Board b = d.board;
        Eyes eyes = new Eyes();
        assertFalse(eyes.isEye(b, d.at('e'), B), "edge eye with an opponent diagonal is false");
        assertFalse(eyes.isEye(b, d.at('c'), B), "two bad diagonals");
        long[] f = planes(b, B);
        int pe = b.pointOfVertex(d.at('e'));
        assertEquals(1, (f[pe] >>> FeaturePlanes.SENSIBLENESS) & 1, "filling a false eye is sensible");
    }

    @Test
    void ladderPlanesOnTheSmallBoards() {
        Diagram capture = Diagram.parse(". . . . . . .|B W a . . . .|. B . . . . .|. . . . . . .|. . . . . . .|. . . . . W .");
        long[] f = planes(capture.board, B);
        int[] sums = FeaturePlanes.planeSums(f, 49);
        assertEquals(1, sums[FeaturePlanes.LADDER_CAPTURE]);
        int a = capture.board.pointOfVertex(capture.at('a'));
        assertEquals(1, (f[a] >>> FeaturePlanes.LADDER_CAPTURE) & 1);

        Diagram escape = Diagram.parse(". B B . . . .|B W a . . . .|. B . . . . .|. . . . . W .|. . . . . . .|. . . . . . .");
        f = planes(escape.board, W);
        sums = FeaturePlanes.planeSums(f, 49);
        assertEquals(1, sums[FeaturePlanes.LADDER_ESCAPE], "only a escapes");
        a = escape.board.pointOfVertex(escape.at('a'));
        assertEquals(1, (f[a] >>> FeaturePlanes.LADDER_ESCAPE) & 1);

        Diagram two = Diagram.parse(". . X . . .|. X O a . .|. X c X . .|. O X b . .|. . O . . .|. . . . . .");
        two.board.play(two.at('c'), W);
        f = planes(two.board, W);
        sums = FeaturePlanes.planeSums(f, 36);
        assertEquals(2, sums[FeaturePlanes.LADDER_ESCAPE], "a and b both escape");
        assertEquals(1, (f[two.board.pointOfVertex(two.at('a'))] >>> FeaturePlanes.LADDER_ESCAPE) & 1);
        assertEquals(1, (f[two.board.pointOfVertex(two.at('b'))] >>> FeaturePlanes.LADDER_ESCAPE) & 1);
    }

    @Test
    void analyticPlanesAgreeWithPlayingEveryMoveInRandomGames() {
        Random rnd = new Random(11);
        FeaturePlanes fp = new FeaturePlanes();
        for (int game = 0; game < 20; game++) {
            Board b = new Board(9);
            int colour = B;
            long[] f = new long[81];
            for (int move = 0; move < 120; move++) {
                if (move % 10 == 9) {
                    fp.compute(b, colour, f);
                    oracle(b, colour, f);
                }
                int v = b.vertices()[rnd.nextInt(81)];
                if (b.play(v, colour) >= 0) {
                    colour = Board.opponent(colour);
                }
            }
        }
    }

    /**
     * Checks the move planes 20-43 against the result of really playing each move on a copy:
     * legal moves one-hot in each block, illegal moves all zero.
     */
    static void oracle(Board b, int toMove, long[] f) {
        Map<String, Integer> seen = new HashMap<>();
        for (int v : b.vertices()) {
            int p = b.pointOfVertex(v);
            long bits = f[p];
            if (b.colour(v) != Board.EMPTY) {
                assertEquals(0, (bits >>> FeaturePlanes.CAPTURE_SIZE) & ((1L << 24) - 1), "no move planes on a stone at " + p);
                continue;
            }
            Board copy = new Board(b);
            int captured = copy.play(v, toMove);
            if (captured < 0) {
                assertEquals(0, (bits >>> FeaturePlanes.CAPTURE_SIZE) & ((1L << 27) - 1), "illegal move " + p + " has move planes");
                continue;
            }
            int libs = copy.liberties(v);
            assertEquals(1, (bits >>> (FeaturePlanes.CAPTURE_SIZE + Math.min(captured, 7))) & 1, "capture size at " + p);
            assertEquals(1, Long.bitCount((bits >>> FeaturePlanes.CAPTURE_SIZE) & 0xff), "one-hot capture size at " + p);
            assertEquals(1, (bits >>> (FeaturePlanes.LIBERTIES_AFTER + Math.min(libs, 8) - 1)) & 1, "liberties after at " + p);
            assertEquals(1, Long.bitCount((bits >>> FeaturePlanes.LIBERTIES_AFTER) & 0xff));
            long selfAtari = (bits >>> FeaturePlanes.SELF_ATARI_SIZE) & 0xff;
            if (libs == 1) {
                assertEquals(1L << (Math.min(copy.chainSize(v), 8) - 1), selfAtari, "self-atari size at " + p);
            } else {
                assertEquals(0, selfAtari, "no self-atari at " + p);
            }
            seen.merge("legal", 1, Integer::sum);
        }
    }
}
