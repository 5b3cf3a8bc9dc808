package org.tribuozoo.go.sgf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.Coordinates;
import org.tribuozoo.go.rules.GameReplay;

/** The SGF reader on the real-world cases GO.md lists, each a small hand-written record. */
class GameRecordReaderTest {

    private static List<GameRecordReader.Outcome> read(String sgf) {
        return GameRecordReader.read(sgf.getBytes(StandardCharsets.ISO_8859_1), "test.sgf");
    }

    private static GameRecord one(String sgf) {
        List<GameRecordReader.Outcome> out = read(sgf);
        assertEquals(1, out.size());
        assertNotNull(out.get(0).record(), () -> "skipped: " + out.get(0).detail());
        return out.get(0).record();
    }

    private static int p(String sgfPoint) {
        return Coordinates.fromSgf(sgfPoint.charAt(0), sgfPoint.charAt(1), 19);
    }

    @Test
    void rootPropertiesAndMoves() {
        GameRecord g = one("(;GM[1]FF[4]SZ[19]KM[6.5]HA[0]RE[B+3.5]PB[Lee]PW[Go]PL[B];B[pd];W[dp];B[pq])");
        assertEquals(19, g.size());
        assertEquals(6.5, g.komi());
        assertEquals("B+3.5", g.result());
        assertEquals(Board.BLACK, g.winner());
        assertEquals(Board.BLACK, g.firstPlayer());
        assertEquals("Lee", g.blackName());
        assertArrayEquals(new int[] {p("pd"), p("dp"), p("pq")}, g.points());
        assertArrayEquals(new int[] {Board.BLACK, Board.WHITE, Board.BLACK}, g.colours());
        assertEquals("Q16", Coordinates.toGo(g.points()[0]));
        assertNull(g.cut());
        assertTrue(g.notes().isEmpty(), g.notes().toString());
    }

    @Test
    void collectionWithSeveralGames() {
        List<GameRecordReader.Outcome> out = read("(;SZ[19];B[aa];W[bb])\n(;SZ[9];B[cc])(;SZ[13]RE[W+R];B[dd];W[ee];B[ff])");
        assertEquals(3, out.size());
        assertEquals("test.sgf#2", out.get(1).source());
        assertEquals(9, out.get(1).record().size());
        assertEquals(3, out.get(2).record().moveCount());
        assertTrue(out.get(0).record().notes().contains(GameIssue.COLLECTION));
    }

    @Test
    void mainLineIsTheFirstVariation() {
        GameRecord g = one("(;SZ[19];B[pd](;W[dd];B[pp](;W[dp])(;W[qq]))(;W[pp];B[dd]))");
        assertArrayEquals(new int[] {p("pd"), p("dd"), p("pp"), p("dp")}, g.points());
        assertTrue(g.notes().contains(GameIssue.VARIATIONS));
    }

    @Test
    void commentaryVariationsWithEscapesAndSoftLineBreaks() {
        GameRecord g = one("(;SZ[19]C[a comment with \\] and \\\\ and a soft\\\nbreak];B[pd]C[(;B[aa\\])];W[dd]"
                + "(;B[qq]C[main])(;B[cc]C[side line]))");
        assertArrayEquals(new int[] {p("pd"), p("dd"), p("qq")}, g.points(), "brackets inside comments are text");
    }

    @Test
    void escapedValueIsUnescaped() {
        SgfParser.Result r = SgfParser.parse("(;C[a \\] b \\\\ c\\\r\nd])".getBytes(StandardCharsets.ISO_8859_1), "x");
        assertEquals("a ] b \\ cd", r.games().get(0).value("C"));
    }

    @Test
    void passesAsEmptyAndTt() {
        GameRecord g = one("(;SZ[19];B[pd];W[];B[tt];W[ tt ])");
        assertArrayEquals(new int[] {p("pd"), GameRecord.PASS, GameRecord.PASS, GameRecord.PASS}, g.points());
        GameRecord big = one("(;SZ[21];B[tt])");
        assertEquals(19 * 21 + 19, big.points()[0], "tt is a point on boards larger than 19");
    }

