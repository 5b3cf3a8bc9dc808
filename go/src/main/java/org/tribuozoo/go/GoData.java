package org.tribuozoo.go;

import java.nio.file.Path;
import java.util.List;
import org.tribuozoo.go.data.ConversionReport;
import org.tribuozoo.go.data.ConvertOptions;
import org.tribuozoo.go.data.DatasetConverter;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Split;

/**
 * The library entry points of the Go module, for command-line tools and programs:
 * converting game records to training shards, inspecting the feature planes of a position, and
 * reading shards back as batches.
 *
 * <p>Every error a user can cause (missing file, unreadable SGF, a move number beyond the game,
 * an output folder that already holds shards, bad options) is a {@link GoDataException} with a
 * one-line message naming the culprit.
 */
public final class GoData {

    private GoData() {
    }

    /**
     * Converts SGF games into bit-packed training shards split by game into train, validation and
     * test.
     *
     * <pre>{@code
     * ConversionReport r = GoData.convert(
     *     ConvertOptions.of(List.of(Path.of("../shared/data/go/kgs-6d")), Path.of("out/kgs"))
     *         .withMaxPositions(1_000_000).withSeed(42));
     * System.out.println(r);
     * }</pre>
     *
     * @param options inputs (SGF files, .tar.gz/.zip archives, folders), output folder, limits, seed
     * @return counts of games read, skipped/cut by reason, positions per split and speed;
     *         {@code toString()} is a printable summary
     * @throws GoDataException for a missing input, an output folder that already holds shards,
     *                         bad options, or a write error
     */
    public static ConversionReport convert(ConvertOptions options) {
        return DatasetConverter.convert(options);
    }

    /**
     * Convenience overload of {@link #convert(ConvertOptions)} with default fractions (5%
     * validation, 5% test), minimum game length and shard size.
     *
     * @param inputs       SGF files, archives or folders
     * @param outputDir    where shards go
     * @param maxPositions stop after this many positions (0: all)
     * @param seed         seeds the game split
     */
    public static ConversionReport convert(List<Path> inputs, Path outputDir, long maxPositions, long seed) {
        return convert(ConvertOptions.of(inputs, outputDir).withMaxPositions(maxPositions).withSeed(seed));
    }

    /**
     * Sums each feature plane over the board for the position before move {@code beforeMove} of
     * the main line of the first game in an SGF file ({@code 1} = the starting position). The
     * planes are relative to the player about to make that move.
     *
     * @return eleven lines in plane order: {@code stone_colour: [a, b, c]}, {@code ones: [a]},
     *         {@code turns_since: [8 numbers]}, {@code liberties}, {@code capture_size},
     *         {@code self_atari_size}, {@code liberties_after} (8 each), {@code ladder_capture: [a]},
     *         {@code ladder_escape: [a]}, {@code sensibleness: [a]}, {@code zeros: [a]}
     * @throws GoDataException when the file is missing or not SGF, or the game has no move
     *                         {@code beforeMove}
     */
    public static List<String> planesReport(Path sgf, int beforeMove) {
        return PlanesReport.of(sgf, beforeMove);
    }

    /**
     * Opens the shards of one split of a converted folder for reading as batches.
     *
     * @param dir     a folder written by {@link #convert}
     * @param split   which part
     * @param options symmetry augmentation, shuffling and seed
     * @throws GoDataException when the folder holds no shards of that split
     */
    public static PositionReader reader(Path dir, Split split, PositionReader.Options options) {
        return PositionReader.open(dir, split.fileName(), options);
    }
}
