package org.tribuozoo.go.policy;

import java.nio.file.Path;

import org.tribuozoo.go.GoData;
import org.tribuozoo.go.data.Batch;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Split;

/** How often each point is the move played in one split, read without augmentation. */
public final class TargetCounts {

    private final long[] counts;

    private TargetCounts(long[] counts) {
        this.counts = counts;
    }

    /** Counts the targets of a split of a converted folder (one sequential pass). */
    public static TargetCounts of(Path data, Split split) {
        long[] counts = new long[BoardLabels.POINTS];
        try (PositionReader reader = GoData.reader(data, split, PositionReader.Options.sequential())) {
            Batch batch = reader.newBatch(1024);
            for (int n = reader.next(batch); n > 0; n = reader.next(batch)) {
                for (int i = 0; i < n; i++) {
                    counts[batch.targets[i]]++;
                }
            }
        }
        return new TargetCounts(counts);
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
