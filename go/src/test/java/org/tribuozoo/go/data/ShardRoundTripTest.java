package org.tribuozoo.go.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.go.GoDataException;

/** Writing bit-packed shards and reading them back as NHWC batches, with symmetries. */
class ShardRoundTripTest {

    @TempDir
    Path tmp;

    private static long[][] randomPositions(int n, long seed) {
        Random r = new Random(seed);
        long[][] out = new long[n][361];
        for (long[] pos : out) {
            for (int p = 0; p < 361; p++) {
                pos[p] = r.nextLong() & ((1L << 48) - 1);
            }
        }
        return out;
    }

    @Test
    void recordIsTwoThousandOneHundredSeventyTwoBytes() {
        assertEquals(2172, ShardFormat.recordBytes());
    }

    @Test
    void roundTripIsExactAcrossShards() throws IOException {
        long[][] positions = randomPositions(25, 3);
        try (PositionWriter w = new PositionWriter(tmp, "train", 19, 10)) {
            for (int i = 0; i < positions.length; i++) {
                w.write(100 + i, (i * 37) % 361, positions[i]);
            }
            assertEquals(25, w.written());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(3, files.count(), "10 + 10 + 5 positions");
        }
        assertEquals(32 + 10L * 2172, Files.size(tmp.resolve("train-00000.gop")));
        try (PositionReader r = PositionReader.open(tmp, "train", PositionReader.Options.sequential())) {
            assertEquals(25, r.size());
            Batch b = r.newBatch(8);
            int seen = 0;
            for (int n = r.next(b); n > 0; n = r.next(b)) {
                for (int i = 0; i < n; i++) {
                    int k = seen + i;
                    assertEquals(100 + k, b.gameIds[i]);
                    assertEquals((k * 37) % 361, b.targets[i]);
                    for (int p = 0; p < 361; p++) {
                        for (int plane = 0; plane < 48; plane++) {
                            float expected = (positions[k][p] >>> plane) & 1;
                            assertEquals(expected, b.inputs[i * 361 * 48 + p * 48 + plane], "position " + k + " point " + p + " plane " + plane);
                        }
                    }
                }
                seen += n;
            }
            assertEquals(25, seen);
            r.reset();
            assertEquals(8, r.next(b), "reset starts another epoch");
        }
    }

    @Test
    void symmetriesMoveInputsAndTargetTogether() throws IOException {
        long[] pos = new long[361];
        int point = 3 * 19 + 15; // Q16
        pos[point] = 1L << 5;
        try (PositionWriter w = new PositionWriter(tmp, "test", 19, 100)) {
            w.write(1, point, pos);
        }
        for (Symmetry s : Symmetry.values()) {
            try (PositionReader r = PositionReader.open(tmp, "test", PositionReader.Options.fixed(s))) {
                Batch b = r.newBatch(1);
                r.next(b);
                int moved = s.apply(point, 19);
                assertEquals(moved, b.targets[0], s.name());
                assertEquals(1f, b.inputs[moved * 48 + 5], s.name());
                float sum = 0;
                for (float f : b.inputs) {
                    sum += f;
                }
                assertEquals(1f, sum);
            }
        }
    }

    @Test
    void theEightSymmetriesAreDistinctPermutations() {
        Set<String> images = new HashSet<>();
        for (Symmetry s : Symmetry.values()) {
            int[] t = s.table(19);
            Set<Integer> seen = new HashSet<>();
            for (int v : t) {
                seen.add(v);
            }
            assertEquals(361, seen.size(), s + " is a permutation");
            images.add(s.apply(1, 19) + "," + s.apply(19, 19));
        }
        assertEquals(8, images.size());
        assertEquals(18, Symmetry.ROTATE_90.apply(0, 19), "clockwise: top-left goes to top-right");
    }

    @Test
    void randomSymmetryAndShufflingKeepEveryPositionOnce() throws IOException {
        long[][] positions = randomPositions(50, 4);
        try (PositionWriter w = new PositionWriter(tmp, "train", 19, 1000)) {
            for (int i = 0; i < positions.length; i++) {
                w.write(i, i, positions[i]);
            }
        }
        try (PositionReader r = PositionReader.open(tmp, "train", PositionReader.Options.training(16, 9))) {
            Batch b = r.newBatch(7);
            Set<Integer> ids = new HashSet<>();
            Set<Integer> syms = new HashSet<>();
            for (int n = r.next(b); n > 0; n = r.next(b)) {
                for (int i = 0; i < n; i++) {
                    ids.add(b.gameIds[i]);
                    syms.add(b.symmetries[i]);
                    assertEquals(Symmetry.of(b.symmetries[i]).apply(b.gameIds[i], 19), b.targets[i]);
                }
            }
            assertEquals(50, ids.size());
            assertEquals(8, syms.size(), "50 draws hit all 8 symmetries with this seed");
        }
    }

    /** The game ids, targets and symmetries of one epoch's batches, in order (after {@code skip} positions). */
    private static String epoch(PositionReader r, int batch, long skip) {
        assertEquals(skip, r.skip(skip));
        Batch b = r.newBatch(batch);
        StringBuilder s = new StringBuilder();
        for (int n = r.next(b); n > 0; n = r.next(b)) {
            for (int i = 0; i < n; i++) {
                s.append(b.gameIds[i]).append(':').append(b.targets[i]).append(':').append(b.symmetries[i])
                        .append(':').append(b.inputs[i * 361 * 48 + b.targets[i] * 48]).append(' ');
            }
            s.append('|');
        }
        return s.toString();
    }

    @Test
    void skippingEpochsAndPositionsLeavesTheReaderWhereReadingThemWould() throws IOException {
        long[][] positions = randomPositions(45, 5);
        try (PositionWriter w = new PositionWriter(tmp, "train", 19, 20)) {
            for (int i = 0; i < positions.length; i++) {
                w.write(i, (i * 7) % 361, positions[i]);
            }
        }
        for (int buffer : new int[] {0, 16, 100}) {
            PositionReader.Options options = PositionReader.Options.training(buffer, 21);
            String third;
            String thirdFrom13;
            try (PositionReader r = PositionReader.open(tmp, "train", options)) {
                epoch(r, 8, 0);
                r.reset();
                String second = epoch(r, 8, 0);
                r.reset();
                third = epoch(r, 8, 0);
                assertFalse(second.equals(third), "each epoch has its own order");
                r.reset();
                epoch(r, 8, 0);
            }
            try (PositionReader r = PositionReader.open(tmp, "train", options)) {
                epoch(r, 8, 0);
                r.reset();
                epoch(r, 8, 0);
                r.reset();
                thirdFrom13 = epoch(r, 8, 13);
            }
            try (PositionReader r = PositionReader.open(tmp, "train", options)) {
                r.skipEpochs(2);
                assertEquals(third, epoch(r, 8, 0), "buffer " + buffer + ": epoch 3 after skipping two");
            }
            try (PositionReader r = PositionReader.open(tmp, "train", options)) {
                r.skipEpochs(2);
                assertEquals(thirdFrom13, epoch(r, 8, 13), "buffer " + buffer + ": epoch 3 from position 14");
                r.reset();
                assertThrows(IllegalStateException.class, () -> {
                    r.next(r.newBatch(1));
                    r.skipEpochs(1);
                });
            }
        }
    }

    @Test
    void missingShardsAreAUserError() {
        GoDataException e = assertThrows(GoDataException.class,
                () -> PositionReader.open(tmp, "validation", PositionReader.Options.sequential()));
        assertEquals("no validation shards (validation-*.gop) in " + tmp, e.getMessage());
    }
}
