package org.tribuozoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.InferenceOutputs;
import org.tribuozoo.graph.Weights;

/**
 * Real Keras files from public repositories (see {@code files/README.md}) import, and the imported
 * networks compute what the independent NumPy reference computed from the same files: every output
 * within 1e-4, the same top-1 class.
 */
class RealKerasFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, reference, format, Keras version
            "moonflower-mnist-cnn.keras, moonflower-mnist-cnn.keras.json, KERAS_ARCHIVE, 3.1.1",
            "moonflower-mnist-cnn.h5, moonflower-mnist-cnn.h5.json, HDF5_MODEL, 3.1.1",
            "dl4j-mnist-mlp-logits.h5, dl4j-mnist-mlp-logits.h5.json, HDF5_MODEL, 2.4.0",
            "dl4j-conv2d-bare-list.h5, dl4j-conv2d-bare-list.h5.json, HDF5_MODEL, 2.1.3",
            "dl4j-sparse-xent-model.h5, dl4j-sparse-xent-model.h5.json, HDF5_MODEL, 2.3.1",
            "dl4j-examples-functional-mlp.h5, dl4j-examples-functional-mlp.h5.json, HDF5_MODEL, 2.0.9",
            "dl4j-examples-mlp-bare-list.h5, dl4j-examples-mlp-bare-list.h5.json, HDF5_MODEL, 2.0.9"})
    void importsAndAgreesWithTheReference(String file, String reference, KerasFile.Format format, String version) {
        ImportedNetwork net = KerasImport.read(KerasReference.file(file, dir));
        assertEquals(format, net.source().format());
        assertEquals(version, net.source().kerasVersion());
        KerasReference ref = KerasReference.load(reference);
        assertAgrees(net.architecture(), net.weights(), ref, file);
    }

    @ParameterizedTest(name = "{0} on MNIST test images")
    @CsvSource({"moonflower-mnist-cnn.keras", "moonflower-mnist-cnn.h5", "dl4j-mnist-mlp-logits.h5"})
    void agreesOnRealDigits(String file) {
        assumeTrue(KerasReference.SharedMnist.present(), "MNIST is not in the shared data folder");
        ImportedNetwork net = KerasImport.read(KerasReference.file(file, dir));
        assertAgrees(net.architecture(), net.weights(), KerasReference.load(file + ".mnist-t10k.json"), file);
    }

    @Test
    void aTrainedMnistNetworkReadsTheDigits() {
        assumeTrue(KerasReference.SharedMnist.present(), "MNIST is not in the shared data folder");
        // The first 16 t10k labels; the Keras 3 network trained on MNIST gets them all right.
        int[] labels = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5};
        KerasReference ref = KerasReference.load("moonflower-mnist-cnn.keras.mnist-t10k.json");
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i], KerasReference.argmax(ref.outputs(), i, 10), "digit " + i);
        }
    }

    @Test
    void keepsKerasLayerNamesAndParameterCounts() {
        Architecture a = KerasImport.read(KerasReference.file("moonflower-mnist-cnn.keras", dir)).architecture();
        assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten", "dropout", "dense"),
                a.layers().stream().map(Layer::name).toList());
        // 3*3*1*32+32 + 3*3*32*64+64 + 1600*10+10, as Keras's summary of this model says.
        assertEquals(34_826, a.parameterCount());
        assertEquals("sequential", a.name());
    }

    @Test
    void theSequentialAndFunctionalTwinsGiveTheSameNetwork() {
        Architecture functional = KerasImport.read(KerasReference.file("dl4j-examples-functional-mlp.h5", dir))
                .architecture();
        Architecture bareList = KerasImport.read(KerasReference.file("dl4j-examples-mlp-bare-list.h5", dir))
                .architecture();
        assertEquals(functional.inputShape(), bareList.inputShape());
        assertEquals(functional.parameterCount(), bareList.parameterCount());
        assertEquals(functional.layers().stream().map(Layer::typeName).toList(),
                bareList.layers().stream().map(Layer::typeName).toList());
    }

    @Test
    void aKerasTwoWeightsFileLoadsByLayerName() {
        ImportedNetwork model = KerasImport.read(KerasReference.file("dl4j-sparse-xent-model.h5", dir));
        Weights weights = KerasImport.readWeights(KerasReference.file("dl4j-sparse-xent-weights.h5", dir),
                model.architecture());
        assertAgrees(model.architecture(), weights, KerasReference.load("dl4j-sparse-xent-weights.h5.json"),
                "weights file");
        assertThrows(KerasImportException.class, () -> KerasImport.read(
                KerasReference.file("dl4j-sparse-xent-weights.h5", Files.createTempDirectory(dir, "w"))));
    }

    @Test
    void aKerasThreeWeightsFileLoadsByLayerName() throws Exception {
        Path archive = KerasReference.file("moonflower-mnist-cnn.keras", dir);
        ImportedNetwork model = KerasImport.read(archive);
        // What Keras 3's save_weights writes is the archive's model.weights.h5.
        Path weightsFile = dir.resolve("mnist.weights.h5");
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), weightsFile);
        }
        assertEquals(KerasFile.Format.HDF5_WEIGHTS, KerasFile.read(weightsFile).format());
        Weights weights = KerasImport.readWeights(weightsFile, model.architecture());
        for (var p : model.architecture().parameters()) {
            assertEquals(model.weights().tensor(p.key()), weights.tensor(p.key()), p.key());
        }
        // A layer of another name finds nothing.
        Architecture renamed = model.architecture().withLayers(model.architecture().layers().stream()
                .map(l -> l.name().equals("dense") ? l.withName("head") : l).toList());
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> KerasImport.readWeights(weightsFile, renamed));
        assertTrue(e.getMessage().contains("no weights for layer 'head'"), e.getMessage());
    }

    @Test
    void agreesWithKerasOwnOutputs() {
        // Three inputs of this model and the outputs Keras computed for them, from the same repository.
        ImportedNetwork net = KerasImport.read(KerasReference.file("dl4j-sparse-xent-model.h5", dir));
        float[] inputs;
        float[] expected;
        try (HdfFile io = new HdfFile(KerasReference.file("dl4j-sparse-xent-inputs-and-outputs.h5", dir))) {
            inputs = floats(io.getDatasetByPath("inputs/dense_1_input").getDataFlat());
            expected = floats(io.getDatasetByPath("outputs/activation_1").getDataFlat());
        }
        float[] actual = predict(net.architecture(), net.weights(), inputs, 3);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "output " + i);
        }
    }

    // ------------------------------------------------------------------ refusals

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "dl4j-cnn-batch-norm.h5|layer 'batch_normalization_1' (BatchNormalization): layer type "
                    + "BatchNormalization is not supported (supported: Activation, AveragePooling2D, Conv2D, Dense, "
                    + "Dropout, Flatten, InputLayer, MaxPooling2D, Rescaling, ZeroPadding2D)",
            "mlcommons-tiny-cifar-resnet.h5|layer 'batch_normalization' (BatchNormalization): layer type "
                    + "BatchNormalization is not supported",
            "dl4j-mixed-data-formats.hdf5|layer 'max_pooling2d_1' (MaxPooling2D): data_format channels_last on a "
                    + "tensor the model holds channels_first: a model mixing layouts cannot be mapped to "
                    + "channels-last data",
            "dl4j-keras1-cnn.h5|Keras file dl4j-keras1-cnn.h5 was written by Keras 1.1.2; Keras 1 files are not "
                    + "supported (Keras 2 or later)",
            "dl4j-sparse-xent-weights.h5|Keras file dl4j-sparse-xent-weights.h5 holds weights only, no model",
            "dl4j-cnn-batch-norm-input.npy|is neither HDF5 (.h5) nor a Keras 3 archive (.keras)"})
    void refusesWhatItCannotMapInOneLine(String file, String message) {
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> KerasImport.read(KerasReference.file(file, dir)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> KerasImport.read(dir.resolve("absent.h5")));
        assertEquals("Keras file " + dir.resolve("absent.h5") + " does not exist", e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static void assertAgrees(Architecture architecture, Weights weights, KerasReference ref, String what) {
        int size = Math.toIntExact(architecture.inputShape().elementCount());
        ref.assertAgrees(predict(architecture, weights, ref.scaledInputs(size), ref.count()), what);
    }

    static float[] predict(Architecture architecture, Weights weights, float[] inputs, int count) {
        try (CompiledNetwork net = CompiledNetwork.forInference(architecture, weights, 2, 1,
                InferenceOutputs.AS_COMPUTED)) {
            return net.predict(inputs, count);
        }
    }

    private static float[] floats(Object flat) {
        if (flat instanceof float[] f) {
            return f;
        }
        double[] d = (double[]) flat;
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }
}