    @Test
    void setupWithCompressedPointLists() {
        GameRecord g = one("(;SZ[19]AB[aa:cc][pd]AW[dd]AE[bb];W[qq])");
        // aa:cc is the 3x3 block in the top-left corner, less bb removed by AE.
        assertEquals(9, g.setupBlack().length);
        assertTrue(contains(g.setupBlack(), p("cc")));
        assertTrue(!contains(g.setupBlack(), p("bb")));
        assertArrayEquals(new int[] {p("dd")}, g.setupWhite());
        Board b = new Board(19);
        GameReplay.setUp(g, b);
        assertEquals(Board.EMPTY, b.colour(b.vertexOfPoint(p("bb"))));
        assertEquals(Board.BLACK, b.colour(b.vertexOfPoint(p("ca"))));
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    @Test
    void komiScaledBy100() {
        GameRecord g = one("(;SZ[19]KM[650];B[pd])");
        assertEquals(6.5, g.komi());
        assertTrue(g.notes().contains(GameIssue.KOMI_SCALED));
        assertEquals(0.5, one("(;KM[0.50];B[pd])").komi());
        assertEquals(-3.5, one("(;KM[-3.5];B[pd])").komi());
    }

    @Test
    void resultsNoneTimeForfeit() {
        assertTrue(one("(;B[pd])").notes().contains(GameIssue.NO_RESULT));
        assertTrue(one("(;RE[W+Time];B[pd])").notes().contains(GameIssue.RESULT_TIME_OR_FORFEIT));
        assertTrue(one("(;RE[W+Forfeit];B[pd])").notes().contains(GameIssue.RESULT_TIME_OR_FORFEIT));
        assertTrue(one("(;RE[B+T];B[pd])").notes().contains(GameIssue.RESULT_TIME_OR_FORFEIT));
        assertEquals(Board.WHITE, one("(;RE[W+R];B[pd])").winner());
        assertEquals(0, one("(;RE[0];B[pd])").winner());
        assertEquals(0, one("(;RE[Void];B[pd])").winner());
        assertEquals(0, one("(;RE[?];B[pd])").winner());
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        byte[] head = "(;CA[UTF-8]PB[".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'x'};
        byte[] tail = "]PW[\u00e9];B[pd])".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        GameRecord g = GameRecordReader.read(all, "bad.sgf").get(0).record();
        assertNotNull(g);
        assertTrue(g.notes().contains(GameIssue.BAD_CHARSET));
        assertTrue(g.blackName().contains("\ufffd"));
        assertEquals("\u00e9", g.whiteName(), "valid UTF-8 is decoded");
        assertEquals(1, g.moveCount());
    }

    @Test
    void latin1IsTheDefaultCharsetAndUnknownCharsetsFallBack() {
        byte[] data = "(;PB[Jos\u00e9];B[pd])".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Jos\u00e9", GameRecordReader.read(data, "x").get(0).record().blackName());
        GameRecord g = one("(;CA[no-such-charset]PB[x];B[pd])");
        assertTrue(g.notes().contains(GameIssue.BAD_CHARSET));
    }

    @Test
    void handicapAsConsecutiveBlackMoves() {
        GameRecord g = one("(;SZ[19]HA[3];B[pd];B[dp];B[pp];W[dd];B[qq])");
        assertArrayEquals(new int[] {p("pd"), p("dp"), p("pp")}, g.setupBlack());
        assertArrayEquals(new int[] {p("dd"), p("qq")}, g.points());
        assertTrue(g.notes().contains(GameIssue.HANDICAP_AS_MOVES));
    }

    @Test
    void sameColourTwiceImpliesAPass() {
        GameRecord g = one("(;SZ[19];B[pd];W[dd];W[dp];B[pp])");
        Board b = new Board(19);
        int[] toMove = new int[4];
        GameReplay.Outcome o = GameReplay.replay(g, b, (board, colour, i, point) -> {
            toMove[i] = colour;
            return true;
        });
        assertEquals(1, o.impliedPasses());
        assertArrayEquals(new int[] {Board.BLACK, Board.WHITE, Board.WHITE, Board.BLACK}, toMove);
        assertEquals(5, b.moveNumber(), "4 moves and the implied black pass");
        assertEquals(4, b.stoneAge(b.vertexOfPoint(p("dd"))), "the implied pass aged the stones");
    }

