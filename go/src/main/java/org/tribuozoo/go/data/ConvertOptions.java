package org.tribuozoo.go.data;

import java.nio.file.Path;
import java.util.List;
import org.tribuozoo.go.GoDataException;

/**
 * What {@link DatasetConverter} converts and how.
 *
 * @param inputs             SGF files, archives ({@code .tar.gz}, {@code .zip}) or folders
 * @param outputDir          the folder for shards, {@code games.tsv} and {@code dataset.properties};
 *                           created if missing, must not already hold shards
 * @param maxPositions       stop after this many positions in all (0: no limit)
 * @param seed               seeds the train/validation/test assignment of games
 * @param validationFraction share of games for validation, e.g. 0.05
 * @param testFraction       share of games for test, e.g. 0.05
 * @param minMoves           games with fewer main-line moves are skipped as too short
 * @param shardPositions     positions per shard file
 * @param threads            worker threads computing feature planes
 */
public record ConvertOptions(List<Path> inputs, Path outputDir, long maxPositions, long seed,
                             double validationFraction, double testFraction, int minMoves,
                             int shardPositions, int threads) {

    /** Default shares: 90% train, 5% validation, 5% test. */
    public static final double DEFAULT_VALIDATION = 0.05;
    public static final double DEFAULT_TEST = 0.05;
    /** Games shorter than this (moves) are skipped by default. */
    public static final int DEFAULT_MIN_MOVES = 10;
    /** About 217 MB per shard at 2,172 bytes per position. */
    public static final int DEFAULT_SHARD_POSITIONS = 100_000;

    public ConvertOptions {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new GoDataException("no input given: name SGF files, archives or folders");
        }
        if (outputDir == null) {
            throw new GoDataException("no output folder given");
        }
        if (maxPositions < 0) {
            throw new GoDataException("max positions must be 0 (no limit) or positive, got " + maxPositions);
        }
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new GoDataException("validation (" + validationFraction + ") and test (" + testFraction
                    + ") fractions must be non-negative and sum to less than 1");
        }
        if (minMoves < 0 || shardPositions < 1 || threads < 1) {
            throw new GoDataException("min moves must be >= 0, shard positions and threads >= 1");
        }
    }

    /** Defaults for everything but the inputs and the output folder. */
    public static ConvertOptions of(List<Path> inputs, Path outputDir) {
        return new ConvertOptions(inputs, outputDir, 0, 1L, DEFAULT_VALIDATION, DEFAULT_TEST, DEFAULT_MIN_MOVES,
                DEFAULT_SHARD_POSITIONS, Runtime.getRuntime().availableProcessors());
    }

    public ConvertOptions withMaxPositions(long max) {
        return new ConvertOptions(inputs, outputDir, max, seed, validationFraction, testFraction, minMoves, shardPositions, threads);
    }

    public ConvertOptions withSeed(long s) {
        return new ConvertOptions(inputs, outputDir, maxPositions, s, validationFraction, testFraction, minMoves, shardPositions, threads);
    }

    public ConvertOptions withFractions(double validation, double test) {
        return new ConvertOptions(inputs, outputDir, maxPositions, seed, validation, test, minMoves, shardPositions, threads);
    }

    public ConvertOptions withMinMoves(int min) {
        return new ConvertOptions(inputs, outputDir, maxPositions, seed, validationFraction, testFraction, min, shardPositions, threads);
    }

    public ConvertOptions withShardPositions(int n) {
        return new ConvertOptions(inputs, outputDir, maxPositions, seed, validationFraction, testFraction, minMoves, n, threads);
    }

    public ConvertOptions withThreads(int n) {
        return new ConvertOptions(inputs, outputDir, maxPositions, seed, validationFraction, testFraction, minMoves, shardPositions, n);
    }
}
