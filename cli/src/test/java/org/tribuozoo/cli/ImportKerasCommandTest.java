package org.tribuozoo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuozoo.cli.data.DataSpec;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ZooModel;

/**
 * {@code zoo import-keras} on a real Keras 3 file, and the imported model through {@code evaluate}
 * (with {@code --predictions}), {@code export-onnx} and {@code reproduce}.
 */
class ImportKerasCommandTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void importIt() throws IOException {
        model = dir.resolve("mnist.tribuo");
        ZooCommandTest.Run r = ZooCommandTest.run("import-keras", keras("moonflower-mnist-cnn.keras").toString(),
                "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Total params: 34,826"), r.out());
        assertTrue(r.out().contains("imported moonflower-mnist-cnn.keras (Keras 3.1.1, KERAS_ARCHIVE, sha256 "
                + "236dd5f1948cbb6a34f128012bcef315ae94a6fa4c60287eb27050e66fa4e89c)"), r.out());
        assertTrue(r.out().contains("input: 28x28x1 raw pixels x 1/255; labels: 0,1,2,3,4,5,6,7,8,9"), r.out());
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void evaluateWritesEveryExamplesScores() throws IOException {
        IdxFiles.writePair(dir, "t10k", 9, 28, 28, 5);
        String spec = "idx:" + dir + ":t10k";
        Path csv = dir.resolve("predictions.csv");
        ZooCommandTest.Run r = ZooCommandTest.run("evaluate", model.toString(), "--test", spec, "--predictions",
                csv.toString());
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(csv)) {
            rows = CSVFormat.RFC4180.parse(in).getRecords();
        }
        try (ZooModel m = ZooModel.load(model)) {
            assertEquals(m.labels(), rows.get(0).toList());
            MutableDataset<Label> data = DataSets.load(DataSpec.parse(spec).open(DataSpec.Role.TEST,
                    m.imageLayout()), DataSpec.parse(spec));
            List<Prediction<Label>> predictions = m.predict(data);
            assertEquals(predictions.size() + 1, rows.size());
            for (int e = 0; e < predictions.size(); e++) {
                for (int j = 0; j < m.labels().size(); j++) {
                    float expected = (float) predictions.get(e).getOutputScores().get(m.labels().get(j)).getScore();
                    assertEquals(expected, Float.parseFloat(rows.get(e + 1).get(j)), "example " + e + " label " + j);
                }
            }
        }
    }

    @Test
    void exportOnnxTakesTheImportedModel() {
        Path onnx = dir.resolve("mnist.onnx");
        ZooCommandTest.Run r = ZooCommandTest.run("export-onnx", model.toString(), onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(onnx));
    }

    @Test
    void reproduceSaysTheModelWasImported() throws IOException {
        Path provenance = dir.resolve("provenance.json");
        try (ZooModel m = ZooModel.load(model)) {
            ProvenanceJson.write(m.getProvenance(), provenance);
        }
        ZooCommandTest.Run r = ZooCommandTest.run("reproduce", provenance.toString());
        assertEquals(2, r.code(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("was imported from the Keras file moonflower-mnist-cnn.keras (sha256 "
                + "236dd5f1948cbb6a34f128012bcef315ae94a6fa4c60287eb27050e66fa4e89c), not trained from data"), r.err());
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        String out = dir.resolve("x.tribuo").toString();
        ZooCommandTest.Run unsupported = ZooCommandTest.run("import-keras",
                keras("dl4j-tfkeras-upsampling.h5").toString(), "--out", out);
        assertEquals(2, unsupported.code());
        assertTrue(unsupported.err().strip().startsWith("zoo: layer 'spatial_dropout2d_72' (SpatialDropout2D): layer "
                + "type SpatialDropout2D is not supported (supported: Activation, Add, "), unsupported.err());
        assertEquals(1, unsupported.err().strip().lines().count(), unsupported.err());
        ZooCommandTest.Run notAlone = ZooCommandTest.run("import-keras", keras("moonflower-mnist-cnn.h5").toString(),
                "--out", out, "--top", "avg");
        assertEquals(2, notAlone.code());
        assertEquals("zoo: --top needs --into NETWORK", notAlone.err().strip());
        ZooCommandTest.Run noTop = ZooCommandTest.run("import-keras", keras("moonflower-mnist-cnn.h5").toString(),
                "--out", out, "--into", "lenet5", "--top", "max");
        assertEquals(2, noTop.code());
        assertEquals("zoo: --top is for densenet121, mobilenet, resnet50, vgg16, not lenet5", noTop.err().strip());
        ZooCommandTest.Run labels = ZooCommandTest.run("import-keras", keras("moonflower-mnist-cnn.h5").toString(),
                "--out", out, "--labels", "a,b");
        assertEquals(2, labels.code());
        assertEquals("zoo: --labels gives 2 labels but the model has 10 outputs", labels.err().strip());
        ZooCommandTest.Run missing = ZooCommandTest.run("import-keras", dir.resolve("none.h5").toString(), "--out", out);
        assertEquals(2, missing.code());
        assertEquals("zoo: Keras file " + dir.resolve("none.h5") + " does not exist", missing.err().strip());
        assertTrue(Files.notExists(Path.of(out)));
    }

    @Test
    void aFunctionalResidualNetworkImportsWithItsNotes() throws IOException {
        Path out = dir.resolve("resnet.tribuo");
        ZooCommandTest.Run r = ZooCommandTest.run("import-keras", keras("mlcommons-tiny-cifar-resnet.h5").toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Connected to"), r.out());
        assertTrue(r.out().contains("Total params: 78,666"), r.out());
        assertTrue(r.out().contains("input: 32x32x3 raw pixels x 1/255"), r.out());
        assertTrue(r.out().contains("note: layer 'conv2d' (Conv2D): kernel_regularizer L2 dropped"), r.out());
        try (ZooModel m = ZooModel.load(out)) {
            assertEquals(10, m.labels().size());
        }
    }

    @Test
    void kerasApplicationsWeightsLoadIntoAZooNetwork() throws IOException {
        // Generated by keras-import's generated_keras_files.py in the layout of keras-applications' DenseNet file.
        String weights = keras("generated-densenet121-tf-keras-2-weights.h5").toString();
        Path out = dir.resolve("densenet.tribuo");
        ZooCommandTest.Run r = ZooCommandTest.run("import-keras", weights, "--into", "densenet121",
                "--input", "32x32x3", "--classes", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("imported generated-densenet121-tf-keras-2-weights.h5 (Keras 2.2.4 (written by "),
                r.out());
        assertTrue(r.out().contains("HDF5_WEIGHTS"), r.out());
        assertTrue(r.out().contains("labels: 0,1,2"), r.out());
        Path features = dir.resolve("densenet-features.tribuo");
        ZooCommandTest.Run f = ZooCommandTest.run("import-keras", weights, "--into", "densenet121",
                "--input", "32x32x3", "--top", "avg", "--out", features.toString());
        assertEquals(0, f.code(), f.err());
        assertTrue(f.out().contains("Total params: 7,037,504"), f.out());
        try (ZooModel m = ZooModel.load(features)) {
            assertEquals(1024, m.labels().size());
        }
    }

    @Test
    void intoLoadsTheWeightsByLayerNameIntoAGivenNetwork() throws IOException {
        Path json = dir.resolve("moonflower.json");
        try (ZooModel m = ZooModel.load(model)) {
            Files.writeString(json, m.architecture().toJson());
        }
        // The file's weights loaded by name into its own network: the same model as importing the file.
        Path into = dir.resolve("into.tribuo");
        ZooCommandTest.Run r = ZooCommandTest.run("import-keras", keras("moonflower-mnist-cnn.keras").toString(),
                "--into", json.toString(), "--out", into.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Total params: 34,826"), r.out());
        try (ZooModel imported = ZooModel.load(model); ZooModel loaded = ZooModel.load(into)) {
            assertEquals(imported.architecture(), loaded.architecture());
            assertEquals(imported.weights().keys(), loaded.weights().keys());
            for (String key : imported.weights().keys()) {
                assertArrayEquals(imported.weights().values(key), loaded.weights().values(key), key);
            }
        }
    }

    @Test
    void intoMistakesExitTwoWithOneLine() throws IOException {
        String file = keras("moonflower-mnist-cnn.h5").toString();
        String out = dir.resolve("y.tribuo").toString();
        // lenet5's first convolution is also named conv2d_1, with a 5x5x1x6 kernel.
        ZooCommandTest.Run shapes = ZooCommandTest.run("import-keras", file, "--into", "lenet5", "--out", out);
        assertEquals(2, shapes.code());
        assertEquals("zoo: layer 'conv2d_1' (Conv2D): weight kernel has shape (3, 3, 32, 64) in Keras file "
                + "moonflower-mnist-cnn.h5, the layer needs (5, 5, 1, 6)", shapes.err().strip());
        ZooCommandTest.Run notop = ZooCommandTest.run("import-keras", file, "--into", "lenet5", "--notop", "--out", out);
        assertEquals("zoo: --notop is for densenet121, mobilenet, resnet50, vgg16, not lenet5", notop.err().strip());
        ZooCommandTest.Run alone = ZooCommandTest.run("import-keras", file, "--notop", "--out", out);
        assertEquals("zoo: --notop needs --into NETWORK", alone.err().strip());
        ZooCommandTest.Run input = ZooCommandTest.run("import-keras", file, "--into", "resnet50", "--input", "64x64",
                "--out", out);
        assertEquals("zoo: --input must be HEIGHTxWIDTHxCHANNELS, for example 96x96x3, got '64x64'", input.err().strip());
        assertTrue(Files.notExists(Path.of(out)));
    }

    /** A real Keras file of keras-import's tests, copied out of the class path. */
    private static Path keras(String name) throws IOException {
        Path target = Files.createTempDirectory(dir, "keras").resolve(name);
        try (InputStream in = ImportKerasCommandTest.class.getResourceAsStream("/org/tribuozoo/keras/files/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
