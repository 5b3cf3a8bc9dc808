package org.tribuozoo.tribuo.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.datasource.IDXDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the readers of data files, IDX pairs and CIFAR-10 batches: whatever the bytes, a reader
 * returns examples or throws an {@link IllegalArgumentException} (one message naming the file),
 * never anything else, and what it returns is what the file declares. Each method replays its
 * committed inputs in {@code DataFilesFuzzTestInputs/METHOD/} (test resources) in every build;
 * {@code JAZZER_FUZZ=1} fuzzes one at a time (see docs/reliability.md).
 */
class DataFilesFuzzTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("data-files-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
    }

    /**
     * An IDX pair in one input: a big-endian 16-bit length L, then L bytes of the labels file, then
     * the images file.
     */
    @FuzzTest(maxDuration = "5m")
    void idxPairs(byte[] data) throws IOException {
        if (data.length < 2) {
            return;
        }
        int split = Math.min(ByteBuffer.wrap(data, 0, 2).getShort() & 0xFFFF, data.length - 2);
        Path labels = Files.write(DIR.resolve("fuzz-labels-idx1-ubyte"), Arrays.copyOfRange(data, 2, 2 + split));
        Path images = Files.write(DIR.resolve("fuzz-images-idx3-ubyte"), Arrays.copyOfRange(data, 2 + split, data.length));
        IdxImages.Info info;
        IDXDataSource<Label> source;
        try {
            info = IdxImages.inspect(images, labels);
            source = IdxImages.load(images, labels);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(info.count(), source.size());
        for (Example<Label> e : source) {
            for (Feature f : e) {
                int index = PixelFeatureNames.parse(f.getName(), info.layout());
                assertTrue(index >= 0 && index < info.layout().size(), f.getName());
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void cifarBatches(byte[] data) throws IOException {
        Path batch = Files.write(DIR.resolve("data_batch_1.bin"), data);
        Cifar10DataSource source;
        try {
            source = new Cifar10DataSource(List.of(batch), null);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(data.length / Cifar10DataSource.RECORD_BYTES, source.size());
        assertEquals(0, data.length % Cifar10DataSource.RECORD_BYTES);
    }
}
