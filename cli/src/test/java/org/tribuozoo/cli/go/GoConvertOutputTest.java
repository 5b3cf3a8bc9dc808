package org.tribuozoo.cli.go;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.cli.RunFolder;
import org.tribuozoo.cli.ZooCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zoo go convert} writes DIR.partial and renames it to DIR when complete: it never writes over
 * what is in DIR (unless DIR is a converted dataset and {@code --overwrite} is given), and a killed
 * conversion leaves nothing that stops the next one.
 */
class GoConvertOutputTest {

    @TempDir
    Path tmp;

    private static GoCommandTest.Run convert(Path games, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("go", "convert", "--games", games.toString(), "--out",
                out.toString(), "--threads", "1"));
        args.addAll(List.of(more));
        return GoCommandTest.run(args.toArray(String[]::new));
    }

    private static void failsWithOneLine(GoCommandTest.Run r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("zoo: ") && r.err().contains(expected), r.err());
    }

    @Test
    void gamesThatGiveNoPositionsAreRefusedAndLeaveNoFolder() throws IOException {
        Path games = Files.createDirectories(tmp.resolve("unreadable"));
        Files.writeString(games.resolve("a.sgf"), "this is not a game record");
        Files.writeString(games.resolve("b.sgf"), "(;GM[1]FF[4]SZ[19])");
        Path out = tmp.resolve("out");
        failsWithOneLine(convert(games, out), "no positions converted: ");
        assertFalse(Files.exists(out), "no dataset folder");
        assertFalse(Files.exists(tmp.resolve("out" + RunFolder.PARTIAL_SUFFIX)), "no partial folder either");
    }

    @Test
    void aFolderOfTheUsersIsNeverWrittenOver() throws IOException {
        Path games = GoCommandTest.writeGames(tmp.resolve("games"), 10, 20, 1);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("games.tsv"), "my games");
        Files.writeString(out.resolve("dataset.properties"), "mine=1");
        failsWithOneLine(convert(games, out), "output folder " + out + " already exists; choose another --out, or "
                + "give --overwrite to replace the dataset in it");
        failsWithOneLine(convert(games, out, "--overwrite"), "--overwrite replaces only a folder written by zoo go "
                + "convert, and " + out + " holds other files; it is left as it is");
        assertEquals("my games", Files.readString(out.resolve("games.tsv")));
        assertEquals("mine=1", Files.readString(out.resolve("dataset.properties")));
        assertEquals(Set.of("games.tsv", "dataset.properties"), Set.of(out.toFile().list()));
        assertEquals(Set.of("games", "out"), Set.of(tmp.toFile().list()), "no partial folder left");
    }

    @Test
    void aConvertedDatasetIsReplacedWithOverwriteOnceTheNewOneIsComplete() throws IOException {
        Path games = GoCommandTest.writeGames(tmp.resolve("games"), 10, 20, 1);
        Path out = tmp.resolve("out");
        GoCommandTest.Run first = convert(games, out, "--seed", "1");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("games from 10 files into " + out), first.out());
        assertFalse(Files.exists(out.resolve(RunFolder.MARKER)), "the marker goes with the partial folder");
        String before = Files.readString(out.resolve("dataset.properties"));
        assertTrue(before.contains("seed=1"), before);
        failsWithOneLine(convert(games, out, "--seed", "2"), "already exists");

        GoCommandTest.Run again = convert(games, out, "--seed", "2", "--overwrite");
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.readString(out.resolve("dataset.properties")).contains("seed=2"));
        assertEquals(Set.of("games", "out"), Set.of(tmp.toFile().list()), "nothing left beside it");
    }

    /**
     * The case: {@code kill -9} of a conversion left 150 MB of partial shards that the rerun
     * refused. Now it leaves only DIR.partial, marked as the tool's own, which the rerun replaces.
     */
    @Test
    void aKilledConversionLeavesNothingThatStopsTheNextOne() throws Exception {
        Path games = Files.createDirectories(tmp.resolve("games"));
        StringBuilder collection = new StringBuilder();
        String game = Files.readString(GoCommandTest.writeGames(tmp.resolve("one"), 1, 60, 3).resolve("g0.sgf"));
        for (int i = 0; i < 5000; i++) {
            collection.append(game);
        }
        Files.writeString(games.resolve("many.sgf"), collection);
        Path out = tmp.resolve("out");
        Path partial = tmp.resolve("out" + RunFolder.PARTIAL_SUFFIX);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ZooCommand.class.getName(), "go", "convert", "--games",
                games.toString(), "--out", out.toString(), "--threads", "1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(partial.resolve("train-00000.gop"))) {
                assertTrue(p.isAlive(), "the conversion ended early: " + Files.readString(tmp.resolve("log")));
                assertTrue(System.nanoTime() < deadline, "no shard within two minutes");
                Thread.sleep(10);
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(out), "nothing under the final name");
        assertTrue(Files.isRegularFile(partial.resolve(RunFolder.MARKER)), "the partial folder is marked as ours");

        GoCommandTest.Run rerun = convert(games, out, "--positions", "1000");
        assertEquals(0, rerun.code(), rerun.err());
        assertTrue(Files.readString(out.resolve("dataset.properties")).contains("max.positions=1000"));
        assertFalse(Files.exists(partial));
    }
}
