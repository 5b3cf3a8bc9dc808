package org.tribuozoo.tribuo;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Model and provenance files are checked before they are read: too large, unreadable or not a file
 * is one line naming the file, never "corrupt".
 */
public class ReadLimitsTest {

    /**
     * A file this process cannot read: mode 000, or, for root (whom modes do not stop), a kernel
     * file that refuses reading to everyone. Skips the calling test where neither is to be had.
     */
    public static Path unreadableFile(Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("secret.bin"), "not for you");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(file)) {
            return file;
        }
        Path writeOnly = Path.of("/proc/sys/vm/compact_memory");
        Assumptions.assumeTrue(Files.exists(writeOnly) && !Files.isReadable(writeOnly),
                "no file this process cannot read");
        return writeOnly;
    }

    /** A file of the given size that takes no disk space. */
    static Path sparseFile(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aModelFileLargerThanTheLimitIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path huge = sparseFile(dir.resolve("huge.tribuo"), 3L << 30);
        assertEquals("model file " + huge + " is 3,221,225,472 bytes, more than the limit of 2,147,483,647 bytes "
                + "(system property tribuozoo.limits.modelFileBytes)", refused(() -> ZooModel.load(huge)));
        Path small = sparseFile(dir.resolve("small.tribuo"), 2000);
        System.setProperty(ReadLimits.MODEL_FILE_BYTES, "1000");
        try {
            assertEquals("model file " + small + " is 2,000 bytes, more than the limit of 1,000 bytes "
                    + "(system property tribuozoo.limits.modelFileBytes)", refused(() -> ZooModel.load(small)));
        } finally {
            System.clearProperty(ReadLimits.MODEL_FILE_BYTES);
        }
    }

    @Test
    void aModelFileThatCannotBeReadIsNotCalledCorrupt(@TempDir Path dir) throws IOException {
        Path secret = unreadableFile(dir);
        assertEquals("model file " + secret + " cannot be read: permission denied", refused(() -> ZooModel.load(secret)));
        assertEquals("model file " + dir + " is not a file", refused(() -> ZooModel.load(dir)));
        assertEquals("model file " + dir.resolve("none") + " does not exist",
                refused(() -> ZooModel.load(dir.resolve("none"))));
    }

    @Test
    void provenanceFilesHaveTheirLimitToo(@TempDir Path dir) throws IOException {
        Path big = sparseFile(dir.resolve("provenance.json"), 100L << 20);
        assertEquals("provenance file " + big + " is 104,857,600 bytes, more than the limit of 67,108,864 bytes "
                + "(system property tribuozoo.limits.provenanceFileBytes)", refused(() -> ProvenanceJson.read(big)));
        Path secret = unreadableFile(dir);
        assertEquals("provenance file " + secret + " cannot be read: permission denied",
                refused(() -> ProvenanceJson.read(secret)));
    }
}
