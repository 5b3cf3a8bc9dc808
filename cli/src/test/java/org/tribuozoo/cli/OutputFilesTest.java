package org.tribuozoo.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.DemoDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs never destroy inputs: a command never writes over a file it reads, nor replaces a folder,
 * nor an existing file without {@code --overwrite}; and a foreign {@code NAME.partial} folder is
 * left alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputFilesTest {

    Path tmp;
    Path model;
    byte[] modelBytes;

    @BeforeAll
    void trainOnce(@TempDir Path dir) throws IOException {
        tmp = dir;
        model = dir.resolve("m.tribuo");
        try (ZooModel m = ZooTrainer.builder("lenet5").epochs(1).batchSize(32).seed(1).threads(2, 2).build()
                .train(new MutableDataset<>(new DemoDataSource(1, 300)))) {
            m.serializeToFile(model);
        }
        modelBytes = Files.readAllBytes(model);
    }

    private static String failsWithOneLine(String expected, String... args) {
        ZooCommandTest.Run r = ZooCommandTest.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("zoo: ") && r.err().contains(expected), r.err());
        return r.err();
    }

    private void modelIsIntact() throws IOException {
        assertArrayEquals(modelBytes, Files.readAllBytes(model), "the model file is untouched");
    }

    @Test
    void exportOnnxNeverWritesOverItsModelFileEvenWithOverwrite() throws IOException {
        failsWithOneLine("OUT.onnx " + model + " is the file " + model + " that this command reads; name another file",
                "export-onnx", model.toString(), model.toString());
        failsWithOneLine("that this command reads", "export-onnx", model.toString(), model.toString(), "--overwrite");
        Path alias = Files.createSymbolicLink(tmp.resolve("alias.onnx"), model);
        failsWithOneLine("that this command reads", "export-onnx", model.toString(), alias.toString(), "--overwrite");
        modelIsIntact();
    }

    @Test
    void exportOnnxNeverReplacesAFolder() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        failsWithOneLine("OUT.onnx " + empty + " is a folder; name the file to write", "export-onnx", model.toString(),
                empty.toString(), "--overwrite");
        assertTrue(Files.isDirectory(empty));
    }

    @Test
    void exportOnnxReplacesAnExistingFileOnlyWithOverwrite() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("onnx"));
        Path onnx = Files.writeString(dir.resolve("m.onnx"), "my notes");
        failsWithOneLine("OUT.onnx " + onnx + " already exists; give --overwrite to replace it, or name another file",
                "export-onnx", model.toString(), onnx.toString());
        assertEquals("my notes", Files.readString(onnx));

        ZooCommandTest.Run r = ZooCommandTest.run("export-onnx", model.toString(), onnx.toString(), "--overwrite");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(onnx) > 10_000, "the ONNX model");
        Path fresh = dir.resolve("fresh.onnx");
        assertEquals(0, ZooCommandTest.run("export-onnx", model.toString(), fresh.toString()).code());
        assertArrayEquals(Files.readAllBytes(onnx), Files.readAllBytes(fresh));
        assertEquals(Set.of("m.onnx", "fresh.onnx"), Set.of(dir.toFile().list()), "no temporary file left");
        assertTrue(Arrays.stream(tmp.toFile().list()).noneMatch(n -> n.endsWith(".tmp")));
        modelIsIntact();
    }

    @Test
    void evaluatePredictionsNeverWriteOverTheModelOrAnExistingFile() throws IOException {
        failsWithOneLine("--predictions " + model + " is the file " + model + " that this command reads",
                "evaluate", model.toString(), "--test", "demo", "--predictions", model.toString(), "--overwrite");
        modelIsIntact();
        Path csv = Files.writeString(tmp.resolve("mine.csv"), "mine");
        failsWithOneLine("already exists; give --overwrite", "evaluate", model.toString(), "--test", "demo",
                "--predictions", csv.toString());
        assertEquals("mine", Files.readString(csv));
    }

    /** The case: {@code zoo train --out out} deleted a user's {@code out.partial/} and its contents. */
    @Test
    void trainNeverDeletesAForeignPartialFolder() throws IOException {
        Path out = tmp.resolve("out");
        Path foreign = Files.createDirectories(tmp.resolve("out.partial"));
        Files.writeString(foreign.resolve("notes.txt"), "my notes");
        failsWithOneLine("was not made by zoo", "train", "lenet5", "--train", "demo", "--epochs", "1", "--out",
                out.toString());
        assertEquals("my notes", Files.readString(foreign.resolve("notes.txt")));
        assertEquals(1, foreign.toFile().list().length);
        assertFalse(Files.exists(out));
    }
}
