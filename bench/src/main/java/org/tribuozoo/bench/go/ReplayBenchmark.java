package org.tribuozoo.bench.go;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tribuozoo.go.io.SgfFiles;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.GameReplay;
import org.tribuozoo.go.sgf.GameIssue;
import org.tribuozoo.go.sgf.GameRecord;
import org.tribuozoo.go.sgf.GameRecordReader;

/**
 * Reads and replays every game under the given paths (default {@code ../shared/data/go/kgs-6d})
 * and prints games, moves, issue counts and speed. The rules engine's time is measured apart
 * from reading and parsing, by replaying each parsed game again on its own.
 *
 * <pre>bench/run-go.sh ReplayBenchmark [paths...]</pre>
 */
public final class ReplayBenchmark {

    private ReplayBenchmark() {
    }

    public static void main(String[] args) {
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            paths.add(Path.of(a));
        }
        if (paths.isEmpty()) {
            paths.add(Path.of("../shared/data/go/kgs-6d"));
        }
        Map<GameIssue, Integer> issues = new EnumMap<>(GameIssue.class);
        List<GameRecord> games = new ArrayList<>();
        long t0 = System.nanoTime();
        int files = 0;
        try (SgfFiles in = new SgfFiles(paths)) {
            for (SgfFiles.Entry e = in.next(); e != null; e = in.next()) {
                files++;
                if (e.data() == null) {
                    issues.merge(GameIssue.UNREADABLE, 1, Integer::sum);
                    continue;
                }
                for (GameRecordReader.Outcome o : GameRecordReader.read(e.data(), e.name())) {
                    if (o.record() == null) {
                        issues.merge(o.skipped(), 1, Integer::sum);
                    } else {
                        games.add(o.record());
                        for (GameIssue n : o.record().notes()) {
                            issues.merge(n, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        long t1 = System.nanoTime();
        // Replay several rounds so that the JIT has warmed up for the measured one.
        long moves = 0;
        long best = Long.MAX_VALUE;
        Map<Integer, Board> boards = new java.util.HashMap<>();
        for (int round = 0; round < 3; round++) {
            moves = 0;
            long r0 = System.nanoTime();
            for (GameRecord g : games) {
                Board b = boards.computeIfAbsent(g.size(), Board::new);
                GameReplay.Outcome out = GameReplay.replay(g, b, null);
                moves += out.movesPlayed();
                if (round == 0 && out.cut() != null) {
                    issues.merge(out.cut(), 1, Integer::sum);
                }
                if (round == 0 && out.impliedPasses() > 0) {
                    issues.merge(GameIssue.IMPLIED_PASS, 1, Integer::sum);
                }
            }
            best = Math.min(best, System.nanoTime() - r0);
        }
        System.out.printf("files: %d, games: %d, moves replayed: %d%n", files, games.size(), moves);
        System.out.printf("read+parse: %.1f s (%.0f games/s)%n", (t1 - t0) / 1e9, games.size() / ((t1 - t0) / 1e9));
        System.out.printf("replay (best of 3): %.2f s, %.0f moves/s%n", best / 1e9, moves / (best / 1e9));
        issues.forEach((k, v) -> System.out.printf("  %-24s %-8s %d%n", k, k.kind(), v));
    }
}
