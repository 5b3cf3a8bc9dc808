package org.tribuozoo.cli.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.cli.UserException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Download} against a local server: full, resumed, corrupted, dropped, stalled and unreachable downloads. */
class DownloadTest {

    private static final Download.Timeouts FAST = new Download.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private TestHttpServer server;
    private final byte[] data = randomBytes(300_000, 7);
    private final Checksum md5 = md5Of(data);
    private Path target;

    @BeforeEach
    void startServer() throws IOException {
        server = TestHttpServer.start().serve("data.bin", data);
        target = dir.resolve("data.bin");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Download.Result fetch(Download.Timeouts timeouts, Checksum expected) throws IOException {
        return new Download(timeouts, ProgressDisplay.none()).fetch(url(), target, expected, "data.bin");
    }

    private Download.Result fetch() throws IOException {
        return fetch(FAST, md5);
    }

    private URI url() {
        return server.baseUrl().resolve("data.bin");
    }

    @Test
    void downloadsTheWholeFileIntoPlace() throws IOException {
        Download.Result r = fetch();
        assertEquals(Download.Outcome.DOWNLOADED, r.outcome());
        assertArrayEquals(data, Files.readAllBytes(target));
        assertFalse(Files.exists(Download.partFile(target)));
        assertEquals(data.length, r.transferred());
        assertEquals(List.of(new TestHttpServer.Request("data.bin", null)), server.requests());
    }

    @Test
    void resumesAPartFileWithARangeRequest() throws IOException {
        Files.write(Download.partFile(target), Arrays.copyOf(data, 100_000));
        Download.Result r = fetch();
        assertEquals(Download.Outcome.RESUMED, r.outcome());
        assertEquals(100_000, r.resumedFrom());
        assertEquals(200_000, r.transferred());
        assertEquals(List.of(new TestHttpServer.Request("data.bin", "bytes=100000-")), server.requests());
        assertArrayEquals(data, Files.readAllBytes(target));
        assertFalse(Files.exists(Download.partFile(target)));
    }

    @Test
    void aServerIgnoringTheRangeReplacesThePartFile() throws IOException {
        server.ignoreRanges();
        Files.write(Download.partFile(target), new byte[1234]);
        Download.Result r = fetch();
        assertEquals(Download.Outcome.DOWNLOADED, r.outcome());
        assertEquals("bytes=1234-", server.requests().get(0).range());
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @Test
    void aCompletePartFileIsVerifiedWhenTheServerHasNothingLeftToSend() throws IOException {
        Files.write(Download.partFile(target), data);
        Download.Result r = fetch();
        assertEquals(Download.Outcome.RESUMED, r.outcome());
        assertEquals(0, r.transferred());
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @Test
    void aChecksumMismatchFailsInOneLineAndLeavesNoFile() {
        Checksum wrong = Checksum.md5("0123456789abcdef0123456789abcdef");
        UserException e = assertThrows(UserException.class, () -> fetch(FAST, wrong));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("checksum mismatch for " + target), e.getMessage());
        assertTrue(e.getMessage().contains("expected md5 0123456789abcdef0123456789abcdef, got " + md5.hex()),
                e.getMessage());
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(Download.partFile(target)));
    }

    @Test
    void aDroppedConnectionIsResumedAtOnce() throws IOException {
        server.dropConnections(1, 120_000);
        Download.Result r = fetch();
        assertArrayEquals(data, Files.readAllBytes(target));
        List<TestHttpServer.Request> requests = server.requests();
        assertEquals(2, requests.size(), requests.toString());
        assertNull(requests.get(0).range());
        assertTrue(requests.get(1).range().matches("bytes=[1-9]\\d*-"), requests.toString());
        assertEquals(2, r.requests());
        assertEquals(data.length, r.transferred());
    }

    @Test
    void aServerThatKeepsDroppingFailsInOneLineAndTheNextRunResumes() throws IOException {
        server.dropConnections(Integer.MAX_VALUE, 50_000);
        UserException e = assertThrows(UserException.class, this::fetch);
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot download " + url() + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("run again to resume"), e.getMessage());
        assertEquals(Download.MAX_ATTEMPTS, server.requests().size());
        long kept = Files.size(Download.partFile(target));
        assertTrue(kept > 0 && kept < data.length, "kept " + kept);
        assertFalse(Files.exists(target));

        server.dropConnections(0, 0);
        Download.Result r = fetch();
        assertEquals(Download.Outcome.RESUMED, r.outcome());
        assertEquals(kept, r.resumedFrom());
        assertEquals("bytes=" + kept + "-", server.requests().get(Download.MAX_ATTEMPTS).range());
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @Test
    void aStalledServerTimesOutAndKeepsWhatArrived() throws IOException {
        server.stallAfter(10_000);
        Download.Timeouts impatient = new Download.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
        UserException e = assertThrows(UserException.class, () -> fetch(impatient, md5));
        assertTrue(e.getMessage().contains("timed out, no data for 300 ms (HttpTimeoutException)"), e.getMessage());
        // Each silence came after some data, so each attempt resumed where the last one stalled.
        assertEquals(Download.MAX_ATTEMPTS, server.requests().size());
        int kept = 10_000 * Download.MAX_ATTEMPTS;
        assertArrayEquals(Arrays.copyOf(data, kept), Files.readAllBytes(Download.partFile(target)));
        assertTrue(e.getMessage().endsWith(String.format(java.util.Locale.ROOT, "%,d bytes kept in %s, run again to resume",
                kept, Download.partFile(target))), e.getMessage());
    }

    @Test
    void anUnreachableHostFailsInOneLineWithoutAFile() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/data.bin");
        UserException e = assertThrows(UserException.class,
                () -> new Download(FAST, ProgressDisplay.none()).fetch(nowhere, target, md5, "data.bin"));
        assertEquals("cannot download " + nowhere + ": no network, or connection refused (ConnectException)",
                e.getMessage());
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(Download.partFile(target)));
    }

    @Test
    void anHttpErrorFailsInOneLine() {
        URI missing = server.baseUrl().resolve("missing.bin");
        UserException e = assertThrows(UserException.class,
                () -> new Download(FAST, ProgressDisplay.none()).fetch(missing, target, md5, "missing.bin"));
        assertEquals("cannot download " + missing + ": HTTP 404 (not found)", e.getMessage());
        assertFalse(Files.exists(Download.partFile(target)));
    }

    @Test
    void aVerifiedFileIsNotRequestedAgain() throws IOException {
        Files.write(target, data);
        assertEquals(Download.Outcome.ALREADY_PRESENT, fetch().outcome());
        assertEquals(0, server.requests().size());
    }

    @Test
    void aCorruptedFileInPlaceIsDownloadedAgain() throws IOException {
        byte[] corrupted = data.clone();
        corrupted[5] ^= 1;
        Files.write(target, corrupted);
        assertEquals(Download.Outcome.DOWNLOADED, fetch().outcome());
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @Test
    void describesAnUnknownHostAsNoNetwork() {
        // What the JDK's HttpClient throws for a host name that does not resolve.
        var e = new java.net.ConnectException();
        e.initCause(new java.nio.channels.UnresolvedAddressException());
        assertEquals("no network, or unknown host (UnresolvedAddressException)", Download.describe(e));
        assertEquals("no network, or unknown host (UnknownHostException)",
                Download.describe(new java.net.UnknownHostException("ossci-datasets.s3.amazonaws.com")));
    }

    /** The MD5 checksum of some bytes, computed here as a catalogue would publish it. */
    static Checksum md5Of(byte[] bytes) {
        return Checksum.md5("00000000000000000000000000000000").of(bytes);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
