package org.tribuozoo.cli.data;

import org.tribuozoo.cli.UserException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file over HTTP(S) into place, all or nothing. The bytes go to {@code FILE.part};
 * a {@code .part} left by an earlier attempt is resumed with a {@code Range: bytes=N-} request
 * (a server that ignores the range sends the whole file, which then replaces it). Only when the
 * complete file has the published checksum is it renamed to {@code FILE}; a mismatch deletes the
 * partial file. A file already in place with the right checksum is not requested at all.
 *
 * <p>Network failures are {@link UserException}s with one line naming the URL and the cause (no
 * network, refused, timed out, an HTTP error status). A connection that drops after some data
 * arrived is resumed at once, up to {@link #MAX_ATTEMPTS} requests in all; whatever the last
 * attempt received stays in the {@code .part} file for the next run to resume.
 */
public final class Download {

    /** Requests per file: one, plus resumes after connections that dropped after making progress. */
    static final int MAX_ATTEMPTS = 3;

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /**
     * How long to wait: for a connection, and for data (the response headers, then each piece of
     * the body) before giving up on a silent server.
     *
     * @param connect the connect timeout
     * @param idle    the longest wait for the headers or for the next bytes of the body
     */
    public record Timeouts(Duration connect, Duration idle) {
        /** 20 s to connect, 60 s without data. */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    /** What {@link #fetch} did. */
    public enum Outcome {
        /** The file was already in place with the right checksum; nothing was requested. */
        ALREADY_PRESENT,
        /** The file was downloaded from its first byte. */
        DOWNLOADED,
        /** A {@code .part} file from an earlier run was completed. */
        RESUMED
    }

    /**
     * The result of {@link #fetch}.
     *
     * @param file        the verified file
     * @param outcome     what was done
     * @param resumedFrom the size of the {@code .part} file resumed (0 unless {@link Outcome#RESUMED})
     * @param transferred bytes received in this run
     * @param requests    HTTP requests made
     */
    public record Result(Path file, Outcome outcome, long resumedFrom, long transferred, int requests) {
    }

    private final HttpClient client;
    private final Timeouts timeouts;
    private final ProgressDisplay progress;

    /** A downloader with its own HTTP client (redirects followed, except from HTTPS to HTTP). */
    public Download(Timeouts timeouts, ProgressDisplay progress) {
        this.timeouts = timeouts;
        this.progress = progress;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL)
                // HTTP/1.1 keeps a dropped transfer a plain connection error, without HTTP/2 stream resets.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The {@code .part} file a download of {@code target} writes to. */
    public static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Makes {@code target} a verified copy of {@code url}.
     *
     * @param url      where the file is published
     * @param target   where it goes; its folder is created if needed
     * @param expected the published checksum
     * @param label    how progress names it, e.g. {@code mnist/t10k-images-idx3-ubyte.gz}
     * @throws UserException  when the network fails, the server answers with an error, or the checksum does not match
     * @throws IOException    when the local disk fails
     */
    public Result fetch(URI url, Path target, Checksum expected, String label) throws IOException {
        return fetch(url, target, Optional.of(expected), label);
    }

    /**
     * {@link #fetch(URI, Path, Checksum, String)}, or without a checksum when none is published: the
     * file is then complete when the server has sent all of it, and one already in place is kept.
     */
    public Result fetch(URI url, Path target, Optional<Checksum> expected, String label) throws IOException {
        if (expected.isPresent() ? expected.get().matches(target) : Files.isRegularFile(target)) {
            return new Result(target, Outcome.ALREADY_PRESENT, 0, 0, 0);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = partFile(target);
        long resumedFrom = sizeOf(part);
        long transferred = 0;
        for (int attempt = 1; ; attempt++) {
            long offset = sizeOf(part);
            Attempt a = new Attempt(url, part, offset, label);
            try {
                a.run();
            } catch (IOException e) {
                transferred += a.received();
                boolean madeProgress = a.received() > 0;
                if (!madeProgress || attempt == MAX_ATTEMPTS) {
                    throw new UserException("cannot download " + url + ": " + describe(e) + resumeHint(part), e);
                }
                continue;
            }
            transferred += a.received();
            if (a.restartedFromZero) {
                resumedFrom = 0;
            }
            verifyAndMove(url, part, target, expected);
            return new Result(target, resumedFrom > 0 ? Outcome.RESUMED : Outcome.DOWNLOADED, resumedFrom,
                    transferred, attempt);
        }
    }

    /**
     * Renames a complete {@code .part} file into place when its checksum matches (or none is published),
     * else deletes it.
     */
    private static void verifyAndMove(URI url, Path part, Path target, Optional<Checksum> published) throws IOException {
        if (published.isPresent()) {
            Checksum expected = published.get();
            Checksum actual = expected.of(part);
            if (!actual.equals(expected)) {
                Files.delete(part);
                throw new UserException("checksum mismatch for " + target + " (from " + url + "): expected " + expected
                        + ", got " + actual.hex() + "; the download was deleted");
            }
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One HTTP request, resuming at {@code offset} when it is positive. */
    private final class Attempt {
        private final URI url;
        private final Path part;
        private final long offset;
        private final String label;
        private final AtomicReference<PartFileSubscriber> writer = new AtomicReference<>();
        /** The server ignored the range and sent the whole file, which replaced the {@code .part} file. */
        private volatile boolean restartedFromZero;

        Attempt(URI url, Path part, long offset, String label) {
            this.url = url;
            this.part = part;
            this.offset = offset;
            this.label = label;
        }

        long received() {
            PartFileSubscriber w = writer.get();
            return w == null ? 0 : w.received();
        }

        void run() throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeouts.idle()).GET();
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
            }
            ProgressDisplay.Transfer[] shown = new ProgressDisplay.Transfer[1];
            CompletableFuture<HttpResponse<Long>> response = client.sendAsync(request.build(), info -> {
                long start = bodyStart(info);
                if (start < 0) {
                    return HttpResponse.BodySubscribers.replacing(-1L);
                }
                restartedFromZero = offset > 0 && start == 0;
                ProgressDisplay.Transfer transfer = progress.start(label, start, totalSize(info, start));
                shown[0] = transfer;
                try {
                    PartFileSubscriber w = PartFileSubscriber.open(part, start, transfer::at);
                    writer.set(w);
                    return w;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                HttpResponse<Long> r = await(response);
                int status = r.statusCode();
                if (status == 416 && offset > 0) {
                    // "Range not satisfiable": the .part file already holds the whole file (or more); the checksum decides.
                    return;
                }
                if (r.body() < 0) {
                    throw new UserException("cannot download " + url + ": HTTP " + status + reason(status));
                }
            } finally {
                if (shown[0] != null) {
                    shown[0].close();
                }
            }
        }

        /**
         * Where the body goes in the file: 0 for a whole file, {@code offset} for the requested range,
         * -1 for a response with no file in it (an error status).
         */
        private long bodyStart(HttpResponse.ResponseInfo info) {
            if (info.statusCode() == 200) {
                return 0;
            }
            if (info.statusCode() == 206 && offset > 0) {
                String range = info.headers().firstValue("Content-Range").orElse("");
                Matcher m = CONTENT_RANGE.matcher(range);
                if (m.matches() && Long.parseLong(m.group(1)) == offset) {
                    return offset;
                }
                throw new UncheckedIOException(new IOException("the server resumed at the wrong place (asked for bytes "
                        + offset + "-, got Content-Range '" + range + "')"));
            }
            return -1;
        }

        private long totalSize(HttpResponse.ResponseInfo info, long start) {
            if (start == 0) {
                return info.headers().firstValueAsLong("Content-Length").orElse(-1);
            }
            Matcher m = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
            return m.matches() && !m.group(3).equals("*") ? Long.parseLong(m.group(3)) : -1;
        }

        /** Waits for the response, aborting it when no data has come for the idle timeout. */
        private HttpResponse<Long> await(CompletableFuture<HttpResponse<Long>> response) throws IOException {
            long idleNanos = timeouts.idle().toNanos();
            long pollMillis = Math.max(10, Math.min(250, timeouts.idle().toMillis() / 4));
            while (true) {
                try {
                    return response.get(pollMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    PartFileSubscriber w = writer.get();
                    if (w != null && w.quietNanos() > idleNanos) {
                        w.abort(new HttpTimeoutException("no data for " + seconds(timeouts.idle())));
                    }
                } catch (ExecutionException e) {
                    throw asIOException(e.getCause());
                } catch (InterruptedException e) {
                    response.cancel(true);
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("download of " + url + " interrupted");
                }
            }
        }
    }

    private static IOException asIOException(Throwable t) {
        while ((t instanceof CompletionException || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof UserException u) {
            throw u;
        }
        return t instanceof IOException io ? io : new IOException(t);
    }

    /** One short phrase for why a request failed, ending with the exception's class name. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String kind = t.getClass().getSimpleName();
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "no network, or unknown host (" + kind + ")";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no network, connection timed out (" + kind + ")";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                // The HTTP client reports an unresolvable host as a ConnectException caused by UnresolvedAddressException.
                if (t.getCause() instanceof UnresolvedAddressException) {
                    continue;
                }
                return "no network, or connection refused (" + kind + ")";
            }
            if (t instanceof HttpTimeoutException) {
                return "timed out, " + t.getMessage() + " (" + kind + ")";
            }
            if (t instanceof SSLException) {
                return "TLS failure, " + t.getMessage() + " (" + kind + ")";
            }
        }
        String message = e.getMessage();
        return "connection failed" + (message == null || message.isBlank() ? "" : ", " + message)
                + " (" + e.getClass().getSimpleName() + ")";
    }

    private static String resumeHint(Path part) {
        long size = sizeOf(part);
        return size > 0 ? String.format(Locale.ROOT, "; %,d bytes kept in %s, run again to resume", size, part) : "";
    }

    private static String reason(int status) {
        return switch (status) {
            case 403 -> " (forbidden)";
            case 404 -> " (not found)";
            case 429 -> " (too many requests, try again later)";
            case 500, 502, 503, 504 -> " (server error, try again later)";
            default -> "";
        };
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
