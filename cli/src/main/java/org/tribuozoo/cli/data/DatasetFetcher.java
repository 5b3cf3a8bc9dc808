package org.tribuozoo.cli.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Brings a whole data set into {@code ROOT/NAME}: downloads and verifies each file (see
 * {@link Download}), unpacks its archive if it has one, and reports one line per file.
 */
public final class DatasetFetcher {

    private final Download download;
    private final PrintWriter log;

    /**
     * @param download the downloader
     * @param log      where the one line per file goes (standard error on the command line)
     */
    public DatasetFetcher(Download download, PrintWriter log) {
        this.download = download;
        this.log = log;
    }

    /**
     * Fetches a data set.
     *
     * @param dataset what to fetch
     * @param root    the cache folder; the data set lands in {@code root/NAME}
     * @return the data set's folder
     */
    public Path fetch(Dataset dataset, Path root) throws IOException {
        Path folder = dataset.folderIn(root).toAbsolutePath().normalize();
        Files.createDirectories(folder);
        for (RemoteFile file : dataset.files()) {
            String label = dataset.name() + "/" + file.fileName();
            Download.Result r = download.fetch(dataset.urlOf(file), folder.resolve(file.fileName()), file.checksum(), label);
            log.println(label + ": " + describe(r, file.checksum()));
            log.flush();
        }
        if (dataset.unpack().isPresent()) {
            Unpack unpack = dataset.unpack().get();
            boolean unpacked = ArchiveUnpacker.unpack(folder.resolve(unpack.archive()), folder, unpack);
            log.println(dataset.name() + "/" + unpack.folder() + ": " + (unpacked ? "unpacked" : "already unpacked"));
            log.flush();
        }
        return folder;
    }

    private static String describe(Download.Result r, Optional<Checksum> published) throws IOException {
        if (published.isEmpty()) {
            // Nothing to check against: the digest lets the user compare with a copy they trust.
            String sha256 = Checksum.sha256("0".repeat(64)).of(r.file()).hex();
            String what = switch (r.outcome()) {
                case ALREADY_PRESENT -> "already present";
                case DOWNLOADED -> "downloaded " + megabytes(r.transferred());
                case RESUMED -> String.format(Locale.ROOT, "resumed at %s, downloaded %s more",
                        megabytes(r.resumedFrom()), megabytes(r.transferred()));
            };
            return what + ", not verified (no published checksum), sha256 " + sha256;
        }
        String algorithm = published.get().toString().split(" ")[0];
        return switch (r.outcome()) {
            case ALREADY_PRESENT -> "already present, " + algorithm + " ok";
            case DOWNLOADED -> String.format(Locale.ROOT, "downloaded %s, %s ok", megabytes(r.transferred()), algorithm);
            case RESUMED -> String.format(Locale.ROOT, "resumed at %s, downloaded %s more, %s ok",
                    megabytes(r.resumedFrom()), megabytes(r.transferred()), algorithm);
        };
    }

    private static String megabytes(long bytes) {
        return bytes >= 100_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
