package org.tribuozoo.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the machine causes is one line saying what to change: out of memory (exit 1), a full disk
 * and a permission denied (exit 2), found wherever they are in the cause chain.
 */
class FailureReportTest {

    @TempDir
    Path tmp;

    /** A real out-of-memory error, as a worker thread's failure reaches the command (wrapped). */
    @Test
    void outOfMemoryAnywhereInTheCauseChainSaysWhatToChange() {
        OutOfMemoryError oom = assertThrows(OutOfMemoryError.class, () -> {
            long[] tooLarge = new long[Integer.MAX_VALUE];
            tooLarge[0] = 1;
        });
        ZooCommand.Report report = ZooCommand.report(new IllegalStateException("failed reading a folder", oom));
        assertEquals(1, report.exitCode());
        assertEquals("out of memory (" + oom.getMessage() + ", at most " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB): give Java more with ZOO_JAVA_OPTS=-Xmx<size> (e.g. ZOO_JAVA_OPTS=-Xmx8g), or ask for less: "
                + "a smaller --batch-size, smaller or fewer images", report.line());
    }

    /** Writing to /dev/full fails as writing to a full disk does. */
    @Test
    void aFullDiskIsOneLineNotAnUnexpectedError() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full));
        IOException e = assertThrows(IOException.class, () -> Files.write(full, new byte[1]));
        ZooCommand.Report report = ZooCommand.report(new UncheckedIOException("cannot write the model", e));
        assertEquals(new ZooCommand.Report("disk full (No space left on device): free some space, or write "
                + "somewhere else", ZooCommand.BAD_INPUT), report);
    }

    @Test
    void aPermissionDeniedNamesTheFile() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret"), "x");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(secret)) {
            // Root reads whatever the mode says; this kernel file refuses reading to everyone.
            secret = Path.of("/proc/sys/vm/compact_memory");
            Assumptions.assumeTrue(Files.exists(secret) && !Files.isReadable(secret), "no file this process cannot read");
        }
        Path denied = secret;
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> Files.newInputStream(denied).close());
        assertEquals(new ZooCommand.Report("permission denied: " + denied, ZooCommand.BAD_INPUT),
                ZooCommand.report(new IllegalStateException(e)));
        assertEquals(new ZooCommand.Report("unexpected error: a bug", 1),
                ZooCommand.report(new IllegalStateException("a bug")));
    }

    /**
     * A real {@code zoo} process given too little memory for the images it is asked to read: one
     * line and exit 1, no stack trace. The 10000x10000 image is within the pixel limit but needs
     * 400 MB once decoded.
     */
    @Test
    void aProcessOutOfMemoryEndsWithOneLine() throws Exception {
        Path data = tmp.resolve("data");
        for (String label : List.of("a", "b")) {
            Files.createDirectories(data.resolve(label));
            ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png",
                    data.resolve(label + "/small.png").toFile());
        }
        ImageIO.write(new BufferedImage(10_000, 10_000, BufferedImage.TYPE_BYTE_BINARY), "png",
                data.resolve("a/large.png").toFile());
        Path log = tmp.resolve("log.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), ZooCommand.class.getName(), "train", "lenet5",
                "--train", "folder:" + data, "--test-split", "0.5", "--epochs", "1", "--out", tmp.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process ends");
        String output = Files.readString(log);
        assertEquals(1, p.exitValue(), output);
        List<String> errors = output.lines().filter(l -> l.startsWith("zoo: ")).toList();
        assertEquals(1, errors.size(), output);
        assertTrue(errors.get(0).startsWith("zoo: out of memory (Java heap space, at most "), output);
        assertTrue(errors.get(0).contains("ZOO_JAVA_OPTS=-Xmx"), output);
        assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), output);
    }
}
