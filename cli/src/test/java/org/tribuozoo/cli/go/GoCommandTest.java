package org.tribuozoo.cli.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuozoo.cli.HistoryCsv;
import org.tribuozoo.cli.RunFolder;
import org.tribuozoo.cli.ZooCommand;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.Coordinates;
import org.tribuozoo.tribuo.CheckpointFolder;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.DemoDataSource;
import org.tribuo.MutableDataset;

/**
 * {@code zoo go convert | train | planes | predict} end to end on a few generated random games and
 * an alphago-policy-4 network (seconds), and their one-line exit-2 answers to bad input. The
 * acceptance line of the AlphaGo - Lee Sedol game is checked where ../shared/data is present.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoCommandTest {

    record Run(int code, String out, String err) {
    }

    Path tmp;
    Path games;
    Path shards;
    Path runDir;
    Run convert;
    Run train;

    @BeforeAll
    void convertAndTrainOnce(@TempDir Path dir) throws IOException {
        tmp = dir;
        games = writeGames(dir.resolve("games"), 40, 30, 7);
        shards = dir.resolve("shards");
        runDir = dir.resolve("run");
        convert = run("go", "convert", "--games", games.toString(), "--out", shards.toString(), "--seed", "2",
                "--validation-fraction", "0.2", "--test-fraction", "0.2", "--threads", "1");
        train = run("go", "train", "--data", shards.toString(), "--filters", "4", "--chunk", "256", "--threads", "1",
                "--tribuo-test-positions", "100", "--out", runDir.toString());
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZooCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** Legal random games, one SGF file each. */
    static Path writeGames(Path dir, int count, int moves, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        for (int g = 0; g < count; g++) {
            Board board = new Board(19);
            StringBuilder s = new StringBuilder("(;GM[1]FF[4]SZ[19]KM[6.5]RE[W+R]");
            int colour = Board.BLACK;
            for (int m = 0; m < moves; m++) {
                int p;
                do {
                    p = random.nextInt(361);
                } while (!board.isLegal(board.vertexOfPoint(p), colour));
                board.play(board.vertexOfPoint(p), colour);
                s.append(';').append(colour == Board.BLACK ? "B[" : "W[").append(Coordinates.toSgf(p, 19)).append(']');
                colour = Board.opponent(colour);
            }
            Files.writeString(dir.resolve("g" + g + ".sgf"), s.append(')').toString());
        }
        return dir;
    }

    private static void failsWithOneLine(Run r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("zoo: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void convertReportsGamesPositionsAndSpeed() {
        assertEquals(0, convert.code(), convert.err());
        assertTrue(convert.out().contains("converted 40 games from 40 files"), convert.out());
        assertTrue(convert.out().contains("positions/s"), convert.out());
        assertTrue(convert.out().contains("train "), convert.out());
        assertTrue(Files.isRegularFile(shards.resolve("games.tsv")));
    }

    @Test
    void convertRejectsBadInputs() {
        failsWithOneLine(run("go", "convert", "--games", tmp.resolve("nothing").toString(), "--out",
                tmp.resolve("x").toString()), "nothing");
        failsWithOneLine(run("go", "convert", "--games", games.toString(), "--out", shards.toString()),
                "already exists");
        failsWithOneLine(run("go", "convert", "--games", games.toString(), "--out", tmp.resolve("z").toString(),
                "--threads", "100000"), "--threads must be at most");
        failsWithOneLine(run("go", "convert", "--games", games.toString(), "--out", tmp.resolve("y").toString(),
                "--test-fraction", "0.99"), "fractions");
    }

    @Test
    void trainWritesTheRunFolderAndReportsBaselines() {
        assertEquals(0, train.code(), train.out() + train.err());
        for (String line : List.of("test: move-prediction accuracy", "test: top-5 accuracy",
                "test: baseline: uniform legal", "test: baseline: most frequent",
                "test, 8 symmetries: move-prediction accuracy", "test, 8 symmetries: top-5 accuracy",
                "test, 8 symmetries: mean loss",
                "Tribuo LabelEvaluator on the first 100 test positions", "positions/s", "run folder: ")) {
            assertTrue(train.out().contains(line), line + " in " + train.out());
        }
        for (String f : List.of(GoTrainCommand.MODEL, GoTrainCommand.PROVENANCE, GoTrainCommand.ONNX,
                GoTrainCommand.RESULTS, GoTrainCommand.HISTORY)) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), f);
        }
        assertFalse(Files.exists(tmp.resolve("run" + RunFolder.PARTIAL_SUFFIX)), "the partial folder was renamed");
        assertTrue(train.err().contains("epoch 1, chunk 1:"), "per-chunk progress: " + train.err());
        assertFalse(train.err().contains("ill-defined"), "Tribuo's per-label warnings are muted: " + train.err());
        try (ZooModel model = ZooModel.load(runDir.resolve(GoTrainCommand.MODEL))) {
            assertEquals(361, model.labels().size());
            assertEquals("alphago-policy-4", model.architecture().name());
        }
        assertEquals("alphago-policy-4", ((StringProvenance) ProvenanceJson.read(runDir.resolve(
                GoTrainCommand.PROVENANCE)).getInstanceProvenance().getMap().get("network")).getValue());
    }

    @Test
    void trainRejectsBadInputs() {
        failsWithOneLine(run("go", "train", "--data", tmp.resolve("nothing").toString(), "--filters", "4", "--out",
                tmp.resolve("r1").toString()), "no such folder");
        failsWithOneLine(run("go", "train", "--data", games.toString(), "--filters", "4", "--out",
                tmp.resolve("r2").toString()), "dataset.properties");
        assertFalse(Files.exists(tmp.resolve("r2")), "a failed run leaves no run folder");
        assertFalse(Files.exists(tmp.resolve("r2" + RunFolder.PARTIAL_SUFFIX)), "nor its partial folder");
        failsWithOneLine(run("go", "train", "--data", shards.toString(), "--filters", "4", "--out",
                runDir.toString()), "already exists");
        failsWithOneLine(run("go", "train", "--data", shards.toString(), "--filters", "0", "--out",
                tmp.resolve("r3").toString()), "filters must be positive");
        failsWithOneLine(run("go", "train", "--data", shards.toString(), "--filters", "4", "--threads", "5000",
                "--out", tmp.resolve("r4").toString()), "--threads must be at most");
        assertFalse(Files.exists(tmp.resolve("r4" + RunFolder.PARTIAL_SUFFIX)));
    }

    @Test
    void historyHasTheOneColumnSetWithARowPerEpoch() throws IOException {
        List<String> rows = Files.readAllLines(runDir.resolve(GoTrainCommand.HISTORY));
        assertEquals(HistoryCsv.HEADER, rows.get(0));
        assertEquals(2, rows.size(), "one epoch: " + rows);
        String[] cells = rows.get(1).split(",", -1);
        assertEquals(8, cells.length, rows.get(1));
        assertEquals("1", cells[0]);
        assertEquals("3.00000e-03", cells[5], "the recipe's SGD learning rate");
        assertTrue(Integer.parseInt(cells[7]) > 0, "training positions of the epoch: " + rows.get(1));
        assertTrue(train.out().contains("epoch 1: " + String.format(java.util.Locale.ROOT, "%,d",
                Integer.parseInt(cells[7])) + " positions"), train.out());
    }

    /** Starts {@code zoo ARGS} in a new JVM, its output into {@code log}. */
    private static Process zoo(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ZooCommand.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Interrupts a real {@code zoo go train} process (SIGTERM, as Ctrl-C's SIGINT runs the same
     * shutdown hooks) within its first epoch, after a checkpoint between chunks: nothing appears under
     * the final name, the partial folder stays, and {@code zoo resume} finishes the run with the
     * network an uninterrupted process trains, bit for bit.
     */
    @Test
    void anInterruptedTrainingResumesFromItsCheckpointBetweenChunks() throws Exception {
        Path target = tmp.resolve("killed");
        Path partial = tmp.resolve("killed" + RunFolder.PARTIAL_SUFFIX);
        Path straight = tmp.resolve("straight");
        List<String> train = List.of("go", "train", "--data", shards.toString(), "--filters", "4", "--chunk", "64",
                "--threads", "1", "--momentum", "0.9", "--tribuo-test-positions", "0",
                "--checkpoint-minutes", "0.0005");
        List<String> killedArgs = new ArrayList<>(train);
        killedArgs.addAll(List.of("--out", target.toString()));
        List<String> straightArgs = new ArrayList<>(train);
        straightArgs.addAll(List.of("--out", straight.toString()));
        Process uninterrupted = zoo(straightArgs, tmp.resolve("straight-log.txt"));
        Path log = tmp.resolve("killed-log.txt");
        Process p = zoo(killedArgs, log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!CheckpointFolder.holdsCheckpoint(partial)) {
                assertTrue(p.isAlive(), () -> "training ended early: " + read(log));
                assertTrue(System.nanoTime() < deadline, "no checkpoint within two minutes");
                Thread.sleep(10);
            }
            assertFalse(Files.exists(target), "nothing under the final name while training");
        } finally {
            p.destroy();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ends on SIGTERM");
        assertFalse(Files.exists(target), "no run folder after an interrupted run");
        assertTrue(read(log).contains("zoo resume " + target), read(log));
        String position = CheckpointFolder.of(partial).latest().orElseThrow().position();
        assertTrue(position.startsWith("in epoch "), position);

        Path resumeLog = tmp.resolve("resume-log.txt");
        Process resume = zoo(List.of("resume", target.toString()), resumeLog);
        assertTrue(resume.waitFor(5, TimeUnit.MINUTES) && resume.exitValue() == 0, read(resumeLog));
        assertTrue(uninterrupted.waitFor(5, TimeUnit.MINUTES) && uninterrupted.exitValue() == 0,
                read(tmp.resolve("straight-log.txt")));
        assertTrue(read(resumeLog).contains("from its checkpoint " + position), read(resumeLog));
        assertFalse(Files.exists(partial), "the partial folder became the run folder");
        try (ZooModel a = ZooModel.load(straight.resolve(GoTrainCommand.MODEL));
             ZooModel b = ZooModel.load(target.resolve(GoTrainCommand.MODEL))) {
            assertEquals(a.weights(), b.weights(), "bit for bit");
            assertEquals(1, b.history().epochs().size());
        }
        try (var files = Files.list(target)) {
            assertEquals(Set.of(GoTrainCommand.MODEL, GoTrainCommand.PROVENANCE, GoTrainCommand.ONNX,
                    GoTrainCommand.RESULTS, GoTrainCommand.HISTORY),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void planesPrintsElevenLines() throws IOException {
        Path sgf = tmp.resolve("two.sgf");
        Files.writeString(sgf, "(;SZ[19];B[pd];W[dp])");
        Run r = run("go", "planes", sgf.toString(), "--before-move", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(11, lines.size(), r.out());
        assertEquals("stone_colour: [0, 1, 360]", lines.get(0));
        assertEquals("ones: [361]", lines.get(1));
        assertEquals("turns_since: [1, 0, 0, 0, 0, 0, 0, 0]", lines.get(2));
        List<String> names = lines.stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("stone_colour", "ones", "turns_since", "liberties", "capture_size", "self_atari_size",
                "liberties_after", "ladder_capture", "ladder_escape", "sensibleness", "zeros"), names);
    }

    @Test
    void planesOfTheFirstAlphaGoGame() {
        Path game = sharedData().resolve("go/alphago-lee-sedol-2016/Lee-Sedol-vs-AlphaGo-20160309.sgf");
        Assumptions.assumeTrue(Files.isRegularFile(game), "missing " + game + "; skipping");
        Run r = run("go", "planes", game.toString(), "--before-move", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch("liberties_after: [0, 4, 68, 289, 0, 0, 0, 0]"::equals), r.out());
    }

    @Test
    void planesRejectsBadInputs() throws IOException {
        Path sgf = tmp.resolve("short.sgf");
        Files.writeString(sgf, "(;SZ[19];B[pd];W[dp])");
        failsWithOneLine(run("go", "planes", sgf.toString(), "--before-move", "5"), "must be in 1..2, got 5");
        failsWithOneLine(run("go", "planes", tmp.resolve("none.sgf").toString(), "--before-move", "1"),
                "no such SGF file");
        Path junk = tmp.resolve("junk.sgf");
        Files.write(junk, new byte[64]);
        failsWithOneLine(run("go", "planes", junk.toString(), "--before-move", "1"), "not a readable SGF game");
    }

    @Test
    void predictAveragedOverTheSymmetriesStillSumsToOne() {
        Path sgf = games.resolve("g0.sgf");
        Run plain = run("go", "predict", runDir.resolve(GoTrainCommand.MODEL).toString(), sgf.toString(),
                "--before-move", "10", "--top", "361");
        Run averaged = run("go", "predict", runDir.resolve(GoTrainCommand.MODEL).toString(), sgf.toString(),
                "--before-move", "10", "--top", "361", "--symmetries");
        assertEquals(0, averaged.code(), averaged.err());
        double sum = averaged.out().lines().filter(l -> l.matches(" *\\d+\\. [A-T]\\d{1,2} +\\d+\\.\\d\\d%"))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll(".* (\\d+\\.\\d+)%", "$1"))).sum();
        assertEquals(100.0, sum, 361 * 0.005, "the averaged distribution sums to one (361 values rounded to 0.01%)");
        assertTrue(!plain.out().equals(averaged.out()), "averaging changes the untrained network's ranking");
    }

    @Test
    void predictListsMovesAndDrawsTheBoard() {
        Path sgf = games.resolve("g0.sgf");
        Run r = run("go", "predict", runDir.resolve(GoTrainCommand.MODEL).toString(), sgf.toString(),
                "--before-move", "10", "--top", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).contains("before move 10: White to move; move played: "), lines.get(0));
        double sum = 0;
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines.get(i).matches(" +" + i + "\\. [A-T]\\d{1,2} +\\d+\\.\\d\\d%"), lines.get(i));
            sum += Double.parseDouble(lines.get(i).replaceAll(".* (\\d+\\.\\d+)%", "$1"));
        }
        assertTrue(sum > 0 && sum <= 100.01, "probabilities " + sum);
        // Header, 19 rows, header, legend.
        List<String> rows = lines.stream().filter(l -> l.matches("[ 1]\\d[ \\[].*")).toList();
        assertEquals(19, rows.size(), r.out());
        long stones = rows.stream().mapToLong(l -> l.chars().filter(c -> c == 'X' || c == 'O').count()).sum();
        assertTrue(stones >= 7 && stones <= 9, "9 moves played (fewer stones after a capture): " + stones);
        long candidates = rows.stream().mapToLong(l -> l.substring(2, l.length() - 2).chars()
                .filter(c -> c >= '1' && c <= '3').count()).sum();
        assertEquals(3, candidates, r.out());
    }

    /** The lines of an output that start with {@code test}. */
    private static List<String> testLines(String out) {
        return out.lines().filter(l -> l.startsWith("test")).toList();
    }

    @Test
    void evaluatePrintsTheTestLinesOfTrainAndAveragesOverTheSymmetriesOnTheSamePositions() throws IOException {
        Run single = run("go", "evaluate", runDir.resolve(GoTrainCommand.MODEL).toString(), "--data",
                shards.toString());
        assertEquals(0, single.code(), single.err());
        assertEquals(5, testLines(single.out()).size(), single.out());
        assertTrue(single.out().contains("alphago-policy-4, 48 input planes"), single.out());
        Run both = run("go", "evaluate", runDir.resolve(GoTrainCommand.MODEL).toString(), "--data",
                shards.toString(), "--symmetries");
        assertEquals(0, both.code(), both.err());
        // The loaded model scores the test split as the trained network did, both ways.
        assertEquals(testLines(train.out()), testLines(both.out()));
        assertEquals(testLines(both.out()).subList(0, 5), testLines(single.out()));
        assertTrue(Files.readString(runDir.resolve(GoTrainCommand.RESULTS))
                .contains(testLines(train.out()).get(5)), "results.txt holds the averaged lines");
        Run first = run("go", "evaluate", runDir.resolve(GoTrainCommand.MODEL).toString(), "--data",
                shards.toString(), "--symmetries", "--max-positions", "10");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains(" of 10 positions)"), first.out());
        assertEquals(2, first.out().lines().filter(l -> l.contains(" of 10 positions)")).count(), first.out());
    }

    @Test
    void aNetworkOfFourPlanesTrainsEvaluatesAndPredicts() {
        Path four = tmp.resolve("four");
        Run t = run("go", "train", "--data", shards.toString(), "--filters", "4", "--planes", "4", "--chunk", "64",
                "--max-positions", "128", "--threads", "1", "--tribuo-test-positions", "20", "--out", four.toString());
        assertEquals(0, t.code(), t.out() + t.err());
        assertTrue(t.out().contains("Tribuo LabelEvaluator on the first 20 test positions"), t.out());
        assertTrue(t.err().contains("4 planes"), t.err());
        Path model = four.resolve(GoTrainCommand.MODEL);
        Run e = run("go", "evaluate", model.toString(), "--data", shards.toString(), "--symmetries");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("4 input planes"), e.out());
        assertEquals(testLines(t.out()), testLines(e.out()));
        Run p = run("go", "predict", model.toString(), games.resolve("g0.sgf").toString(), "--before-move", "10",
                "--symmetries");
        assertEquals(0, p.code(), p.err());
        failsWithOneLine(run("go", "train", "--data", shards.toString(), "--filters", "4", "--planes", "49",
                "--out", tmp.resolve("wide").toString()), "planes must be in 1..48, got 49");
    }

    @Test
    void aModelThatIsNotAPolicyNetworkIsRefusedInOneLine() throws IOException {
        Path lenet = tmp.resolve("lenet.tribuo");
        try (ZooModel m = ZooTrainer.builder("lenet5").epochs(1).batchSize(32).seed(1).threads(1, 1).build()
                .train(new MutableDataset<>(new DemoDataSource(1, 100)))) {
            m.serializeToFile(lenet);
        }
        failsWithOneLine(run("go", "evaluate", lenet.toString(), "--data", shards.toString()),
                "takes 28x28x1 inputs, not a 19x19 board of 1 to 48 feature planes");
        failsWithOneLine(run("go", "predict", lenet.toString(), games.resolve("g0.sgf").toString(), "--before-move",
                "1"), "takes 28x28x1 inputs");
        failsWithOneLine(run("go", "evaluate", tmp.resolve("none.model").toString(), "--data", shards.toString()),
                "does not exist");
        failsWithOneLine(run("go", "evaluate", lenet.toString(), "--data", tmp.resolve("nowhere").toString()),
                "no such folder");
    }

    @Test
    void predictRejectsBadInputs() {
        Path sgf = games.resolve("g0.sgf");
        failsWithOneLine(run("go", "predict", tmp.resolve("none.model").toString(), sgf.toString(), "--before-move",
                "1"), "does not exist");
        failsWithOneLine(run("go", "predict", runDir.resolve(GoTrainCommand.MODEL).toString(), sgf.toString(),
                "--before-move", "99"), "must be in 1..30, got 99");
        failsWithOneLine(run("go", "predict", runDir.resolve(GoTrainCommand.MODEL).toString(), sgf.toString(),
                "--before-move", "1", "--top", "0"), "--top");
    }

    private static Path sharedData() {
        String prop = System.getProperty("tribuozoo.shared.data");
        return prop != null ? Path.of(prop) : Path.of("..", "shared", "data");
    }
}
