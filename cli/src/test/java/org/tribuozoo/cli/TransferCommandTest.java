package org.tribuozoo.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.tribuo.Experiment;
import org.tribuozoo.tribuo.ZooModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zoo train --from} end to end on the built-in demo shapes: a real Keras MNIST CNN (imported
 * with {@code zoo import-keras}) gets a new head on its frozen convolutions, is then fine-tuned whole
 * at a small learning rate, and is trained from scratch as the baseline; and every option mistake is
 * one line with exit code 2.
 */
class TransferCommandTest {

    private static final String DEMO_LABELS = "[circle, corner, cross, diamond, disk, equals, plus, square, star, "
            + "triangle]";

    @TempDir
    static Path dir;
    static Path base;

    @BeforeAll
    static void importTheBackbone() throws IOException {
        base = dir.resolve("mnist.tribuo");
        ZooCommandTest.Run r = ZooCommandTest.run("import-keras",
                KerasTestFiles.copy("moonflower-mnist-cnn.keras", dir).toString(), "--out", base.toString());
        assertEquals(0, r.code(), r.err());
    }

    private static ZooCommandTest.Run train(String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "train";
        System.arraycopy(options, 0, args, 1, options.length);
        System.arraycopy(new String[] {"--epochs", "1", "--threads", "2"}, 0, args, options.length + 1, 4);
        return ZooCommandTest.run(args);
    }

    private static double accuracy(String out) {
        Matcher m = Pattern.compile("test accuracy: (\\d\\.\\d{4})").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    private static List<String> layerNames(ZooModel m) {
        return m.architecture().layers().stream().map(Layer::name).toList();
    }

    @Test
    void aNewHeadOnTheFrozenBackboneThenEverythingFineTunedAtASmallLearningRate() throws Exception {
        Path head = dir.resolve("head");
        ZooCommandTest.Run r = train("--from", base.toString(), "--freeze-up-to", "max_pooling2d_1", "--new-head", "10",
                "--train", "demo", "--out", head.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("from " + base + ": network and weights of 'sequential', kept up to "
                + "'max_pooling2d_1', new head head_pooling + head_dense (10 units, softmax), 2 layers frozen (18,816 "
                + "non-trainable parameters); 650 of 19,466 parameters trainable"), r.err());
        try (ZooModel keras = ZooModel.load(base); ZooModel tuned = ZooModel.load(head.resolve("model.tribuo"))) {
            assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "head_pooling",
                    "head_dense"), layerNames(tuned));
            assertEquals(Set.of("conv2d", "conv2d_1"), tuned.architecture().frozenLayers());
            for (String key : List.of("conv2d/kernel", "conv2d/bias", "conv2d_1/kernel", "conv2d_1/bias")) {
                assertArrayEquals(keras.weights().values(key), tuned.weights().values(key), key + " is frozen");
            }
            assertEquals(List.of(64, 10), Arrays.stream(tuned.weights().tensor("head_dense/kernel").shape().toArray())
                    .boxed().toList());
            assertEquals(DEMO_LABELS, DataSets.sorted(tuned.labels()).toString());
            assertEquals(1.0 / 255, tuned.pixelScale(), "the imported model's pixel scaling is kept");
        }
        // MNIST's frozen features and 650 trained parameters: far above chance (0.1), far below a network
        // trained on the shapes (0.98); 0.41 after one epoch on this machine.
        double headOnly = accuracy(r.out());
        assertTrue(headOnly > 0.3 && headOnly < 0.9, "accuracy " + headOnly);

        // The run is rebuilt from its provenance, the model file it started from included.
        ZooCommandTest.Run again = ZooCommandTest.run("reproduce", head.resolve("provenance.json").toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("identical: all 1,000 test predictions are bit for bit the same"), again.out());

