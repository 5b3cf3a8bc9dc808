package org.tribuozoo.bench.go;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.io.SgfFiles;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.GameReplay;
import org.tribuozoo.go.sgf.GameRecord;
import org.tribuozoo.go.sgf.GameRecordReader;

/**
 * Single-thread speed of the 48 feature planes: computes them for every position of the first
 * GAMES games (default 3000) of the given paths, in memory, twice, and reports the second pass.
 *
 * <pre>bench/run-go.sh FeatureBenchmark [GAMES [paths...]]</pre>
 */
public final class FeatureBenchmark {

    private FeatureBenchmark() {
    }

    public static void main(String[] args) {
        int max = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            paths.add(Path.of(args[i]));
        }
        if (paths.isEmpty()) {
            paths.add(Path.of("../shared/data/go/kgs-6d"));
        }
        List<GameRecord> games = new ArrayList<>();
        try (SgfFiles in = new SgfFiles(paths)) {
            for (SgfFiles.Entry e = in.next(); e != null && games.size() < max; e = in.next()) {
                if (e.data() != null) {
                    GameRecordReader.read(e.data(), e.name()).stream()
                            .filter(o -> o.record() != null && o.record().size() == 19)
                            .forEach(o -> games.add(o.record()));
                }
            }
        }
        FeaturePlanes fp = new FeaturePlanes();
        Board board = new Board(19);
        long[] planes = new long[361];
        long[] ladders = new long[2];
        for (int round = 0; round < 2; round++) {
            long[] n = {0};
            boolean measured = round == 1;
            ladders[0] = 0;
            ladders[1] = 0;
            long t0 = System.nanoTime();
            for (GameRecord g : games) {
                GameReplay.replay(g, board, (b, toMove, i, point) -> {
                    if (point != GameRecord.PASS) {
                        fp.compute(b, toMove, planes);
                        n[0]++;
                        if (measured) {
                            int[] s = FeaturePlanes.planeSums(planes, 361);
                            ladders[0] += s[FeaturePlanes.LADDER_CAPTURE];
                            ladders[1] += s[FeaturePlanes.LADDER_ESCAPE];
                        }
                    }
                    return true;
                });
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (round == 1) {
                System.out.printf("%,d games, %,d positions, %.1f s, %,.0f positions/s on one thread%n",
                        games.size(), n[0], s, n[0] / s);
                System.out.printf("ladder-capture points %,d, ladder-escape points %,d%n", ladders[0], ladders[1]);
            }
        }
    }
}
