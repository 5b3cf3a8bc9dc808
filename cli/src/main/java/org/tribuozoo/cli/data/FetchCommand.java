package org.tribuozoo.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Callable;

/**
 * {@code zoo data fetch NAME [--dir DIR]}: downloads a data set from its canonical public location,
 * verifies the checksums, resumes partial downloads, and prints the {@code zoo train} data options
 * that read it.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download a data set into DIR/NAME, verify its checksums and print the zoo train options that read it.",
                "Verified files are not downloaded again; an interrupted download resumes where it stopped.",
                "Example: ./zoo train lenet5 $(./zoo data fetch mnist)"})
final class FetchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Names.class,
            description = "The data set: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The cache folder (default: $XDG_CACHE_HOME/tribuo-zoo, else ~/.cache/tribuo-zoo).")
    Path dir;

    /** Another server holding the same files (a mirror, or the tests' local server). */
    @Option(names = "--base-url", hidden = true, paramLabel = "URL")
    URI baseUrl;

    /** Seconds without data before a download gives up. */
    @Option(names = "--timeout", hidden = true, paramLabel = "SECONDS", defaultValue = "60")
    int timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Dataset dataset = DataCatalogue.get(name);
        if (baseUrl != null) {
            dataset = dataset.withBaseUrl(baseUrl);
        }
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be positive: " + timeoutSeconds);
        }
        Path root = dir != null ? dir : CacheFolder.defaultRoot();
        PrintWriter err = spec.commandLine().getErr();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Download download = new Download(new Download.Timeouts(Duration.ofSeconds(Math.min(20, timeoutSeconds)), timeout),
                ProgressDisplay.forStandardError());
        Path folder = new DatasetFetcher(download, err).fetch(dataset, root);
        err.println(dataset.name() + " is in " + folder + "; zoo train data options:");
        err.flush();
        // Standard output holds only the options, so that $(zoo data fetch NAME) can be pasted into zoo train.
        PrintWriter out = spec.commandLine().getOut();
        out.println(dataset.spec(folder));
        out.flush();
        return 0;
    }

    /** The catalogue's names, for the help text and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DataCatalogue.names().iterator();
        }
    }
}
