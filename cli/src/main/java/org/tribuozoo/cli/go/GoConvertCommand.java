package org.tribuozoo.cli.go;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.tribuozoo.cli.RunFolder;
import org.tribuozoo.cli.ThreadsOption;
import org.tribuozoo.cli.UserException;
import org.tribuozoo.go.GoData;
import org.tribuozoo.go.data.ConversionReport;
import org.tribuozoo.go.data.ConvertOptions;
import org.tribuozoo.go.data.DatasetConverter;
import org.tribuozoo.go.sgf.GameIssue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zoo go convert}: SGF games (files, folders, .tar.gz/.zip archives) to bit-packed position
 * shards split by game into train, validation and test; reports games read, skipped by reason,
 * positions written and speed.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Convert SGF games (files, folders, .tar.gz/.tar/.zip archives, read in place) to the compact "
                + "training format: bit-packed 19x19x48 positions, split by game into train, validation and test.")
final class GoConvertCommand implements Callable<Integer> {

    @Option(names = "--games", required = true, arity = "1..*", paramLabel = "PATH",
            description = "SGF files, folders or archives.")
    List<Path> games;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The output folder: written as DIR.partial and renamed to DIR once complete; DIR must not "
                    + "exist or be empty, unless --overwrite.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the dataset already in --out, once the new one is complete "
            + "(only a folder written by zoo go convert; nothing else is ever replaced).")
    boolean overwrite;

    @Option(names = "--positions", paramLabel = "N", defaultValue = "0",
            description = "Stop after N positions (default: 0, every game).")
    long positions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the split of games into train, validation and test (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.05",
            description = "Fraction of games for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.05",
            description = "Fraction of games for testing (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--threads", paramLabel = "N",
            description = "Feature-plane worker threads (default: every available core).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (positions < 0) {
            throw new UserException("--positions must not be negative, got " + positions);
        }
        ThreadsOption.check(threads);
        boolean replacing = RunFolder.holdsFiles(out);
        if (replacing && !overwrite) {
            throw new UserException("output folder " + out + " already exists; choose another --out, or give "
                    + "--overwrite to replace the dataset in it");
        }
        if (replacing && !DatasetConverter.isDataset(out)) {
            throw new UserException("--overwrite replaces only a folder written by zoo go convert, and " + out
                    + " holds other files; it is left as it is");
        }
        // Converted into OUT.partial and renamed to OUT when complete: a failed or killed conversion leaves
        // no folder that looks complete, and nothing that stops the next one (RunFolder).
        try (RunFolder run = replacing ? RunFolder.createReplacing(out) : RunFolder.create(out)) {
            ConvertOptions options = GoCommand.userErrors(() -> ConvertOptions.of(games, run.partial())
                    .withMaxPositions(positions).withSeed(seed).withFractions(validationFraction, testFraction));
            ConvertOptions chosen = threads == null ? options : options.withThreads(threads);
            ConversionReport report = GoCommand.userErrors(() -> GoData.convert(chosen));
            if (report.positions() == 0) {
                // An empty dataset would only fail later, in zoo go train, far from its cause: refuse it here
                // (the partial folder goes when the RunFolder closes uncommitted).
                throw new UserException(nothingConverted(report));
            }
            run.commit();
            report.movedTo(out);
            spec.commandLine().getOut().println(report);
        }
        return 0;
    }

    /** One line: why no position came out of the games given, with the most frequent reason and an example. */
    static String nothingConverted(ConversionReport report) {
        String reason = report.issues().entrySet().stream().filter(e -> e.getKey().kind() == GameIssue.Kind.SKIPPED)
                .max(Map.Entry.comparingByValue())
                .map(e -> ", most often: " + e.getKey().description() + " (" + e.getValue() + ")").orElse("");
        String example = report.examples().isEmpty() ? "" : "; e.g. " + report.examples().get(0);
        return "no positions converted: " + report.gamesRead() + " game(s) read from " + report.files()
                + " file(s), " + report.gamesSkipped() + " skipped" + reason + example + "; nothing was written";
    }
}
