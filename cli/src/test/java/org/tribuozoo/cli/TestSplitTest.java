package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --test-split F}: the last fraction in file order is the test set, and reproduce rebuilds it. */
class TestSplitTest {

    @TempDir
    Path tmp;

    @Test
    void theLastFractionIsTheTestSetAndReproduceFindsItAgain() throws IOException {
        IdxFiles.writePair(tmp, "all", 150, 28, 28, 5);
        Path run = tmp.resolve("run");
        ZooCommandTest.Run r = ZooCommandTest.run("train", "lenet5", "--train", "idx:" + tmp + ":all",
                "--test-split", "0.2", "--epochs", "1", "--batch-size", "10", "--seed", "3", "--threads", "1",
                "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("on 120 images"), r.err());
        assertTrue(r.err().contains("testing on 30"), r.err());
        assertTrue(Files.readString(run.resolve(RunFiles.EVALUATION)).contains("wrong predictions:"));
        assertTrue(Files.readString(run.resolve(RunFiles.EVALUATION)).matches("(?s).*test loss \\(cross-entropy\\): \\d+\\.\\d{4}\\n.*"));

        ZooCommandTest.Run again = ZooCommandTest.run("reproduce", run.resolve(RunFiles.PROVENANCE).toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("the last 0.2 of idx:"), again.out());
        assertTrue(again.out().contains("identical: all 30 test predictions"), again.out());

        // A recorded model from another seed: reproduce must see the difference and exit 1.
        Path other = tmp.resolve("other");
        assertEquals(0, ZooCommandTest.run("train", "lenet5", "--train", "idx:" + tmp + ":all", "--test-split", "0.2",
                "--epochs", "1", "--batch-size", "10", "--seed", "4", "--threads", "1", "--out", other.toString())
                .code());
        Files.copy(other.resolve(RunFiles.MODEL), run.resolve(RunFiles.MODEL), StandardCopyOption.REPLACE_EXISTING);
        ZooCommandTest.Run differs = ZooCommandTest.run("reproduce", run.resolve(RunFiles.PROVENANCE).toString());
        assertEquals(1, differs.code(), differs.out() + differs.err());
        assertTrue(differs.out().contains("different: 30 of 30 test predictions differ"), differs.out());
    }
}
