package org.tribuozoo.go.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.go.GoData;
import org.tribuozoo.go.data.Batch;
import org.tribuozoo.go.data.ConvertOptions;
import org.tribuozoo.go.data.DatasetConverter;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Split;
import org.tribuozoo.go.testutil.RandomGames;

/** The conversion records each split's target counts; they are the counts a pass over the split gives. */
class TargetCountsTest {

    private static long[] counted(Path data, Split split) {
        long[] counts = new long[BoardLabels.POINTS];
        try (PositionReader reader = GoData.reader(data, split, PositionReader.Options.sequential())) {
            Batch batch = reader.newBatch(64);
            for (int n = reader.next(batch); n > 0; n = reader.next(batch)) {
                for (int i = 0; i < n; i++) {
                    counts[batch.targets[i]]++;
                }
            }
        }
        return counts;
    }

    private static long[] of(TargetCounts t) {
        long[] out = new long[BoardLabels.POINTS];
        for (int p = 0; p < out.length; p++) {
            out[p] = t.count(p);
        }
        return out;
    }

    private static void edit(Path data, String key, String value) throws Exception {
        Path file = data.resolve(DatasetConverter.PROPERTIES_FILE);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (value == null) {
            p.remove(key);
        } else {
            p.setProperty(key, value);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }

    @Test
    void recordedCountsAreTheSplitsAndAWrongRecordIsNotTrusted(@TempDir Path tmp) throws Exception {
        Path games = RandomGames.write(tmp.resolve("games"), 20, 30, 7);
        Path data = tmp.resolve("shards");
        GoData.convert(ConvertOptions.of(List.of(games), data).withSeed(3).withFractions(0.2, 0.2).withThreads(1));
        for (Split split : Split.values()) {
            assertNotNull(readProperty(data, DatasetConverter.targetsProperty(split)), split.toString());
            long[] truth = counted(data, split);
            assertTrue(java.util.Arrays.stream(truth).sum() > 0, split.toString());
            assertArrayEquals(truth, of(TargetCounts.of(data, split)), split.toString());
        }
        long[] truth = counted(data, Split.TRAIN);
        String key = DatasetConverter.targetsProperty(Split.TRAIN);
        // A folder converted before the counts were recorded: counted.
        edit(data, key, null);
        assertArrayEquals(truth, of(TargetCounts.of(data, Split.TRAIN)));
        // A record that does not add up to the split's positions (a changed folder): counted, not trusted.
        long[] wrong = truth.clone();
        wrong[0] += 5;
        edit(data, key, java.util.Arrays.stream(wrong).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(",")));
        assertArrayEquals(truth, of(TargetCounts.of(data, Split.TRAIN)));
        edit(data, key, "not,numbers");
        assertArrayEquals(truth, of(TargetCounts.of(data, Split.TRAIN)));
    }

    private static String readProperty(Path data, String key) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve(DatasetConverter.PROPERTIES_FILE),
                StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p.getProperty(key);
    }
}