        Path tunedRun = dir.resolve("fine-tuned");
        ZooCommandTest.Run fine = train("--from", head.resolve("model.tribuo").toString(), "--unfreeze",
                "--learning-rate", "1e-4", "--train", "demo", "--out", tunedRun.toString());
        assertEquals(0, fine.code(), fine.err());
        assertTrue(fine.err().contains("its own head, no layer frozen; 19,466 of 19,466 parameters trainable"),
                fine.err());
        try (ZooModel before = ZooModel.load(head.resolve("model.tribuo"));
             ZooModel after = ZooModel.load(tunedRun.resolve("model.tribuo"))) {
            assertEquals(Set.of(), after.architecture().frozenLayers());
            assertEquals(layerNames(before), layerNames(after));
            assertFalse(Arrays.equals(before.weights().values("conv2d/kernel"), after.weights().values("conv2d/kernel")),
                    "the backbone trains now");
        }
        Experiment recorded = Experiment.fromFile(tunedRun.resolve("provenance.json"));
        assertEquals(1e-4, recorded.trainer().trainingRecipe().optimizer().learningRate());
        assertTrue(accuracy(fine.out()) > headOnly, fine.out());
    }

    @Test
    void fromScratchTrainsTheSameNetworkWithoutTheFilesWeights() throws Exception {
        Path scratch = dir.resolve("scratch");
        ZooCommandTest.Run r = train("--from", base.toString(), "--new-head", "10", "--from-scratch", "--train", "demo",
                "--out", scratch.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("the network only (every weight from its initialiser) of 'sequential', kept up "
                + "to 'dropout', new head head_dense (10 units, softmax), no layer frozen; 34,826 of 34,826 "
                + "parameters trainable"), r.err());
        try (ZooModel keras = ZooModel.load(base); ZooModel m = ZooModel.load(scratch.resolve("model.tribuo"))) {
            assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten", "dropout",
                    "head_dense"), layerNames(m));
            assertFalse(Arrays.equals(keras.weights().values("conv2d/kernel"), m.weights().values("conv2d/kernel")));
        }
        String provenance = Files.readString(scratch.resolve("provenance.json"));
        assertFalse(provenance.contains(base.getFileName().toString()), "no initial model is recorded");
    }

    @Test
    void optionMistakesExitTwoWithOneLineAndNoRunFolder() {
        String from = base.toString();
        Path out = dir.resolve("never");
        String o = out.toString();
        assertError("give a zoo network NAME, or --from MODEL_FILE to start from a model file",
                "--train", "demo", "--out", o);
        assertError("give either a zoo network NAME or --from MODEL_FILE, not both (with --from the network is the "
                + "model file's)", "lenet5", "--from", from, "--train", "demo", "--out", o);
        assertError("--freeze-up-to needs --from MODEL_FILE (the network and weights to start from)",
                "lenet5", "--freeze-up-to", "conv2d_1", "--train", "demo", "--out", o);
        assertError("architecture 'sequential' has no layer 'conv9' (layers: conv2d, max_pooling2d, conv2d_1, "
                        + "max_pooling2d_1, flatten, dropout, dense)",
                "--from", from, "--freeze-up-to", "conv9", "--new-head", "10", "--train", "demo", "--out", o);
        assertError("layer 'max_pooling2d_1' outputs an image (5, 5, 64); a new head on it needs global pooling (avg "
                        + "or max) to make it a vector, or cut at a layer that outputs a vector",
                "--from", from, "--freeze-up-to", "max_pooling2d_1", "--new-head", "10", "--head-pooling", "none",
                "--train", "demo", "--out", o);
        assertError("layer 'flatten' outputs a vector (1600); global max pooling needs an image (height, width, "
                + "channels)", "--from", from, "--head-on", "flatten", "--new-head", "10", "--head-pooling", "max",
                "--train", "demo", "--out", o);
        assertError("--head-pooling must be avg, max or none, got 'mean'", "--from", from, "--new-head", "10",
                "--head-pooling", "mean", "--train", "demo", "--out", o);
        assertError("--head-on needs --new-head N", "--from", from, "--head-on", "flatten", "--train", "demo",
                "--out", o);
        assertError("--freeze-up-to conv2d_1 is not part of the network kept under the new head (up to 'conv2d')",
                "--from", from, "--head-on", "conv2d", "--freeze-up-to", "conv2d_1", "--new-head", "10",
                "--train", "demo", "--out", o);
        assertError("give either --freeze-up-to or --unfreeze, not both", "--from", from, "--freeze-up-to", "conv2d",
                "--unfreeze", "--train", "demo", "--out", o);
        assertError("--from-scratch trains every layer from its initialiser; it does not go with --freeze-up-to",
                "--from", from, "--from-scratch", "--freeze-up-to", "conv2d", "--train", "demo", "--out", o);
        assertError("--new-head must be at least 2 (one unit per label), got 1", "--from", from, "--new-head", "1",
                "--train", "demo", "--out", o);
        assertError("--learning-rate must be positive, got 0.0", "--from", from, "--learning-rate", "0",
                "--train", "demo", "--out", o);
        assertError("model file " + dir.resolve("none.tribuo") + " does not exist",
                "--from", dir.resolve("none.tribuo").toString(), "--train", "demo", "--out", o);
        // These two read the data first: the labels decide.
        assertError("--new-head 3 but the training data demo has 10 labels " + DEMO_LABELS,
                "--from", from, "--new-head", "3", "--train", "demo", "--out", o);
        assertError("the training data demo has labels " + DEMO_LABELS + " but the model " + from + " predicts [0, 1, "
                + "2, 3, 4, 5, 6, 7, 8, 9]; give --new-head 10 to train a new head for them",
                "--from", from, "--train", "demo", "--out", o);
        assertFalse(Files.exists(out));
    }

    private static void assertError(String message, String... args) {
        ZooCommandTest.Run r = train(args);
        assertEquals(2, r.code(), r.err());
        assertEquals("zoo: " + message, r.err().strip(), String.join(" ", args));
    }
}
