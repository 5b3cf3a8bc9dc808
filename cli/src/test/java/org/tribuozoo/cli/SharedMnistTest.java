package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code zoo train} on the real MNIST test file in ../shared/data, one epoch: the command of the
 * README's results in small. Skipped where the shared data is absent.
 */
class SharedMnistTest {

    @TempDir
    Path tmp;

    @Test
    void oneEpochOfLenet5OnTheMnistSplitLearns() {
        Path mnist = Path.of(System.getProperty("tribuozoo.shared.data", "../../shared/data")).resolve("mnist");
        assumeTrue(Files.isRegularFile(mnist.resolve("t10k-images-idx3-ubyte.gz")),
                "no MNIST under " + mnist.toAbsolutePath() + "; skipped");
        ZooCommandTest.Run r = ZooCommandTest.run("train", "lenet5", "--train", "idx:" + mnist + ":t10k",
                "--test-split", "0.2", "--epochs", "1", "--seed", "1", "--out", tmp.resolve("run").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        double accuracy = Double.parseDouble(lines.get(lines.size() - 1).substring("test accuracy: ".length()));
        assertTrue(accuracy > 0.8, r.out());
        assertTrue(r.err().contains("on 8,000 images"), r.err());
        assertTrue(r.err().contains("testing on 2,000"), r.err());
    }
}
