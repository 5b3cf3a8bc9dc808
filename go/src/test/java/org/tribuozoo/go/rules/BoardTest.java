package org.tribuozoo.go.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuozoo.go.testutil.Diagram;

/**
 * Rules engine tests; positions and expected values from RocAlphaGo's tests/test_gamestate.py
 * and tests/test_liberties.py (MIT), with its (x, y) read as (row, col).
 */
class BoardTest {

    private static final int B = Board.BLACK;
    private static final int W = Board.WHITE;

    /** Plays alternating moves starting with black, asserting each is legal; returns total captures by colour. */
    private static int[] playAll(Board b, int[][] moves) {
        int[] captures = new int[3];
        int colour = B;
        for (int[] m : moves) {
            int r = b.play(b.vertex(m[0], m[1]), colour);
            assertTrue(r >= 0, "move " + m[0] + "," + m[1] + " illegal: " + r);
            captures[colour] += r;
            colour = Board.opponent(colour);
        }
        return captures;
    }

    @Test
    void standardKo() {
        Board b = new Board(9);
        int[] caps = playAll(b, new int[][] {{1, 0}, {2, 0}, {0, 1}, {3, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}});
        assertEquals(1, caps[W], "white captured one black stone");
        assertEquals(0, caps[B]);
        assertEquals(b.vertex(2, 1), b.koVertex());
        assertFalse(b.isLegal(b.vertex(2, 1), B));
        assertEquals(Board.ILLEGAL_KO, b.play(b.vertex(2, 1), B));
        assertEquals(0, b.play(b.vertex(5, 5), B));
        assertEquals(0, b.play(b.vertex(5, 6), W));
        assertTrue(b.isLegal(b.vertex(2, 1), B), "ko may be retaken after an exchange elsewhere");
        assertEquals(1, b.play(b.vertex(2, 1), B));
        assertNull(b.checkConsistency());
    }

    @Test
    void koIsLiftedByAPass() {
        Board b = new Board(9);
        playAll(b, new int[][] {{1, 0}, {2, 0}, {0, 1}, {3, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}});
        b.pass();
        assertEquals(-1, b.koVertex());
    }

    @Test
    void snapbackIsNotKo() {
        Board b = new Board(5);
        int[] caps = playAll(b, new int[][] {{0, 0}, {0, 1}, {2, 1}, {1, 1}, {3, 0}, {2, 0}, {1, 0}});
        assertEquals(1, caps[B]);
        assertEquals(-1, b.koVertex(), "capturing into a 2-stone chain in atari is not a ko");
        assertTrue(b.isLegal(b.vertex(2, 0), W));
        assertEquals(2, b.play(b.vertex(2, 0), W), "the snapback captures two stones");
        assertEquals(Board.EMPTY, b.colourAt(0, 0));
        assertEquals(Board.EMPTY, b.colourAt(1, 0));
        assertNull(b.checkConsistency());
    }

    @Test
    void suicideAndOccupiedAreIllegal() {
        Diagram d = Diagram.parse(". B . . .|B . . . .|. . . . .|. . . . .|. . . . .");
        Board b = d.board;
        assertEquals(Board.ILLEGAL_SUICIDE, b.play(b.vertex(0, 0), W));
        assertEquals(Board.ILLEGAL_OCCUPIED, b.play(b.vertex(0, 1), W));
        assertTrue(b.isLegal(b.vertex(0, 0), B), "filling an own eye is legal");
        assertEquals(Board.BLACK, b.colourAt(0, 1), "an illegal move leaves the board unchanged");
        assertNull(b.checkConsistency());
    }

