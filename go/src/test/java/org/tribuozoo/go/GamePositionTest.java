package org.tribuozoo.go;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.Coordinates;
import org.tribuozoo.go.sgf.GameRecordReader;

/** A position as NHWC planes plus stones agrees with the planes report and with the SGF moves. */
class GamePositionTest {

    @TempDir
    Path tmp;

    @Test
    void planesStonesAndNextMove() throws Exception {
        Path sgf = tmp.resolve("g.sgf");
        Files.writeString(sgf, "(;SZ[19];B[pd];W[dp];B[pp];W[dd])");
        GamePosition p = GamePosition.of(sgf, 3);
        assertEquals(Board.BLACK, p.toMove());
        assertEquals(Coordinates.fromSgf('p', 'p', 19), p.played());
        assertEquals("Q4", Coordinates.toGo(p.played()));
        assertEquals(Board.BLACK, p.stones()[Coordinates.fromGo("Q16")]);
        assertEquals(Board.WHITE, p.stones()[Coordinates.fromGo("D4")]);
        assertEquals(359, java.util.Arrays.stream(p.stones()).filter(c -> c == Board.EMPTY).count());

        int[] sums = new int[FeaturePlanes.COUNT];
        for (int i = 0; i < p.planes().length; i++) {
            sums[i % FeaturePlanes.COUNT] += (int) p.planes()[i];
        }
        int[] expected = PlanesReport.planeSums(GameRecordReader.readFirst(Files.readAllBytes(sgf), "g.sgf"), 3);
        assertArrayEquals(expected, sums);
        // Relative colour: black is to move, so Q16 is "own" (plane 0) and D4 "opponent" (plane 1).
        assertEquals(1f, p.planes()[Coordinates.fromGo("Q16") * FeaturePlanes.COUNT]);
        assertEquals(1f, p.planes()[Coordinates.fromGo("D4") * FeaturePlanes.COUNT + 1]);
    }

    @Test
    void moveNumbersOutsideTheGameAreUserErrors() throws Exception {
        Path sgf = tmp.resolve("g.sgf");
        Files.writeString(sgf, "(;SZ[19];B[pd];W[dp])");
        GoDataException e = assertThrows(GoDataException.class, () -> GamePosition.of(sgf, 3));
        assertEquals(tmp.resolve("g.sgf") + " has 2 moves; the move number must be in 1..2, got 3", e.getMessage());
        assertThrows(GoDataException.class, () -> GamePosition.of(tmp.resolve("none.sgf"), 1));
    }
}
