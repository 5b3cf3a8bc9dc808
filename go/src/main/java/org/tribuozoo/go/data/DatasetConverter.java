package org.tribuozoo.go.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tribuozoo.go.GoDataException;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.io.SgfFiles;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.GameReplay;
import org.tribuozoo.go.sgf.GameIssue;
import org.tribuozoo.go.sgf.GameRecord;
import org.tribuozoo.go.sgf.GameRecordReader;

/**
 * Converts game records into training shards: every position before a non-pass move of every
 * usable 19x19 game, with the 48 feature planes and the move played as target.
 *
 * <p>Games are read in a deterministic order and numbered from 0; each game goes as a whole to
 * train, validation or test ({@link Split#assign}). Feature planes are computed by worker
 * threads, but results are written in game order, so the output does not depend on the number
 * of threads. The output folder gets {@code <split>-NNNNN.gop} shards ({@link ShardFormat}),
 * {@code games.tsv} (one line per game: id, split, positions, issue, source) and
 * {@code dataset.properties} (the options and counts).
 *
 * <p>Nothing already there is overwritten: a folder that holds any of these files is refused. A
 * conversion that fails removes the files it wrote. (The command line writes into a fresh partial
 * folder and renames it when the conversion is complete, so a killed conversion leaves no folder
 * that looks complete either.)
 */
public final class DatasetConverter {

    private static final Logger LOG = Logger.getLogger(DatasetConverter.class.getName());
    private static final int SIZE = 19;
    private static final int POINTS = SIZE * SIZE;
    /** The per-game listing in the output folder. */
    public static final String GAMES_FILE = "games.tsv";
    /** The options and counts in the output folder. */
    public static final String PROPERTIES_FILE = "dataset.properties";
    /** The {@code format} property of {@value #PROPERTIES_FILE}. */
    private static final String FORMAT = "GOPLANES";

    /** The positions of one game, or why it has none. */
    private record GameResult(int gameId, String source, Split split, int count, int[] targets, long[] planes,
                              int passes, GameIssue issue, String detail, List<GameIssue> notes) {
    }

    private final ConvertOptions options;
    private final ThreadLocal<FeaturePlanes> features = ThreadLocal.withInitial(FeaturePlanes::new);
    private final ThreadLocal<Board> boards = ThreadLocal.withInitial(() -> new Board(SIZE));

    private DatasetConverter(ConvertOptions options) {
        this.options = options;
    }

    /**
     * Runs a conversion.
     *
     * @return what was read, skipped and written
     * @throws GoDataException for a missing input, an output folder that already holds shards,
     *                         or an I/O error while writing
     */
    public static ConversionReport convert(ConvertOptions options) {
        return new DatasetConverter(options).run();
    }

    private ConversionReport run() {
        Path out = options.outputDir();
        boolean created = prepareOutput(out);
        try {
            return convertInto(out);
        } catch (RuntimeException | Error e) {
            removeOutput(out, created, e);
            throw e;
        }
    }