    @Test
    void suicideThatCapturesIsLegal() {
        Diagram d = Diagram.parse("W B . .|B . . .|. . . .|. . . .");
        Board b = d.board;
        assertEquals(0, b.liberties(b.vertex(0, 0)), "setup never captures, even a chain without liberties");
        Diagram e = Diagram.parse(". W B .|W B . .|B . . .|. . . .");
        Board c = e.board;
        assertEquals(2, c.play(c.vertex(0, 0), B), "a move without own liberties is legal when it captures");
        assertEquals(Board.EMPTY, c.colourAt(0, 1));
        assertEquals(Board.EMPTY, c.colourAt(1, 0));
        assertEquals(2, c.liberties(c.vertex(0, 0)));
        assertNull(c.checkConsistency());
    }

    @Test
    void eyeTrueAndFalse() {
        // test_true_eye: after (1,0) and (0,1) the corner is a false eye ...
        Board b = new Board(7);
        b.play(b.vertex(1, 0), B);
        b.play(b.vertex(0, 1), B);
        org.tribuozoo.go.features.Eyes eyes = new org.tribuozoo.go.features.Eyes();
        assertFalse(eyes.isEye(b, b.vertex(0, 0), B));
        // ... and becomes a true eye once the diagonal (1,1) is itself an eye.
        for (int[] m : new int[][] {{1, 2}, {2, 1}, {2, 2}, {0, 2}}) {
            b.play(b.vertex(m[0], m[1]), B);
        }
        assertTrue(eyes.isEye(b, b.vertex(0, 0), B));
        assertTrue(eyes.isEye(b, b.vertex(1, 1), B));
        assertFalse(eyes.isEye(b, b.vertex(0, 0), W), "not an eye of the other colour");
    }

    @Test
    void eyeRecursionOnACheckerboard() {
        Board b = new Board(7);
        for (int x = 0; x < 7; x++) {
            for (int y = 0; y < 7; y++) {
                if ((x + y) % 2 == 1) {
                    b.play(b.vertex(x, y), B);
                }
            }
        }
        org.tribuozoo.go.features.Eyes eyes = new org.tribuozoo.go.features.Eyes();
        assertTrue(eyes.isEye(b, b.vertex(0, 0), B));
        assertTrue(eyes.isEye(b, b.vertex(3, 3), B));
    }

    @Test
    void libertiesAfterCaptureEqualAFreshBoard() {
        Board capture = new Board(7);
        Board reference = new Board(7);
        for (int x = 2; x < 5; x++) {
            for (int y = 2; y < 5; y++) {
                capture.play(capture.vertex(x, y), B);
            }
        }
        int captured = 0;
        for (int x = 2; x < 5; x++) {
            captured += capture.play(capture.vertex(x, 1), W) + capture.play(capture.vertex(x, 5), W);
            reference.play(reference.vertex(x, 1), W);
            reference.play(reference.vertex(x, 5), W);
        }
        captured += capture.play(capture.vertex(1, 1), W);
        reference.play(reference.vertex(1, 1), W);
        for (int y = 2; y < 5; y++) {
            captured += capture.play(capture.vertex(1, y), W) + capture.play(capture.vertex(5, y), W);
            reference.play(reference.vertex(1, y), W);
            reference.play(reference.vertex(5, y), W);
        }
        assertEquals(9, captured, "the whole 3x3 block is captured");
        assertEquals(reference.toString(), capture.toString());
        for (int v : capture.vertices()) {
            assertEquals(reference.liberties(v), capture.liberties(v), "liberties at " + capture.pointOfVertex(v));
            assertEquals(reference.chainSize(v), capture.chainSize(v));
        }
        assertNull(capture.checkConsistency());
    }

    @Test
    void largeGroupNeighbours() {
        Diagram d = Diagram.parse(". . B B B . .|. . B B B . .|. . B B B . .|. . W W W . .|"
                + ". . W W W . .|. . W W W . .|. . . . . . .");
        Board b = d.board;
        assertNull(b.checkConsistency());
        assertEquals(9, b.chainSize(b.vertex(0, 2)));
        assertEquals(9, b.chainSize(b.vertex(5, 4)));
        assertEquals(6, b.liberties(b.vertex(0, 2)), "black: 2 top, 2 per side row ... (0,1),(1,1),(2,1),(0,5),(1,5),(2,5)");
        assertEquals(9, b.liberties(b.vertex(5, 4)));
    }

