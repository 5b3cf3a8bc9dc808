package org.tribuozoo.tribuo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model file loaded in a fresh JVM predicts bit for bit what the model that wrote it predicted. */
class ModelFileFreshJvmTest {

    @Test
    void predictionsAreBitIdenticalInAnotherProcess(@TempDir Path dir) throws Exception {
        ZooModel model = ZooTrainer.builder("lenet5").epochs(1).seed(8).threads(2, 1).build()
                .train(SharedData.dataset("demo", SharedData.demo(1, 600)));
        Path file = dir.resolve("lenet5.model");
        model.serializeToFile(file);
        float[] here = FreshJvmPredictions.probabilities(model, 9, 200);
        model.close();

        Path out = dir.resolve("predictions.bin");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FreshJvmPredictions.class.getName(), file.toString(), out.toString(), "9", "200")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process child = pb.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.log")));

        float[] there = new float[here.length];
        try (DataInputStream in = new DataInputStream(Files.newInputStream(out))) {
            for (int i = 0; i < there.length; i++) {
                there[i] = Float.intBitsToFloat(in.readInt());
            }
        }
        for (int i = 0; i < here.length; i++) {
            assertEquals(Float.floatToRawIntBits(here[i]), Float.floatToRawIntBits(there[i]), "value " + i);
        }
        assertEquals(200 * 10, here.length, "200 images, 10 labels");
    }
}
