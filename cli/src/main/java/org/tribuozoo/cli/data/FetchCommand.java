package org.tribuozoo.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code zoo data fetch NAME [--dir DIR]}: downloads a data set from its canonical public location,
 * verifies the checksums, resumes partial downloads, and prints the {@code zoo train} data options
 * that read it. {@code zoo data fetch keras-weights NETWORK [--notop]} does the same for one of Keras
 * Applications' weight files (see {@link KerasWeights}) and prints its path.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download a data set into DIR/NAME, verify its checksums and print the zoo train options that read it.",
                "Verified files are not downloaded again; an interrupted download resumes where it stopped.",
                "Example: ./zoo train lenet5 $(./zoo data fetch mnist)",
                "keras-weights NETWORK [--notop]: Keras Applications' ImageNet weights for NETWORK into DIR/keras-weights, "
                        + "checked against the MD5 Keras publishes; prints the file's path."})
final class FetchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Names.class,
            description = "The data set: ${COMPLETION-CANDIDATES}.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NETWORK", completionCandidates = Networks.class,
            description = "For keras-weights: ${COMPLETION-CANDIDATES}.")
    String network;

    @Option(names = "--notop", description = "For keras-weights: the file without the classifier (Keras's "
            + "include_top=False), for a new head.")
    boolean notop;

    @Option(names = "--sha256", paramLabel = "HEX", description = "For keras-weights: check the file against this "
            + "SHA-256 (one you trust) instead of the checksum Keras publishes; MobileNet's files have none.")
    String sha256;

    @Option(names = "--unchecked", description = "For keras-weights: accept a file Keras publishes no checksum for "
            + "(MobileNet's) without checking it; its SHA-256 is printed.")
    boolean unchecked;

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
        Dataset dataset = dataset();
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
        err.println(KerasWeights.NAME.equals(name) ? "Keras weights are in " + dataset.spec(folder)
                + "; zoo import-keras --into reads them"
                : dataset.name() + " is in " + folder + "; zoo train data options:");
        err.flush();
        // Standard output holds only the options, so that $(zoo data fetch NAME) can be pasted into zoo train.
        PrintWriter out = spec.commandLine().getOut();
        out.println(dataset.spec(folder));
        out.flush();
        return 0;
    }

    /** The data set or weight file asked for, with the checksum it is checked against. */
    private Dataset dataset() {
        if (!KerasWeights.NAME.equals(name)) {
            if (!DataCatalogue.names().contains(name)) {
                throw new IllegalArgumentException("unknown data set '" + name + "'; expected one of "
                        + String.join(", ", DataCatalogue.names()) + ", or " + KerasWeights.NAME + " "
                        + String.join("|", KerasWeights.networks()));
            }
            String misplaced = network != null ? "NETWORK '" + network + "'" : notop ? "--notop"
                    : sha256 != null ? "--sha256" : unchecked ? "--unchecked" : null;
            if (misplaced != null) {
                throw new IllegalArgumentException(misplaced + " is for " + KerasWeights.NAME + " only, not " + name);
            }
            return DataCatalogue.get(name);
        }
        if (network == null) {
            throw new IllegalArgumentException(KerasWeights.NAME + " needs a NETWORK: "
                    + String.join(", ", KerasWeights.networks()));
        }
        if (sha256 != null && unchecked) {
            throw new IllegalArgumentException("give either --sha256 or --unchecked, not both");
        }
        Dataset d = KerasWeights.get(network, notop);
        RemoteFile file = d.files().get(0);
        if (sha256 != null) {
            file = file.withChecksum(Checksum.sha256(sha256));
        } else if (file.checksum().isEmpty() && !unchecked) {
            throw new IllegalArgumentException("Keras publishes no checksum for " + file.fileName() + "; give --sha256 "
                    + "HEX (a digest you trust) or --unchecked to download it without a check");
        } else if (file.checksum().isPresent() && unchecked) {
            throw new IllegalArgumentException("Keras publishes " + file.checksum().get() + " for " + file.fileName()
                    + ", which is always checked; --unchecked is for files without a published checksum");
        }
        return new Dataset(d.name(), d.baseUrl(), List.of(file), d.unpack(), d.specTemplate());
    }

    /** The catalogue's names, for the help text and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(DataCatalogue.names());
            names.add(KerasWeights.NAME);
            return names.iterator();
        }
    }

    /** The networks with Keras weights, for the help text and shell completion. */
    static final class Networks implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return KerasWeights.networks().iterator();
        }
    }
}
