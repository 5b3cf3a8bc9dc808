package org.tribuozoo.cli.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuozoo.cli.UserException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DatasetFetcher} on whole data sets generated here and served locally: IDX files as for
 * MNIST, and a CIFAR-10-style {@code .tar.gz} unpacked with the real catalogue's unpack rule. The
 * printed data options are then read with {@link DataSpec}, as {@code zoo train} would.
 */
class DatasetFetcherTest {

    private static final Download.Timeouts FAST = new Download.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    @TempDir
    Path root;

    private TestHttpServer server;
    private final StringWriter log = new StringWriter();

    @BeforeEach
    void startServer() throws IOException {
        server = TestHttpServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Path fetch(Dataset dataset) throws IOException {
        return new DatasetFetcher(new Download(FAST, ProgressDisplay.none()), new PrintWriter(log, true)).fetch(dataset, root);
    }

    @Test
    void fetchesAnIdxDataSetThatItsPrintedSpecReads() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train-images-idx3-ubyte.gz", gzip(idxImages(12, 28, 28, 1)));
        files.put("train-labels-idx1-ubyte.gz", gzip(idxLabels(12)));
        files.put("t10k-images-idx3-ubyte.gz", gzip(idxImages(5, 28, 28, 2)));
        files.put("t10k-labels-idx1-ubyte.gz", gzip(idxLabels(5)));
        List<RemoteFile> catalogue = new ArrayList<>();
        files.forEach((name, bytes) -> {
            server.serve(name, bytes);
            catalogue.add(new RemoteFile(name, DownloadTest.md5Of(bytes)));
        });
        Dataset dataset = new Dataset("mnist", server.baseUrl(), catalogue, Optional.empty(), DataCatalogue.MNIST.specTemplate());

        Path folder = fetch(dataset);
        assertEquals(root.resolve("mnist").toAbsolutePath(), folder);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertArrayEquals(f.getValue(), Files.readAllBytes(folder.resolve(f.getKey())), f.getKey());
        }
        assertEquals(4, server.requests().size());
        assertTrue(log.toString().startsWith("mnist/train-images-idx3-ubyte.gz: downloaded "), log.toString());
        assertEquals(4, log.toString().lines().filter(l -> l.endsWith(", md5 ok")).count(), log.toString());

        String spec = dataset.spec(folder);
        assertEquals("--train idx:" + folder + ":train --test idx:" + folder + ":t10k", spec);
        Matcher m = Pattern.compile("--train (\\S+) --test (\\S+)").matcher(spec);
        assertTrue(m.matches());
        assertEquals(12, count(DataSpec.parse(m.group(1)).open(DataSpec.Role.TRAIN, null)));
        assertEquals(5, count(DataSpec.parse(m.group(2)).open(DataSpec.Role.TEST, null)));

