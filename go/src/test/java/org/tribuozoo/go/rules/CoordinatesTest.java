package org.tribuozoo.go.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CoordinatesTest {

    @Test
    void pointIndexIsRowMajorFromTheTopRowWhichIsRow19() {
        assertEquals("A19", Coordinates.toGo(0));
        assertEquals("T19", Coordinates.toGo(18));
        assertEquals("A1", Coordinates.toGo(342));
        assertEquals("T1", Coordinates.toGo(360));
        assertEquals("K10", Coordinates.toGo(180), "tengen");
        assertEquals("J19", Coordinates.toGo(8), "the column letter I is skipped");
    }

    @Test
    void sgfPointsMapToGoCoordinates() {
        int pd = Coordinates.fromSgf('p', 'd', 19);
        assertEquals(3 * 19 + 15, pd);
        assertEquals("Q16", Coordinates.toGo(pd));
        assertEquals("pd", Coordinates.toSgf(pd, 19));
        assertEquals(-1, Coordinates.fromSgf('t', 't', 19));
    }

    @Test
    void roundTripsEveryPoint() {
        for (int p = 0; p < 361; p++) {
            assertEquals(p, Coordinates.fromGo(Coordinates.toGo(p)));
        }
        assertEquals(Coordinates.fromGo("Q16"), Coordinates.fromGo("q16"));
        assertEquals("E5", Coordinates.toGo(Coordinates.fromGo("E5", 9), 9));
        assertEquals(4 * 9 + 4, Coordinates.fromGo("E5", 9));
    }

    @Test
    void rejectsBadCoordinates() {
        assertThrows(IllegalArgumentException.class, () -> Coordinates.fromGo("I5"));
        assertThrows(IllegalArgumentException.class, () -> Coordinates.fromGo("A20"));
        assertThrows(IllegalArgumentException.class, () -> Coordinates.fromGo("Z"));
        assertThrows(IllegalArgumentException.class, () -> Coordinates.toGo(361));
    }
}
