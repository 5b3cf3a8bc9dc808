package org.tribuozoo.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.go.testutil.TestData;

/** The planes report: the acceptance value of GO.md and the user errors. */
class PlanesReportTest {

    @TempDir
    Path tmp;

    @Test
    void leeSedolGameOneBeforeMoveOne() {
        List<String> lines = GoData.planesReport(TestData.leeSedolGame1(), 1);
        assertEquals(List.of(
                "stone_colour: [0, 0, 361]",
                "ones: [361]",
                "turns_since: [0, 0, 0, 0, 0, 0, 0, 0]",
                "liberties: [0, 0, 0, 0, 0, 0, 0, 0]",
                "capture_size: [361, 0, 0, 0, 0, 0, 0, 0]",
                "self_atari_size: [0, 0, 0, 0, 0, 0, 0, 0]",
                "liberties_after: [0, 4, 68, 289, 0, 0, 0, 0]",
                "ladder_capture: [0]",
                "ladder_escape: [0]",
                "sensibleness: [361]",
                "zeros: [0]"), lines);
    }

    @Test
    void laterPositionsAreConsistent() {
        List<String> lines = GoData.planesReport(TestData.leeSedolGame1(), 2);
        assertEquals("stone_colour: [0, 1, 360]", lines.get(0), "white to move: the black stone is the opponent's");
        assertEquals("turns_since: [1, 0, 0, 0, 0, 0, 0, 0]", lines.get(2));
        assertEquals("liberties: [0, 0, 0, 1, 0, 0, 0, 0]", lines.get(3));
    }

    @Test
    void userErrorsNameTheCulprit() throws IOException {
        Path missing = tmp.resolve("missing.sgf");
        GoDataException e = assertThrows(GoDataException.class, () -> GoData.planesReport(missing, 1));
        assertEquals("no such SGF file: " + missing, e.getMessage());

        Path nul = Files.write(tmp.resolve("nul.sgf"), new byte[64]);
        e = assertThrows(GoDataException.class, () -> GoData.planesReport(nul, 1));
        assertTrue(e.getMessage().contains("nul.sgf"), e.getMessage());

        Path shortGame = Files.writeString(tmp.resolve("short.sgf"), "(;SZ[19];B[pd];W[dd];B[pp])");
        e = assertThrows(GoDataException.class, () -> GoData.planesReport(shortGame, 4));
        assertEquals(shortGame + " has 3 moves; the move number must be in 1..3, got 4", e.getMessage());
        assertThrows(GoDataException.class, () -> GoData.planesReport(shortGame, 0));

        Path illegal = Files.writeString(tmp.resolve("illegal.sgf"), "(;SZ[19];B[pd];W[pd];B[pp])");
        e = assertThrows(GoDataException.class, () -> GoData.planesReport(illegal, 2));
        assertEquals(illegal + " is cut at move 2 (illegal move: occupied point); the move number must be in 1..1, got 2",
                e.getMessage());
        assertEquals(11, GoData.planesReport(illegal, 1).size(), "positions before the illegal move exist");
    }
}
