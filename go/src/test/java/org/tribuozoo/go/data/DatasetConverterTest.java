package org.tribuozoo.go.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.go.GoData;
import org.tribuozoo.go.GoDataException;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.rules.Coordinates;
import org.tribuozoo.go.sgf.GameIssue;

/** Converting a folder of small, partly broken games into shards. */
class DatasetConverterTest {

    @TempDir
    Path tmp;
    Path games;

    /** A legal 12-move game (no captures) with a pass in the middle. */
    private static String game(int variant) {
        String[] moves = {"pd", "dp", "pp", "dd", "qf", "nc", "cn", "fq", "jj", "", "kk", "jk"};
        StringBuilder sb = new StringBuilder("(;GM[1]FF[4]SZ[19]KM[6.5]RE[B+R]PB[p" + variant + "]");
        for (int i = 0; i < moves.length; i++) {
            sb.append(';').append(i % 2 == 0 ? 'B' : 'W').append('[').append(moves[i]).append(']');
        }
        return sb.append(')').toString();
    }

    @BeforeEach
    void writeGames() throws IOException {
        games = Files.createDirectories(tmp.resolve("games"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(games.resolve(String.format("g%02d.sgf", i)), game(i));
        }
        Files.write(games.resolve("nul.sgf"), new byte[100]);
        Files.writeString(games.resolve("short.sgf"), "(;SZ[19];B[pd];W[dd])");
        Files.writeString(games.resolve("nine.sgf"), "(;SZ[9];B[ee];W[cc];B[gg];W[cg];B[gc];W[ec];B[ce];W[eg];B[ge];W[dd];B[ff])");
        Files.writeString(games.resolve("illegal.sgf"), "(;SZ[19];B[pd];W[dp];B[pp];W[dd];B[pd];W[qq];B[aa];W[bb];B[cc];W[ee];B[ff])");
        Files.writeString(games.resolve("broken.sgf"), "(;SZ[19];B[pd];W dp)");
    }

    private ConvertOptions options(String out) {
        return ConvertOptions.of(List.of(games), tmp.resolve(out)).withSeed(5).withFractions(0.2, 0.2);
    }

    @Test
    void convertsCountsAndSplitsByGame() throws IOException {
        ConversionReport r = GoData.convert(options("out"));
        assertEquals(45, r.gamesRead());
        assertEquals(41, r.gamesUsed(), "40 good games and the one cut at its illegal move");
        assertEquals(1L, r.issues().get(GameIssue.NOT_SGF));
        assertEquals(1L, r.issues().get(GameIssue.TOO_SHORT));
        assertEquals(1L, r.issues().get(GameIssue.UNSUPPORTED_SIZE));
        assertEquals(1L, r.issues().get(GameIssue.PARSE_ERROR));
        assertEquals(1L, r.issues().get(GameIssue.ILLEGAL_OCCUPIED));
        assertEquals(4, r.gamesSkipped());
        assertEquals(40 * 11 + 4, r.positions(), "11 non-pass moves per game, 4 before the illegal move");
        assertEquals(40, r.passesSkipped());
        long sumGames = 0;
        for (Split s : Split.values()) {
            sumGames += r.games(s);
            assertTrue(r.games(s) > 0, s + " has games");
        }
        assertEquals(41, sumGames);
        String summary = r.toString();
        assertTrue(summary.contains("positions/s"), summary);
        assertTrue(summary.contains("illegal move: occupied point"), summary);

        // Every position of a game lies in the same split.
        List<String> lines = Files.readAllLines(tmp.resolve("out/games.tsv"), StandardCharsets.UTF_8);
        assertEquals(46, lines.size());
        for (Split s : Split.values()) {
            try (PositionReader reader = GoData.reader(tmp.resolve("out"), s, PositionReader.Options.sequential())) {
                assertEquals(r.positions(s), reader.size());
                Batch b = reader.newBatch(64);
                for (int n = reader.next(b); n > 0; n = reader.next(b)) {
                    for (int i = 0; i < n; i++) {
                        String line = lines.get(b.gameIds[i] + 1);
                        assertTrue(line.startsWith(b.gameIds[i] + "\t" + s.fileName() + "\t"), line);
                    }
                }
            }
        }
        assertTrue(Files.readString(tmp.resolve("out/dataset.properties")).contains("positions.train="));
    }

    @Test
    void firstPositionOfAGameIsTheEmptyBoardWithTheFirstMoveAsTarget() {
        GoData.convert(options("first").withFractions(0, 0).withMaxPositions(3));
        try (PositionReader reader = GoData.reader(tmp.resolve("first"), Split.TRAIN, PositionReader.Options.sequential())) {
            Batch b = reader.newBatch(3);
            assertEquals(3, reader.next(b));
            assertEquals("Q16", Coordinates.toGo(b.targets[0]));
            assertEquals("D4", Coordinates.toGo(b.targets[1]));
            float empty = 0;
            float ones = 0;
            for (int p = 0; p < 361; p++) {
                empty += b.inputs[p * 48 + FeaturePlanes.EMPTY];
                ones += b.inputs[p * 48 + FeaturePlanes.ONES];
            }
            assertEquals(361f, empty);
            assertEquals(361f, ones);
            // Second position: white to move, the black stone at Q16 is the opponent's and 1 move old.
            int q16 = Coordinates.fromGo("Q16");
            int base = b.inputsPerPosition();
            assertEquals(1f, b.inputs[base + q16 * 48 + FeaturePlanes.OPPONENT_STONE]);
            assertEquals(1f, b.inputs[base + q16 * 48 + FeaturePlanes.TURNS_SINCE]);
            assertEquals(0f, b.inputs[base + q16 * 48 + FeaturePlanes.SENSIBLENESS]);
        }
    }

    @Test
    void maxPositionsAndDeterminismAcrossThreadCounts() throws IOException {
        ConversionReport one = GoData.convert(options("t1").withThreads(1).withMaxPositions(100));
        ConversionReport two = GoData.convert(options("t2").withThreads(2).withMaxPositions(100));
        assertEquals(100, one.positions());
        assertTrue(one.stoppedAtMaxPositions());
        assertEquals(one.gamesRead(), one.gamesUsed() + one.gamesSkipped(), "games still in flight at the limit are not counted");
        for (Split s : Split.values()) {
            assertEquals(one.positions(s), two.positions(s));
            List<Path> a = shards(tmp.resolve("t1"), s);
            List<Path> b = shards(tmp.resolve("t2"), s);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), "shards are identical");
            }
        }
    }

    private static List<Path> shards(Path dir, Split s) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var st = Files.list(dir)) {
            st.filter(p -> p.getFileName().toString().startsWith(s.fileName() + "-")).sorted().forEach(out::add);
        }
        return out;
    }

    @Test
    void aFolderHoldingADatasetsFilesIsRefusedAndLeftAsItIs() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("games.tsv"), "my games");
        Files.writeString(mine.resolve("dataset.properties"), "mine=1");
        GoDataException e = assertThrows(GoDataException.class, () -> GoData.convert(options("mine")));
        assertEquals("output folder already holds shards or other files of a converted dataset (dataset.properties, "
                + "games.tsv): " + mine + "; choose an empty folder", e.getMessage());
        assertEquals("my games", Files.readString(mine.resolve("games.tsv")));
        assertEquals("mine=1", Files.readString(mine.resolve("dataset.properties")));
        assertEquals(2, mine.toFile().list().length);
    }

    /** A conversion that fails half way (here: interrupted) removes its shards and games.tsv, and its folder. */
    @Test
    void aFailedConversionRemovesWhatItWrote() throws Exception {
        StringBuilder collection = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            collection.append(game(i));
        }
        Path many = Files.writeString(tmp.resolve("many.sgf"), collection);
        Path out = tmp.resolve("failed");
        Exception[] failure = new Exception[1];
        Thread converting = new Thread(() -> {
            try {
                GoData.convert(ConvertOptions.of(List.of(many), out).withThreads(1));
            } catch (GoDataException e) {
                failure[0] = e;
            }
        });
        converting.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(out.resolve("train-00000.gop")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(Files.exists(out.resolve("games.tsv")), "conversion under way");
        converting.interrupt();
        converting.join(60_000);
        assertTrue(failure[0] != null, "the conversion failed");
        assertTrue(!Files.exists(out), "nothing left of " + out + ": " + java.util.Arrays.toString(out.toFile().list()));
    }

    @Test
    void userErrors() {
        GoData.convert(options("again").withMaxPositions(5));
        GoDataException e = assertThrows(GoDataException.class, () -> GoData.convert(options("again")));
        assertTrue(e.getMessage().startsWith("output folder already holds shards"), e.getMessage());
        e = assertThrows(GoDataException.class, () -> GoData.convert(List.of(tmp.resolve("missing")), tmp.resolve("o"), 0, 1));
        assertEquals("no such file or folder: " + tmp.resolve("missing"), e.getMessage());
        assertThrows(GoDataException.class, () -> options("x").withFractions(0.6, 0.5));
    }
}