    private ConversionReport convertInto(Path out) {
        ConversionReport report = new ConversionReport(out);
        long start = System.nanoTime();
        EnumMap<Split, PositionWriter> writers = new EnumMap<>(Split.class);
        EnumMap<Split, long[]> targets = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            writers.put(s, new PositionWriter(out, s.fileName(), SIZE, options.shardPositions()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "go-features");
            t.setDaemon(true);
            return t;
        });
        int maxInFlight = options.threads() * 4;
        Deque<Future<GameResult>> inFlight = new ArrayDeque<>();
        try (SgfFiles in = new SgfFiles(options.inputs());
             Writer games = Files.newBufferedWriter(out.resolve(GAMES_FILE), StandardCharsets.UTF_8)) {
            games.write("game_id\tsplit\tpositions\tissue\tsource\n");
            int nextId = 0;
            reading:
            for (SgfFiles.Entry e = in.next(); e != null; e = in.next()) {
                report.file();
                if (e.data() == null) {
                    inFlight.add(CompletableFuture.completedFuture(
                            new GameResult(nextId++, e.name(), null, 0, null, null, 0, GameIssue.UNREADABLE, e.error(), List.of())));
                } else {
                    for (GameRecordReader.Outcome o : GameRecordReader.read(e.data(), e.name())) {
                        int id = nextId++;
                        GameRecord g = o.record();
                        GameResult skip = skipReason(id, o);
                        if (skip != null) {
                            inFlight.add(CompletableFuture.completedFuture(skip));
                        } else {
                            Split split = Split.assign(options.seed(), id, options.validationFraction(), options.testFraction());
                            inFlight.add(pool.submit(() -> positions(id, g, split)));
                        }
                        while (inFlight.size() >= maxInFlight) {
                            if (!drainOne(inFlight, writers, games, report)) {
                                break reading;
                            }
                        }
                    }
                }
                if (report.files() % 5000 == 0) {
                    LOG.info(() -> String.format("%,d files read, %,d positions written", report.files(), report.positions()));
                }
            }
            while (!inFlight.isEmpty()) {
                if (!drainOne(inFlight, writers, games, report)) {
                    break;
                }
            }
            for (Future<GameResult> f : inFlight) {
                f.cancel(true);
            }
            for (PositionWriter w : writers.values()) {
                w.close();
            }
            writers.forEach((split, w) -> targets.put(split, w.targetCounts()));
        } catch (IOException e) {
            throw new GoDataException("cannot write to " + out + ": " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        report.elapsed(System.nanoTime() - start);
        writeProperties(out, report, targets);
        return report;
    }

    private GameResult skipReason(int id, GameRecordReader.Outcome o) {
        GameRecord g = o.record();
        if (g == null) {
            return new GameResult(id, o.source(), null, 0, null, null, 0, o.skipped(), o.detail(), List.of());
        }
        if (g.size() != SIZE) {
            return new GameResult(id, o.source(), null, 0, null, null, 0, GameIssue.UNSUPPORTED_SIZE,
                    o.source() + ": " + g.size() + "x" + g.size(), g.notes());
        }
        if (g.moveCount() < options.minMoves()) {
            return new GameResult(id, o.source(), null, 0, null, null, 0, GameIssue.TOO_SHORT,
                    o.source() + ": " + g.moveCount() + " moves", g.notes());
        }
        return null;
    }

    /** Replays a game, computing the planes of every position before a non-pass move. */
    private GameResult positions(int id, GameRecord g, Split split) {
        int n = g.moveCount();
        int[] targets = new int[n];
        long[] planes = new long[n * POINTS];
        int[] count = {0};
        int[] passes = {0};
        FeaturePlanes fp = features.get();
        GameReplay.Outcome outcome = GameReplay.replay(g, boards.get(), (board, toMove, index, point) -> {
            if (point == GameRecord.PASS) {
                passes[0]++;
            } else {
                fp.compute(board, toMove, planes, count[0] * POINTS);
                targets[count[0]++] = point;
            }
            return true;
        });
        String detail = outcome.cut() == null ? null : g.source() + ": move " + (outcome.movesPlayed() + 1);
        return new GameResult(id, g.source(), split, count[0], targets, planes, passes[0], outcome.cut(), detail,
                notes(g, outcome));
    }

    private static List<GameIssue> notes(GameRecord g, GameReplay.Outcome outcome) {
        if (outcome.impliedPasses() == 0) {
            return g.notes();
        }
        List<GameIssue> all = new ArrayList<>(g.notes());
        all.add(GameIssue.IMPLIED_PASS);
        return all;
    }

    /** Writes the oldest in-flight game. @return false when the position limit is reached. */
    private boolean drainOne(Deque<Future<GameResult>> inFlight, EnumMap<Split, PositionWriter> writers,
                             Writer games, ConversionReport report) throws IOException {
        GameResult r;
        try {
            r = inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GoDataException("conversion interrupted");
        } catch (ExecutionException e) {
            throw new GoDataException("feature computation failed: " + e.getCause(), e.getCause());
        }
        int written = 0;
        if (r.split() != null) {
            PositionWriter w = writers.get(r.split());
            long room = options.maxPositions() == 0 ? Long.MAX_VALUE : options.maxPositions() - report.positions();
            long n = Math.min(r.count(), room);
            for (int i = 0; i < n; i++) {
                w.write(r.gameId(), r.targets()[i], r.planes(), i * POINTS);
            }
            written = (int) n;
            report.used(r.split(), n, r.passes());
        }
        if (r.issue() != null) {
            report.issue(r.issue(), r.detail());
        }
        report.gameRead();
        r.notes().forEach(n -> report.issue(n, null));
        games.write(r.gameId() + "\t" + (r.split() == null ? "-" : r.split().fileName()) + "\t" + written + "\t"
                + (r.issue() == null ? "-" : r.issue().name().toLowerCase(Locale.ROOT)) + "\t" + r.source() + "\n");
        if (options.maxPositions() > 0 && report.positions() >= options.maxPositions()) {
            report.stoppedAtLimit();
            return false;
        }
        return true;
    }

    /**
     * Creates the output folder if needed and refuses one that holds a file a conversion would write.
     *
     * @return whether the folder was created here
     */
    private static boolean prepareOutput(Path out) {
        try {
            boolean created = !Files.exists(out);
            Files.createDirectories(out);
            try (Stream<Path> s = Files.list(out)) {
                List<String> ours = s.map(p -> p.getFileName().toString()).filter(DatasetConverter::isOutputFile)
                        .sorted().limit(3).toList();
                if (!ours.isEmpty()) {
                    throw new GoDataException("output folder already holds shards or other files of a converted "
                            + "dataset (" + String.join(", ", ours) + "): " + out + "; choose an empty folder");
                }
            }
            return created;
        } catch (IOException e) {
            throw new GoDataException("cannot create output folder " + out + ": " + e.getMessage(), e);
        }
    }

    /** Removes what a failed conversion wrote: its files (none were there before) and the folder it created. */
    private static void removeOutput(Path out, boolean created, Throwable failure) {
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> isOutputFile(p.getFileName().toString())).toList()) {
                Files.deleteIfExists(p);
            }
            if (created) {
                try (Stream<Path> left = Files.list(out)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(out);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Whether a conversion writes a file of this name: a shard, {@value #GAMES_FILE} or {@value #PROPERTIES_FILE}. */
    public static boolean isOutputFile(String name) {
        if (name.equals(GAMES_FILE) || name.equals(PROPERTIES_FILE)) {
            return true;
        }
        for (Split split : Split.values()) {
            if (name.startsWith(split.fileName() + "-") && name.endsWith(ShardFormat.EXTENSION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a folder holds a converted dataset and nothing else: its {@value #PROPERTIES_FILE} of this
     * format, and no file a conversion does not write (the command line's {@code --overwrite} replaces
     * such a folder, and no other).
     */
    public static boolean isDataset(Path dir) {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (!s.allMatch(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && isOutputFile(p.getFileName().toString()))) {
                return false;
            }
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(dir.resolve(PROPERTIES_FILE), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return FORMAT.equals(p.getProperty("format"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The property holding a split's target counts, one per point index, comma-separated. */
    public static String targetsProperty(Split split) {
        return "targets." + split.fileName();
    }

    private void writeProperties(Path out, ConversionReport report, EnumMap<Split, long[]> targets) {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("format.version", Integer.toString(ShardFormat.VERSION));
        p.setProperty("board.size", Integer.toString(SIZE));
        p.setProperty("planes", "48");
        p.setProperty("record.bytes", Integer.toString(ShardFormat.recordBytes(SIZE)));
        p.setProperty("inputs", options.inputs().toString());
        p.setProperty("seed", Long.toString(options.seed()));
        p.setProperty("fraction.validation", Double.toString(options.validationFraction()));
        p.setProperty("fraction.test", Double.toString(options.testFraction()));
        p.setProperty("min.moves", Integer.toString(options.minMoves()));
        p.setProperty("max.positions", Long.toString(options.maxPositions()));
        p.setProperty("games.read", Long.toString(report.gamesRead()));
        p.setProperty("games.used", Long.toString(report.gamesUsed()));
        for (Split s : Split.values()) {
            p.setProperty("positions." + s.fileName(), Long.toString(report.positions(s)));
            p.setProperty("games." + s.fileName(), Long.toString(report.games(s)));
            // Counted while writing, so that the most-frequent-move baseline needs no pass over the split.
            if (targets.containsKey(s)) {
                p.setProperty(targetsProperty(s), Arrays.stream(targets.get(s)).mapToObj(Long::toString)
                        .collect(Collectors.joining(",")));
            }
        }
        report.issues().forEach((k, v) -> p.setProperty("issue." + k.name().toLowerCase(Locale.ROOT), Long.toString(v)));
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve(PROPERTIES_FILE), StandardCharsets.UTF_8)) {
            p.store(w, "tribuo-zoo go positions");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
