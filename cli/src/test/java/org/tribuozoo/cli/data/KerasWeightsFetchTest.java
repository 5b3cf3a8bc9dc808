package org.tribuozoo.cli.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zoo data fetch keras-weights} against a local server standing in for Keras's bucket: the
 * real catalogue (file names and the MD5s Keras publishes), a good file (checked against a SHA-256
 * given with {@code --sha256}, since no file here has Keras's MD5), a file that is not the published
 * one, a dropped connection resumed, and MobileNet's files, for which Keras publishes no checksum.
 */
class KerasWeightsFetchTest {

    private static final String RESNET_NOTOP = "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5";

    @TempDir
    Path dir;

    private TestHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = TestHttpServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private FetchCommandTest.Run fetch(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("data", "fetch", "keras-weights"));
        all.addAll(List.of(args));
        all.addAll(List.of("--dir", dir.toString(), "--base-url", server.baseUrl().toString(), "--timeout", "5"));
        return FetchCommandTest.run(all.toArray(String[]::new));
    }

    private static String sha256(byte[] bytes) {
        return Checksum.sha256("0".repeat(64)).of(bytes).hex();
    }

    @Test
    void theCatalogueHoldsKerassLocationsAndPublishedChecksums() {
        assertEquals(List.of("resnet50", "densenet121", "mobilenet", "vgg16"), KerasWeights.networks());
        Dataset resnet = KerasWeights.get("resnet50", true);
        RemoteFile file = resnet.files().get(0);
        assertEquals("https://storage.googleapis.com/tensorflow/keras-applications/resnet/" + RESNET_NOTOP,
                resnet.urlOf(file).toString());
        assertEquals(Checksum.md5("4d473c1dd8becc155b73f8504c6f6626"), file.checksum().orElseThrow());
        assertEquals(Checksum.md5("2cb95161c43110f7111970584f804107"),
                KerasWeights.get("resnet50", false).files().get(0).checksum().orElseThrow());
        Dataset densenet = KerasWeights.get("densenet121", false);
        assertEquals("https://storage.googleapis.com/tensorflow/keras-applications/densenet/"
                + "densenet121_weights_tf_dim_ordering_tf_kernels.h5", densenet.urlOf(densenet.files().get(0)).toString());
        assertEquals("md5 9d60b8095a5708f2dcce2bca79d332c7", densenet.files().get(0).checksum().orElseThrow().toString());
        assertEquals("md5 30ee3e1110167f948a6b9946edeeb738",
                KerasWeights.get("densenet121", true).files().get(0).checksum().orElseThrow().toString());
        assertEquals("md5 64373286793e3c8b2b4e3219cbf3544b",
                KerasWeights.get("vgg16", false).files().get(0).checksum().orElseThrow().toString());
        Dataset vgg = KerasWeights.get("vgg16", true);
        assertEquals("https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
                + "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", vgg.urlOf(vgg.files().get(0)).toString());
        assertEquals("md5 6d6bbae143d832006294945121d1f1fc", vgg.files().get(0).checksum().orElseThrow().toString());
        Dataset mobilenet = KerasWeights.get("mobilenet", true);
        assertEquals("https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/"
                + "mobilenet_1_0_224_tf_no_top.h5", mobilenet.urlOf(mobilenet.files().get(0)).toString());
        assertTrue(mobilenet.files().get(0).checksum().isEmpty(), "Keras publishes none");
    }

    @Test
    void aGoodFileLandsInKerasWeightsAndItsPathIsPrinted() throws IOException {
        byte[] weights = DownloadTest.randomBytes(300_000, 7);
        server.serve(RESNET_NOTOP, weights);
        FetchCommandTest.Run r = fetch("resnet50", "--notop", "--sha256", sha256(weights));
        assertEquals(0, r.code(), r.err());
        Path file = dir.resolve("keras-weights").resolve(RESNET_NOTOP).toAbsolutePath();
        assertEquals(file.toString(), r.out().strip());
        assertArrayEquals(weights, Files.readAllBytes(file));
        assertTrue(r.err().startsWith("keras-weights/" + RESNET_NOTOP + ": downloaded 0.3 MB, sha256 ok"), r.err());

        FetchCommandTest.Run again = fetch("resnet50", "--notop", "--sha256", sha256(weights));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().startsWith("keras-weights/" + RESNET_NOTOP + ": already present, sha256 ok"),
                again.err());
        assertEquals(1, server.requests().size(), "a verified file is not requested again");
    }

    @Test
    void aFileThatIsNotThePublishedOneIsDeleted() throws IOException {
        server.serve(RESNET_NOTOP, DownloadTest.randomBytes(5000, 1));
        FetchCommandTest.Run r = fetch("resnet50", "--notop");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Path file = dir.resolve("keras-weights").resolve(RESNET_NOTOP).toAbsolutePath();
        assertTrue(r.err().startsWith("zoo: checksum mismatch for " + file + " (from " + server.baseUrl() + RESNET_NOTOP
                + "): expected md5 4d473c1dd8becc155b73f8504c6f6626, got "), r.err());
        assertEquals(0, filesUnder(dir));
    }

    @Test
    void aDroppedConnectionAndAnEarlierPartialFileAreResumed() throws IOException {
        byte[] weights = DownloadTest.randomBytes(260_000, 3);
        String name = "vgg16_weights_tf_dim_ordering_tf_kernels.h5";
        server.serve(name, weights);
        // A .part file left by an earlier run holds the first 50,000 bytes; this run's first response drops
        // after 40,000 more, and the next request completes the file.
        Path part = dir.resolve("keras-weights").resolve(name + ".part");
        Files.createDirectories(part.getParent());
        Files.write(part, java.util.Arrays.copyOf(weights, 50_000));
        server.dropConnections(1, 40_000);
        FetchCommandTest.Run r = fetch("vgg16", "--sha256", sha256(weights));
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(weights, Files.readAllBytes(part.resolveSibling(name)));
        assertEquals(List.of(new TestHttpServer.Request(name, "bytes=50000-"),
                new TestHttpServer.Request(name, "bytes=90000-")), server.requests());
        assertTrue(r.err().startsWith("keras-weights/" + name + ": resumed at 50,000 bytes, downloaded 0.2 MB more, "
                + "sha256 ok"), r.err());
    }

    @Test
    void mobileNetsFilesHaveNoPublishedChecksum() throws IOException {
        String name = "mobilenet_1_0_224_tf_no_top.h5";
        byte[] weights = DownloadTest.randomBytes(4000, 5);
        server.serve(name, weights);
        FetchCommandTest.Run refused = fetch("mobilenet", "--notop");
        assertEquals(2, refused.code());
        assertEquals("zoo: Keras publishes no checksum for " + name + "; give --sha256 HEX (a digest you trust) or "
                + "--unchecked to download it without a check", refused.err().strip());
        assertEquals(0, server.requests().size());

        FetchCommandTest.Run unchecked = fetch("mobilenet", "--notop", "--unchecked");
        assertEquals(0, unchecked.code(), unchecked.err());
        assertTrue(unchecked.err().startsWith("keras-weights/" + name + ": downloaded 4,000 bytes, not verified (no "
                + "published checksum), sha256 " + sha256(weights)), unchecked.err());
        assertArrayEquals(weights, Files.readAllBytes(Path.of(unchecked.out().strip())));
    }

    @Test
    void mistakesExitTwoWithOneLine() {
        assertEquals("zoo: keras-weights needs a NETWORK: resnet50, densenet121, mobilenet, vgg16",
                fetch().err().strip());
        assertEquals("zoo: no Keras weights for 'resnet'; expected one of resnet50, densenet121, mobilenet, vgg16",
                fetch("resnet").err().strip());
        assertEquals("zoo: Keras publishes md5 2cb95161c43110f7111970584f804107 for "
                        + "resnet50_weights_tf_dim_ordering_tf_kernels.h5, which is always checked; --unchecked is for "
                        + "files without a published checksum",
                fetch("resnet50", "--unchecked").err().strip());
        assertEquals("zoo: give either --sha256 or --unchecked, not both",
                fetch("mobilenet", "--unchecked", "--sha256", "0".repeat(64)).err().strip());
        FetchCommandTest.Run notop = FetchCommandTest.run("data", "fetch", "mnist", "--notop", "--dir", dir.toString());
        assertEquals(2, notop.code());
        assertEquals("zoo: --notop is for keras-weights only, not mnist", notop.err().strip());
        assertEquals(0, server.requests().size());
    }

    private static long filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

}
