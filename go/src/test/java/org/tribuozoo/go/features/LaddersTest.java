package org.tribuozoo.go.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.testutil.Diagram;

/**
 * Ladder capture and escape on the positions of RocAlphaGo's tests/test_ladders.py (MIT):
 * breakers, a missing breaker, captures that free the prey, throw-ins, snapbacks, two captures
 * and two escapes. As there, "capture" is asked of the hunter to move and "escape" of the prey's
 * owner to move; X/B black, O/W white.
 */
class LaddersTest {

    private static final int B = Board.BLACK;
    private static final int W = Board.WHITE;
    private final Ladders ladders = new Ladders();

    private static void play(Diagram d, char mark, int colour) {
        assertTrue(d.board.play(d.at(mark), colour) >= 0, "move " + mark + " must be legal");
    }

    @Test
    void captured1() {
        Diagram d = Diagram.parse("d b c . . . .|B W a . . . .|. B . . . . .|. . . . . . .|. . . . . . .|. . . . . W .");
        assertTrue(ladders.isCapture(d.board, d.at('a'), B), "a catches white in a ladder");
        assertFalse(ladders.isCapture(d.board, d.at('b'), B), "b does not");
        play(d, 'a', B);
        assertFalse(ladders.isEscape(d.board, d.at('b'), W), "b is no escape after a");
        play(d, 'b', W);
        assertTrue(ladders.isCapture(d.board, d.at('c'), B));
        assertFalse(ladders.isCapture(d.board, d.at('d'), B), "d is self-atari");
    }

    @Test
    void breaker1() {
        Diagram d = Diagram.parse(". B . . . . .|B W a . . W .|B b . . . . .|. c . . . . .|. . . . . . .|. . . . . W .|. . . . . . .");
        assertFalse(ladders.isCapture(d.board, d.at('a'), B), "the white stones on the right break the ladder");
        assertFalse(ladders.isCapture(d.board, d.at('b'), B));
        play(d, 'a', B);
        assertTrue(ladders.isEscape(d.board, d.at('b'), W), "after a, b escapes");
        play(d, 'b', W);
        assertFalse(ladders.isCapture(d.board, d.at('c'), B));
    }

    @Test
    void missingLadderBreaker1() {
        Diagram d = Diagram.parse(". B . . . . .|B W B . . W .|B a c . . . .|. b . . . . .|. . . . . . .|. W . . . . .|. . . . . . .");
        assertFalse(ladders.isEscape(d.board, d.at('a'), W), "a is no escape for white");
        play(d, 'a', W);
        assertTrue(ladders.isCapture(d.board, d.at('b'), B), "b still captures");
        assertFalse(ladders.isCapture(d.board, d.at('c'), B), "c does not");
    }

    @Test
    void captureToEscape1() {
        Diagram d = Diagram.parse(". O X . . .|. X O X . .|. . O X . .|. . a . . .|. O . . . .|. . . . . .");
        assertFalse(ladders.isCapture(d.board, d.at('a'), B), "white escapes by capturing a black stone in atari");
    }

    @Test
    void throwIn1() {
        Diagram d = Diagram.parse("X a O X . .|b O O X . .|O O X X . .|X X . . . .|. . . . . .|. . . O . .");
        assertTrue(ladders.isCapture(d.board, d.at('a'), B));
        assertTrue(ladders.isCapture(d.board, d.at('b'), B));
        play(d, 'a', B);
        assertFalse(ladders.isEscape(d.board, d.at('b'), W), "after the throw-in at a, b does not help white");
    }

    @Test
    void snapback1() {
        Diagram d = Diagram.parse(". . . . . . . . .|. . . . . . . . .|. . X X X . . . .|. . O . . . . . .|"
                + ". . O X . . . . .|. . X O a . . . .|. . X O X . . . .|. . . X . . . . .|. . . . . . . . .");
        assertFalse(ladders.isEscape(d.board, d.at('a'), W), "a walks into a snapback");
    }

    @Test
    void twoCaptures() {
        Diagram d = Diagram.parse(". . . . . .|. . . . . .|. . a b . .|. X O O X .|. . X X . .|. . . . . .");
        assertTrue(ladders.isCapture(d.board, d.at('a'), B));
        assertTrue(ladders.isCapture(d.board, d.at('b'), B));
    }

    @Test
    void twoEscapes() {
        Diagram d = Diagram.parse(". . X . . .|. X O a . .|. X c X . .|. O X b . .|. . O . . .|. . . . . .");
        play(d, 'c', W);
        assertTrue(ladders.isEscape(d.board, d.at('a'), W), "extending at a");
        assertTrue(ladders.isEscape(d.board, d.at('b'), W), "capturing the black stone in atari at b");
    }

    private static Board afterAtari(Board b, int a) {
        Board c = new Board(b);
        c.play(a, B);
        return c;
    }

    @Test
    void longLadderAcrossTheBoardIsReadToTheEnd() {
        // A ladder started in the lower left runs to the upper right over about 30 moves; it works
        // on an empty board and fails once a white breaker stands on its path.
        Board b = new Board(19);
        b.play(b.vertex(15, 3), W);
        b.play(b.vertex(16, 3), B);
        b.play(b.vertex(15, 2), B);
        b.play(b.vertex(16, 4), B);
        int a = b.vertex(14, 3);
        assertEquals(2, b.liberties(b.vertex(15, 3)), "white has two liberties before the chase");
        assertTrue(ladders.isCapture(b, a, B), "on an empty board the ladder runs to the top edge and works");
        b.play(b.vertex(4, 14), W);
        assertFalse(ladders.isCapture(b, a, B), "a white breaker on the diagonal saves white");
        assertTrue(ladders.isEscape(afterAtari(b, a), b.vertex(15, 4), W), "so extending is an escape");
    }
}