    @Test
    void illegalMovesCutTheGame() {
        // Occupied point: the game keeps its first two moves.
        GameRecord occupied = one("(;B[pd];W[dd];B[dd];W[pp])");
        GameReplay.Outcome o = GameReplay.replay(occupied, new Board(19), null);
        assertEquals(GameIssue.ILLEGAL_OCCUPIED, o.cut());
        assertEquals(2, o.movesPlayed());
        // Suicide in the corner.
        GameRecord suicide = one("(;B[ba];W[pd];B[ab];W[aa])");
        o = GameReplay.replay(suicide, new Board(19), null);
        assertEquals(GameIssue.ILLEGAL_SUICIDE, o.cut());
        assertEquals(3, o.movesPlayed());
        // Ko retake: white captures at bb... black retakes at once.
        GameRecord ko = one("(;SZ[9];B[ba];W[ca];B[ab];W[db];B[bc];W[cc];B[cb];W[bb];B[cb])");
        o = GameReplay.replay(ko, new Board(9), null);
        assertEquals(GameIssue.ILLEGAL_KO, o.cut());
        assertEquals(8, o.movesPlayed());
    }

    @Test
    void badMoveAndLateSetupCutWhileReading() {
        GameRecord g = one("(;B[pd];W[zz];B[dd])");
        assertEquals(GameIssue.BAD_MOVE, g.cut());
        assertEquals(1, g.moveCount());
        GameRecord s = one("(;B[pd];W[dd];AB[qq];B[pp])");
        assertEquals(GameIssue.SETUP_IN_GAME, s.cut());
        assertEquals(2, s.moveCount());
    }

    @Test
    void nulBytesAndEmptyFilesAreSkipped() {
        List<GameRecordReader.Outcome> nul = GameRecordReader.read(new byte[4096], "nul.sgf");
        assertEquals(GameIssue.NOT_SGF, nul.get(0).skipped());
        assertTrue(nul.get(0).detail().contains("nul.sgf"));
        assertEquals(GameIssue.NOT_SGF, read("").get(0).skipped());
        assertEquals(GameIssue.NOT_SGF, read("this is not a game record").get(0).skipped());
        assertThrows(SgfFormatException.class, () -> GameRecordReader.readFirst(new byte[10], "nul.sgf"));
    }

    @Test
    void brokenStructureIsAParseErrorAndTruncatedFilesKeepTheirMoves() {
        assertEquals(GameIssue.PARSE_ERROR, read("(;B[pd];W dd)").get(0).skipped());
        GameRecord g = one("(;SZ[19];B[pd];W[dd];B[pp");
        assertEquals(2, g.moveCount());
        assertTrue(g.notes().contains(GameIssue.TRUNCATED));
    }

    @Test
    void veryShortGamesAreRead() {
        assertEquals(0, one("(;GM[1]SZ[19])").moveCount());
        assertEquals(1, one("(;B[pd])").moveCount());
    }

    @Test
    void unsupportedSizesAreSkipped() {
        assertEquals(GameIssue.UNSUPPORTED_SIZE, read("(;SZ[19:13];B[aa])").get(0).skipped());
        assertEquals(GameIssue.UNSUPPORTED_SIZE, read("(;SZ[x];B[aa])").get(0).skipped());
        assertEquals(GameIssue.UNSUPPORTED_SIZE, read("(;SZ[52];B[aa])").get(0).skipped());
    }

    @Test
    void ff3LowercaseIdentifiersAreRead() {
        GameRecord g = one("(;AddBlack[aa]SiZe[9];Black[cc])");
        assertEquals(9, g.size());
        assertEquals(1, g.setupBlack().length);
        assertEquals(1, g.moveCount());
    }

    /** Every node is an object: a file of bare nodes is refused past the node limit, as a parse error. */
    @Test
    void aFileOfTooManyNodesIsAParseError() {
        byte[] data = new byte[2_000];
        java.util.Arrays.fill(data, (byte) ';');
        data[0] = '(';
        data[data.length - 1] = ')';
        System.setProperty(org.tribuozoo.go.SgfLimits.SGF_NODES, "1000");
        try {
            GameRecordReader.Outcome o = GameRecordReader.read(data, "bare.sgf").get(0);
            assertEquals(GameIssue.PARSE_ERROR, o.skipped());
            assertEquals("bare.sgf: more than 1,000 nodes, the limit for one SGF file (system property "
                    + "tribuozoo.limits.sgfNodes)", o.detail());
        } finally {
            System.clearProperty(org.tribuozoo.go.SgfLimits.SGF_NODES);
        }
        assertEquals(1, GameRecordReader.read(data, "bare.sgf").size(), "within the default limit");
    }
}
