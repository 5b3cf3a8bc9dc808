package org.tribuozoo.cli.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.cli.ZooCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zoo data fetch} run in-process: its failures are one line with exit code 2, and nothing half-done is left. */
class FetchCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZooCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anUnreachableServerExitsTwoWithOneLine() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + closedPort + "/";
        Run r = run("data", "fetch", "mnist", "--dir", dir.toString(), "--base-url", base);
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("zoo: cannot download " + base + "train-images-idx3-ubyte.gz: no network, or connection refused "
                + "(ConnectException)", r.err().strip());
        assertEquals(0, filesUnder(dir));
    }

    @Test
    void filesThatAreNotThePublishedOnesExitTwoAndAreDeleted() throws IOException {
        try (TestHttpServer server = TestHttpServer.start()) {
            server.serve("train-images-idx3-ubyte.gz", DownloadTest.randomBytes(5000, 1));
            Run r = run("data", "fetch", "mnist", "--dir", dir.toString(), "--base-url", server.baseUrl().toString());
            assertEquals(2, r.code());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            Path file = dir.resolve("mnist/train-images-idx3-ubyte.gz").toAbsolutePath();
            assertTrue(r.err().startsWith("zoo: checksum mismatch for " + file + " (from " + server.baseUrl()
                    + "train-images-idx3-ubyte.gz): expected md5 f68b3c2dcbeaaa9fbdd348bbdeb94873, got "), r.err());
            assertEquals(0, filesUnder(dir));
        }
    }

    @Test
    void anUnknownDataSetExitsTwoNamingTheKnownOnes() {
        Run r = run("data", "fetch", "mnsit", "--dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("zoo: unknown data set 'mnsit'; expected one of mnist, fashion-mnist, cifar10, or keras-weights "
                + "resnet50|densenet121|mobilenet|vgg16", r.err().strip());
    }

    @Test
    void helpNamesTheDataSetsAndTheCacheFolder() {
        Run root = run("data", "--help");
        assertEquals(0, root.code());
        assertTrue(root.out().contains("  fetch "), root.out());
        Run fetch = run("data", "fetch", "--help");
        assertEquals(0, fetch.code());
        assertTrue(fetch.out().startsWith("Usage: zoo data fetch"), fetch.out());
        assertTrue(fetch.out().contains("mnist, fashion-mnist, cifar10"), fetch.out());
        assertTrue(fetch.out().contains("~/.cache/tribuo-zoo"), fetch.out());
    }

    @Test
    void theCacheFolderFollowsXdgCacheHome() {
        assertEquals(Path.of("/var/cache/me/tribuo-zoo"),
                CacheFolder.defaultRoot(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/me"));
        // The XDG rule: a relative value is invalid and ignored.
        assertEquals(Path.of("/home/me/.cache/tribuo-zoo"),
                CacheFolder.defaultRoot(Map.of("XDG_CACHE_HOME", "relative"), "/home/me"));
        assertEquals(Path.of("/home/me/.cache/tribuo-zoo"), CacheFolder.defaultRoot(Map.of(), "/home/me"));
    }

    @Test
    void theCatalogueUsesTheCanonicalLocations() {
        Dataset cifar = DataCatalogue.get("cifar10");
        assertEquals("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", cifar.urlOf(cifar.files().get(0)).toString());
        Dataset mnist = DataCatalogue.get("mnist");
        assertEquals("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz",
                mnist.urlOf(mnist.files().get(0)).toString());
        assertEquals(4, DataCatalogue.get("fashion-mnist").files().size());
    }

    private static long filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
