package org.tribuozoo.go.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tribuozoo.go.SgfLimits;

/**
 * Fuzzes reading SGF files out of archives and compressed files: whatever the bytes, {@link SgfFiles}
 * yields entries, each with its bytes (within {@link SgfLimits#sgfBytes()}) or an error, and never
 * throws or runs out of memory. One method per container, each with its committed inputs in
 * {@code SgfFilesFuzzTestInputs/METHOD/} (test resources); {@code JAZZER_FUZZ=1} fuzzes one at a time
 * (see docs/reliability.md).
 */
class SgfFilesFuzzTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("sgf-files-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
    }

    @FuzzTest(maxDuration = "5m")
    void tarArchives(byte[] data) throws IOException {
        readAll(data, "games.tar");
    }

    @FuzzTest(maxDuration = "5m")
    void zipArchives(byte[] data) throws IOException {
        readAll(data, "games.zip");
    }

    @FuzzTest(maxDuration = "5m")
    void gzipFiles(byte[] data) throws IOException {
        readAll(data, "game.sgf.gz");
    }

    private static void readAll(byte[] data, String name) throws IOException {
        Path file = DIR.resolve(name);
        Files.write(file, data);
        try (SgfFiles files = new SgfFiles(List.of(file))) {
            for (SgfFiles.Entry e = files.next(); e != null; e = files.next()) {
                assertTrue(e.data() == null ^ e.error() == null, "bytes or an error: " + e.name());
                assertTrue(e.data() == null || e.data().length <= SgfLimits.sgfBytes(), "within the limit");
                assertTrue(e.error() == null || !(e.error().endsWith(": null") || e.error().contains("(null)")), e.error());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
