package org.tribuozoo.go.policy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

import org.tribuozoo.go.GoData;
import org.tribuozoo.go.data.Batch;
import org.tribuozoo.go.data.DatasetConverter;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Split;

/** How often each point is the move played in one split, read without augmentation. */
public final class TargetCounts {

    private final long[] counts;

    private TargetCounts(long[] counts) {
        this.counts = counts;
    }

    /**
     * The targets of a split of a converted folder: the counts its conversion recorded in
     * {@code dataset.properties} when they are there and add up to the split's positions, otherwise
     * counted in one sequential pass (a folder converted before the counts were recorded).
     */
    public static TargetCounts of(Path data, Split split) {
        try (PositionReader reader = GoData.reader(data, split, PositionReader.Options.sequential())) {
            Optional<long[]> recorded = recorded(data, split, reader.size());
            return new TargetCounts(recorded.isPresent() ? recorded.get() : count(reader));
        }
    }

    /** The counts recorded at conversion, if present, one per point, and adding up to {@code positions}. */
    private static Optional<long[]> recorded(Path data, Split split, long positions) {
        Path file = data.resolve(DatasetConverter.PROPERTIES_FILE);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        String value = p.getProperty(DatasetConverter.targetsProperty(split));
        if (value == null) {
            return Optional.empty();
        }
        try {
            long[] counts = Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray();
            boolean fits = counts.length == BoardLabels.POINTS && Arrays.stream(counts).allMatch(c -> c >= 0)
                    && Arrays.stream(counts).sum() == positions;
            return fits ? Optional.of(counts) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long[] count(PositionReader reader) {
        long[] counts = new long[BoardLabels.POINTS];
        Batch batch = reader.newBatch(1024);
        for (int n = reader.next(batch); n > 0; n = reader.next(batch)) {
            for (int i = 0; i < n; i++) {
                counts[batch.targets[i]]++;
            }
        }
        return counts;
    }

    /** The point played most often (the lowest index among ties). */
    public int mostFrequent() {
        int best = 0;
        for (int p = 1; p < counts.length; p++) {
            if (counts[p] > counts[best]) {
                best = p;
            }
        }
        return best;
    }

    /** How often a point was played. */
    public long count(int point) {
        return counts[point];
    }

    /** All positions counted. */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }
}
