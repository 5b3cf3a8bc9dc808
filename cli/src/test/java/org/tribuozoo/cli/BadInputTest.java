package org.tribuozoo.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input exits with code 2 and one line on standard error naming the problem, no stack trace,
 * and leaves no output folder behind.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    Path out;

    @BeforeEach
    void setUp() {
        out = tmp.resolve("out");
    }

    /** Runs {@code zoo train lenet5 --train SPEC ...}, checks the one-line exit 2, returns the line. */
    private String trainFails(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "train";
        all[1] = "lenet5";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--epochs";
        all[args.length + 3] = "1";
        all[args.length + 4] = "--out";
        all[args.length + 5] = out.toString();
        return failsWithOneLine(all);
    }

    private String failsWithOneLine(String... args) {
        ZooCommandTest.Run r = ZooCommandTest.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("zoo: "), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out), "no output folder for a run that never started");
        assertFalse(Files.exists(tmp.resolve("out" + RunFolder.PARTIAL_SUFFIX)));
        return r.err();
    }

    @Test
    void aMissingFile() {
        String line = trainFails("--train", "idx:" + tmp + ":nothing", "--test-split", "0.2");
        assertTrue(line.contains("not found"), line);
    }

    @Test
    void aTruncatedIdxFile() throws IOException {
        IdxFiles.writeImages(tmp.resolve("cut-images-idx3-ubyte.gz"), 50, 30, 28, 28, 1);
        IdxFiles.writeLabels(tmp.resolve("cut-labels-idx1-ubyte.gz"), 50, 50);
        String line = trainFails("--train", "idx:" + tmp + ":cut", "--test-split", "0.2");
        assertTrue(line.contains("truncated"), line);
    }

    @Test
    void aWrongMagicNumber() throws IOException {
        IdxFiles.writeWithMagic(tmp.resolve("bad-images-idx3-ubyte"), 0x00000801, 10);
        IdxFiles.writeLabels(tmp.resolve("bad-labels-idx1-ubyte"), 10, 10);
        String line = trainFails("--train", "idx:" + tmp + ":bad", "--test-split", "0.2");
        assertTrue(line.contains("magic"), line);
    }

    @Test
    void mismatchedImageAndLabelCounts() throws IOException {
        IdxFiles.writeImages(tmp.resolve("odd-images-idx3-ubyte.gz"), 50, 50, 28, 28, 1);
        IdxFiles.writeLabels(tmp.resolve("odd-labels-idx1-ubyte.gz"), 40, 40);
        String line = trainFails("--train", "idx:" + tmp + ":odd", "--test-split", "0.2");
        assertTrue(line.contains("50 images") && line.contains("40 labels"), line);
    }

    @Test
    void anImageSizeTheNetworkCannotTake() throws IOException {
        IdxFiles.writePair(tmp, "tiny", 30, 8, 8, 1);
        String line = trainFails("--train", "idx:" + tmp + ":tiny", "--test-split", "0.2");
        assertTrue(line.contains("cannot take input 8x8x1"), line);
    }

    @Test
    void testImagesOfAnotherSizeThanTheTrainingImages() throws IOException {
        IdxFiles.writePair(tmp, "big", 30, 28, 28, 1);
        IdxFiles.writePair(tmp, "small", 30, 20, 20, 1);
        String line = trainFails("--train", "idx:" + tmp + ":big", "--test", "idx:" + tmp + ":small");
        assertTrue(line.contains("20x20x1"), line);
    }

    @Test
    void usageMistakes() throws IOException {
        IdxFiles.writePair(tmp, "ok", 30, 28, 28, 1);
        String spec = "idx:" + tmp + ":ok";
        assertTrue(trainFails("--train", spec).contains("no test data"));
        assertTrue(trainFails("--train", spec, "--test", spec, "--test-split", "0.2").contains("not both"));
        assertTrue(trainFails("--train", spec, "--test-split", "1.5").contains("--test-split"));
        assertTrue(trainFails("--train", "mnist:" + tmp).contains("unknown data kind"));
        assertTrue(failsWithOneLine("train", "lenet", "--train", spec).contains("did you mean lenet5"));
        assertTrue(failsWithOneLine("train", "lenet5").contains("--train"));
    }

    @Test
    void anOutputFolderThatAlreadyHoldsFiles() throws IOException {
        IdxFiles.writePair(tmp, "ok", 30, 28, 28, 1);
        Path taken = tmp.resolve("taken");
        Files.createDirectories(taken);
        Files.writeString(taken.resolve("keep.txt"), "mine");
        ZooCommandTest.Run r = ZooCommandTest.run("train", "lenet5", "--train", "idx:" + tmp + ":ok",
                "--test-split", "0.2", "--out", taken.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already exists"), r.err());
        assertEquals("mine", Files.readString(taken.resolve("keep.txt")));
    }

    /** The probe's 3 GB CIFAR batch (sparse here: it takes no disk space) is refused before it is read. */
    @Test
    void aCifarBatchOfGigabytes() throws IOException {
        Path batch = tmp.resolve("data_batch_1.bin");
        try (RandomAccessFile f = new RandomAccessFile(batch.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        String line = trainFails("--train", "cifar10:" + batch, "--test-split", "0.2");
        assertTrue(line.contains("is 3,221,225,472 bytes, more than the limit of 268,435,456 bytes"), line);
    }

    /** An IDX header of 2000x2000 images would rebuild lenet5 with 2.46 billion parameters in one tensor. */
    @Test
    void idxImagesTooLargeForTheNetwork() throws IOException {
        IdxFiles.writePair(tmp, "huge", 2, 2000, 2000, 1);
        String line = trainFails("--train", "idx:" + tmp + ":huge", "--test-split", "0.5");
        assertTrue(line.contains("layer 'dense_1' (Dense) has a kernel of 2,459,882,880 values"), line);
    }

    @Test
    void anEmptyGzipFile() throws IOException {
        Files.createFile(tmp.resolve("e-images-idx3-ubyte.gz"));
        IdxFiles.writeLabels(tmp.resolve("e-labels-idx1-ubyte.gz"), 10, 10);
        String line = trainFails("--train", "idx:" + tmp + ":e", "--test-split", "0.2");
        assertEquals("zoo: IDX images file is empty: " + tmp.resolve("e-images-idx3-ubyte.gz"), line.strip());
    }

    @Test
    void aModelFileThatCannotBeRead() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.tribuo"), "a model");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(secret)) {
            // Root reads whatever the mode says; this kernel file refuses reading to everyone.
            secret = Path.of("/proc/sys/vm/compact_memory");
            Assumptions.assumeTrue(Files.exists(secret) && !Files.isReadable(secret), "no file this process cannot read");
        }
        assertEquals("zoo: model file " + secret + " cannot be read: permission denied",
                failsWithOneLine("evaluate", secret.toString(), "--test", "demo").strip());
    }

    @Test
    void aGoGameThatNeverEnds() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")));
        assertEquals("zoo: cannot read /dev/zero: more than 16,777,216 bytes, the limit for one SGF file "
                        + "(system property tribuozoo.limits.sgfBytes)",
                failsWithOneLine("go", "planes", "/dev/zero", "--before-move", "1").strip());
    }

    @Test
    void modelFilesAndImagesThatAreNotThere() throws IOException {
        String missing = tmp.resolve("none.tribuo").toString();
        assertTrue(failsWithOneLine("evaluate", missing, "--test", "demo").contains("does not exist"));
        assertTrue(failsWithOneLine("predict", missing, "x.png").contains("does not exist"));
        Path junk = tmp.resolve("junk.tribuo");
        Files.writeString(junk, "not a model");
        assertTrue(failsWithOneLine("evaluate", junk.toString(), "--test", "demo").contains("not a readable"));
        assertTrue(failsWithOneLine("reproduce", tmp.resolve("provenance.json").toString())
                .contains("does not exist"));
    }
}