    @Test
    void copyIsIndependent() {
        Diagram d = Diagram.parse(". B . . . . .|B W W . . . .|. B W . B . .|. . . . . . B|. . B . . . .|W . . . W W .");
        Board original = d.board;
        Board copy = new Board(original);
        assertEquals(original.toString(), copy.toString());
        assertNull(copy.checkConsistency());
        for (int v : original.vertices()) {
            assertEquals(original.liberties(v), copy.liberties(v));
        }
        copy.play(copy.vertex(6, 6), B);
        assertEquals(Board.EMPTY, original.colourAt(6, 6));
        assertNull(original.checkConsistency());
    }

    @Test
    void koSurvivesACopyAndAMoveOnTheCopyClearsOnlyTheCopysKo() {
        Diagram d = Diagram.parse(". B . . . . .|B W B . . . .|W k W . . . .|. W . . . . .|"
                + ". . . . . . .|. . . . a . .|. . . . . . .");
        Board b = d.board;
        assertEquals(1, b.play(d.at('k'), B));
        int ko = b.koVertex();
        assertEquals(b.vertex(1, 1), ko);
        Board copy = new Board(b);
        assertEquals(ko, copy.koVertex());
        copy.play(d.at('a'), W);
        assertEquals(-1, copy.koVertex());
        assertEquals(ko, b.koVertex());
    }

    @Test
    void mergeAndCapture() {
        Diagram d = Diagram.parse(". . B B B . .|. B W W W B .|. B W B W B .|. B W c W B .|"
                + ". B W B W B .|. B W W W B .|. . B B B . .");
        Board b = d.board;
        assertEquals(12, b.play(d.at('c'), B), "c joins the inner stones and captures the white ring");
        assertEquals(3, b.chainSize(d.at('c')));
        assertNull(b.checkConsistency());
    }

    @Test
    void libertyCountsOn19x19() {
        Board s = new Board(19);
        playAll(s, new int[][] {{4, 5}, {5, 5}, {5, 6}, {10, 10}, {4, 6}, {10, 11}, {6, 6}, {9, 10}});
        assertEquals(2, s.liberties(s.vertex(5, 5)));
        assertEquals(8, s.liberties(s.vertex(4, 5)));
        assertEquals(8, s.liberties(s.vertex(5, 6)));
        assertEquals(4, s.chainSize(s.vertex(6, 6)));
    }

    @Test
    void groupSizesAtTheEdge() {
        Board st = new Board(19);
        playAll(st, new int[][] {{0, 0}, {5, 5}, {0, 1}, {6, 6}, {1, 0}, {1, 1}});
        assertEquals(3, st.chainSize(st.vertex(0, 0)), "group size in corner");
        assertEquals(0, st.chainSize(st.vertex(4, 4)), "group size of empty space");
        assertEquals(1, st.chainSize(st.vertex(5, 5)), "group size of single piece");
        assertEquals(2, st.liberties(st.vertex(0, 0)), "the corner group's liberties are (0,2) and (2,0)");
    }

    @Test
    void stoneAgesCountPassesAndReplays() {
        Board b = new Board(9);
        b.play(b.vertex(0, 0), B);
        b.pass();
        b.play(b.vertex(4, 4), B);
        assertEquals(1, b.stoneAge(b.vertex(4, 4)));
        assertEquals(3, b.stoneAge(b.vertex(0, 0)), "the pass aged the first stone");
    }

    @Test
    void randomGamesKeepChainsConsistent() {
        Random rnd = new Random(5);
        for (int game = 0; game < 30; game++) {
            Board b = new Board(9);
            int colour = B;
            for (int move = 0; move < 150; move++) {
                int v = b.vertices()[rnd.nextInt(81)];
                if (b.play(v, colour) >= 0) {
                    colour = Board.opponent(colour);
                }
            }
            assertNull(b.checkConsistency(), "game " + game);
        }
    }
}