        log.getBuffer().setLength(0);
        fetch(dataset);
        assertEquals(4, server.requests().size(), "verified files are not requested again");
        assertEquals(4, log.toString().lines().filter(l -> l.endsWith(": already present, md5 ok")).count(), log.toString());
    }

    @Test
    void unpacksTheCifarArchiveIntoPlace() throws IOException {
        Map<String, byte[]> entries = cifarEntries();
        entries.put("cifar-10-batches-bin/readme.html", "<html></html>".getBytes(StandardCharsets.US_ASCII));
        // Entries outside the top folder, one trying to climb out of it, are never written.
        entries.put("../escaped.txt", new byte[] {1});
        entries.put("other/x.txt", new byte[] {2});
        Dataset dataset = cifarServedAs(tarGz(entries));
        Files.createDirectories(root.resolve("cifar10/.unpack-stale"));

        Path folder = fetch(dataset);
        Path batches = folder.resolve("cifar-10-batches-bin");
        for (String name : DataCatalogue.CIFAR10.unpack().orElseThrow().requiredFiles()) {
            assertArrayEquals(entries.get("cifar-10-batches-bin/" + name), Files.readAllBytes(batches.resolve(name)), name);
        }
        assertTrue(Files.exists(batches.resolve("readme.html")));
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of("cifar-10-batches-bin", "cifar-10-binary.tar.gz"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary folder is left");
        }
        assertFalse(Files.exists(root.resolve("escaped.txt")));
        assertTrue(log.toString().endsWith("cifar10/cifar-10-batches-bin: unpacked" + System.lineSeparator()), log.toString());

        String spec = dataset.spec(folder);
        assertEquals("--train cifar10:" + folder, spec);
        DataSpec data = DataSpec.parse(spec.substring("--train ".length()));
        assertEquals(10, count(data.open(DataSpec.Role.TRAIN, null)));
        List<String> testLabels = new ArrayList<>();
        for (Example<Label> e : data.open(DataSpec.Role.TEST, null)) {
            testLabels.add(e.getOutput().getLabel());
        }
        assertEquals(List.of("cat", "truck"), testLabels, "labels named by batches.meta.txt");

        log.getBuffer().setLength(0);
        fetch(dataset);
        assertEquals(1, server.requests().size());
        assertTrue(log.toString().contains("cifar10/cifar-10-batches-bin: already unpacked"), log.toString());
    }

    @Test
    void anArchiveWithoutEveryBatchLeavesNoFolder() throws IOException {
        Map<String, byte[]> entries = cifarEntries();
        entries.remove("cifar-10-batches-bin/test_batch.bin");
        Dataset dataset = cifarServedAs(tarGz(entries));
        UserException e = assertThrows(UserException.class, () -> fetch(dataset));
        assertTrue(e.getMessage().endsWith("lacks cifar-10-batches-bin/test_batch.bin"), e.getMessage());
        try (Stream<Path> left = Files.list(root.resolve("cifar10"))) {
            assertEquals(List.of("cifar-10-binary.tar.gz"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void anIncompleteFolderInPlaceIsNotReplaced() throws IOException {
        Dataset dataset = cifarServedAs(tarGz(cifarEntries()));
        Path mine = Files.createDirectories(root.resolve("cifar10/cifar-10-batches-bin"));
        Files.write(mine.resolve("data_batch_1.bin"), new byte[3073]);
        UserException e = assertThrows(UserException.class, () -> fetch(dataset));
        assertTrue(e.getMessage().startsWith(mine.toAbsolutePath() + " exists but lacks data_batch_2.bin"), e.getMessage());
        assertEquals(3073, Files.size(mine.resolve("data_batch_1.bin")));
    }

    private Dataset cifarServedAs(byte[] archive) {
        server.serve("cifar-10-binary.tar.gz", archive);
        return new Dataset("cifar10", server.baseUrl(),
                List.of(new RemoteFile("cifar-10-binary.tar.gz", DownloadTest.md5Of(archive))),
                DataCatalogue.CIFAR10.unpack(), DataCatalogue.CIFAR10.specTemplate());
    }

    /** Five training batches of two images, a test batch of two, and the class names, in the official layout. */
    private static Map<String, byte[]> cifarEntries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Random random = new Random(3);
        for (int b = 1; b <= 5; b++) {
            entries.put("cifar-10-batches-bin/data_batch_" + b + ".bin", cifarBatch(random, b % 10, (b + 1) % 10));
        }
        entries.put("cifar-10-batches-bin/test_batch.bin", cifarBatch(random, 3, 9));
        entries.put("cifar-10-batches-bin/batches.meta.txt", String.join("\n", "airplane", "automobile", "bird", "cat",
                "deer", "dog", "frog", "horse", "ship", "truck", "").getBytes(StandardCharsets.US_ASCII));
        return entries;
    }

    /** One record per label: the label byte, then 3,072 pixel bytes. */
    private static byte[] cifarBatch(Random random, int... labels) {
        byte[] batch = new byte[labels.length * 3073];
        random.nextBytes(batch);
        for (int i = 0; i < labels.length; i++) {
            batch[i * 3073] = (byte) labels[i];
        }
        return batch;
    }

    private static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry("cifar-10-batches-bin/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** An IDX3 image file: magic 0x803, count, rows, columns, then one byte per pixel. */
    private static byte[] idxImages(int count, int rows, int cols, long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x803);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            byte[] pixels = new byte[count * rows * cols];
            new Random(seed).nextBytes(pixels);
            out.write(pixels);
        }
        return bytes.toByteArray();
    }

    /** An IDX1 label file: magic 0x801, count, then the labels 0..9 in turn. */
    private static byte[] idxLabels(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x801);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeByte(i % 10);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static int count(Iterable<?> data) {
        int n = 0;
        for (Object ignored : data) {
            n++;
        }
        return n;
    }
}
