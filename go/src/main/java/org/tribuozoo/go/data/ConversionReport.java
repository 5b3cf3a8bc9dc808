package org.tribuozoo.go.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tribuozoo.go.sgf.GameIssue;

/**
 * What a conversion did: games read, used, skipped / cut / noted by reason, positions per split
 * and speed. {@link #toString()} is a human-readable summary.
 */
public final class ConversionReport {

    private static final int MAX_EXAMPLES = 5;

    private Path outputDir;
    private long files;
    private long gamesRead;
    private long gamesUsed;
    private long passes;
    private boolean stoppedAtLimit;
    private long elapsedNanos;
    private final EnumMap<GameIssue, Long> issues = new EnumMap<>(GameIssue.class);
    private final EnumMap<Split, Long> positions = new EnumMap<>(Split.class);
    private final EnumMap<Split, Long> games = new EnumMap<>(Split.class);
    private final List<String> examples = new ArrayList<>();

    ConversionReport(Path outputDir) {
        this.outputDir = outputDir;
        for (Split s : Split.values()) {
            positions.put(s, 0L);
            games.put(s, 0L);
        }
    }

    void file() {
        files++;
    }

    void gameRead() {
        gamesRead++;
    }

    void issue(GameIssue issue, String detail) {
        issues.merge(issue, 1L, Long::sum);
        if (issue.kind() != GameIssue.Kind.NOTE && detail != null && examples.size() < MAX_EXAMPLES) {
            examples.add(issue + ": " + detail);
        }
    }

    void used(Split split, long n, long passesSkipped) {
        gamesUsed++;
        games.merge(split, 1L, Long::sum);
        positions.merge(split, n, Long::sum);
        passes += passesSkipped;
    }

    void stoppedAtLimit() {
        stoppedAtLimit = true;
    }

    void elapsed(long nanos) {
        elapsedNanos = nanos;
    }

    /** @return the folder written to. */
    public Path outputDir() {
        return outputDir;
    }

    /**
     * Records that the converted files now lie in another folder (the conversion wrote a temporary
     * folder that was then renamed), so that the summary names where they are.
     */
    public void movedTo(Path folder) {
        outputDir = java.util.Objects.requireNonNull(folder, "folder");
    }

    /** @return SGF files (or archive entries) read. */
    public long files() {
        return files;
    }

    /** @return games found (a collection file may hold several). */
    public long gamesRead() {
        return gamesRead;
    }

    /** @return games that contributed positions (including cut ones). */
    public long gamesUsed() {
        return gamesUsed;
    }

    /** @return games with each issue; a game may have several notes. */
    public Map<GameIssue, Long> issues() {
        return Collections.unmodifiableMap(issues);
    }

    /** @return games skipped for any reason. */
    public long gamesSkipped() {
        return issues.entrySet().stream().filter(e -> e.getKey().kind() == GameIssue.Kind.SKIPPED)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** @return positions written to a split. */
    public long positions(Split split) {
        return positions.get(split);
    }

    /** @return positions written in all. */
    public long positions() {
        return positions.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return games assigned to a split that contributed positions. */
    public long games(Split split) {
        return games.get(split);
    }

    /** @return passes met in used games (not targets, so not written). */
    public long passesSkipped() {
        return passes;
    }

    /** @return whether the max-positions limit ended the conversion early. */
    public boolean stoppedAtMaxPositions() {
        return stoppedAtLimit;
    }

    /** @return the wall-clock seconds of the conversion. */
    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** @return positions written per second. */
    public double positionsPerSecond() {
        return elapsedNanos == 0 ? 0 : positions() / seconds();
    }

    /** @return up to five examples of skipped or cut games with their one-line reason. */
    public List<String> examples() {
        return List.copyOf(examples);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("converted %,d games from %,d files into %s%n", gamesRead, files, outputDir));
        sb.append(String.format("  used %,d games, skipped %,d%s%n", gamesUsed, gamesSkipped(),
                stoppedAtLimit ? " (stopped at the max-positions limit)" : ""));
        for (Split s : Split.values()) {
            sb.append(String.format("  %-10s %,12d positions from %,d games%n", s.fileName(), positions(s), games(s)));
        }
        sb.append(String.format("  total      %,12d positions (%,d passes not used as targets)%n", positions(), passes));
        sb.append(String.format("  %.1f s, %,.0f positions/s%n", seconds(), positionsPerSecond()));
        for (GameIssue.Kind kind : GameIssue.Kind.values()) {
            for (Map.Entry<GameIssue, Long> e : issues.entrySet()) {
                if (e.getKey().kind() == kind) {
                    sb.append(String.format("  %-7s %-45s %,d%n", kind.name().toLowerCase(java.util.Locale.ROOT),
                            e.getKey().description(), e.getValue()));
                }
            }
        }
        for (String ex : examples) {
            sb.append("  e.g. ").append(ex).append(System.lineSeparator());
        }
        return sb.toString().stripTrailing();
    }
}
