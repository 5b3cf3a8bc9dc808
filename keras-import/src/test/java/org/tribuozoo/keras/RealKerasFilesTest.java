package org.tribuozoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Shape;
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
            "dl4j-examples-mlp-bare-list.h5, dl4j-examples-mlp-bare-list.h5.json, HDF5_MODEL, 2.0.9",
            "dl4j-cnn-batch-norm.h5, dl4j-cnn-batch-norm.h5.json, HDF5_MODEL, 2.1.3",
            "mlcommons-tiny-cifar-resnet.h5, mlcommons-tiny-cifar-resnet.h5.json, HDF5_MODEL, 2.4.0",
            "mlcommons-tiny-vww-96.h5, mlcommons-tiny-vww-96.h5.json, HDF5_MODEL, 2.4.0",
            "mlcommons-tiny-streaming-wakeword.h5, mlcommons-tiny-streaming-wakeword.h5.json, HDF5_MODEL, 2.14.0",
            "dl4j-wgan-discriminator.h5, dl4j-wgan-discriminator.h5.json, HDF5_MODEL, 2.1.3",
            "dl4j-separable-conv2d.h5, dl4j-separable-conv2d.h5.json, HDF5_MODEL, 2.1.3",
            "dl4j-dense-reshape-batch-norm.h5, dl4j-dense-reshape-batch-norm.h5.json, HDF5_MODEL, 2.1.3",
            "dl4j-conv2d-reshape.h5, dl4j-conv2d-reshape.h5.json, HDF5_MODEL, 2.1.3",
            "dl4j-tfkeras-softmax-rows.h5, dl4j-tfkeras-softmax-rows.h5.json, HDF5_MODEL, 2.2.4-tf",
            "dl4j-tfkeras-reshape-rows.h5, dl4j-tfkeras-reshape-rows.h5.json, HDF5_MODEL, 2.2.4-tf",
            "dl4j-relu-layer.h5, dl4j-relu-layer.h5.json, HDF5_MODEL, 2.3.1",
            "dl4j-softmax-layer.h5, dl4j-softmax-layer.h5.json, HDF5_MODEL, 2.3.1",
            "dl4j-leaky-relu.h5, dl4j-leaky-relu.h5.json, HDF5_MODEL, 2.3.1",
            "dl4j-thresholded-relu.h5, dl4j-thresholded-relu.h5.json, HDF5_MODEL, 2.3.1"})
    void importsAndAgreesWithTheReference(String file, String reference, KerasFile.Format format, String version) {
        ImportedNetwork net = KerasImport.read(KerasReference.file(file, dir));
        assertEquals(format, net.source().format());
        assertEquals(version, net.source().kerasVersion());
        KerasReference ref = KerasReference.load(reference);
        assertAgrees(net.architecture(), net.weights(), ref, file);
    }

    @ParameterizedTest(name = "{0} on MNIST test images")
    @CsvSource({"moonflower-mnist-cnn.keras", "moonflower-mnist-cnn.h5", "dl4j-mnist-mlp-logits.h5",
            "dl4j-wgan-discriminator.h5"})
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // model, inputs and Keras's outputs for them, from the same repository
            "dl4j-sparse-xent-model.h5, dl4j-sparse-xent-inputs-and-outputs.h5",
            "dl4j-relu-layer.h5, dl4j-relu-layer-inputs-and-outputs.h5",
            "dl4j-softmax-layer.h5, dl4j-softmax-layer-inputs-and-outputs.h5",
            "dl4j-leaky-relu.h5, dl4j-leaky-relu-inputs-and-outputs.h5",
            "dl4j-thresholded-relu.h5, dl4j-thresholded-relu-inputs-and-outputs.h5"})
    void agreesWithKerasOwnOutputs(String model, String inputsAndOutputs) {
        ImportedNetwork net = KerasImport.read(KerasReference.file(model, dir));
        float[] inputs;
        float[] expected;
        try (HdfFile io = new HdfFile(KerasReference.file(inputsAndOutputs, dir))) {
            inputs = floats(onlyDataset(io, "inputs").getDataFlat());
            expected = floats(onlyDataset(io, "outputs").getDataFlat());
        }
        int count = inputs.length / Math.toIntExact(net.architecture().inputShape().elementCount());
        float[] actual = predict(net.architecture(), net.weights(), inputs, count);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "output " + i);
        }
    }

    @Test
    void aResidualNetworkKeepsItsBranchesAndMerges() {
        ImportedNetwork net = KerasImport.read(KerasReference.file("mlcommons-tiny-cifar-resnet.h5", dir));
        Architecture a = net.architecture();
        assertFalse(a.isSequential());
        assertEquals("input_1", a.inputName());
        // add_1 sums the strided 1x1 shortcut and the second convolution's normalised output.
        assertEquals(List.of("conv2d_5", "batch_normalization_4"), a.inboundOf("add_1"));
        assertEquals(List.of("activation_2"), a.inboundOf("conv2d_5"));
        assertEquals(Shape.image(16, 16, 32), a.outputShapes().get(a.layers().indexOf(a.layer("add_1"))));
        // Keras's count: every weight in the file; moving means and variances are not trainable.
        assertEquals(78_666, a.parameterCount());
        assertEquals(2 * (16 * 3 + 32 * 2 + 64 * 2), a.nonTrainableParameterCount());
        // The L2 kernel regularizers are dropped, each with a note.
        assertEquals(9, net.notes().size(), net.notes().toString());
        assertTrue(net.notes().get(0).startsWith("layer 'conv2d' (Conv2D): kernel_regularizer L2 dropped"),
                net.notes().get(0));
    }

    @Test
    void batchNormalisationImportsWithItsMovingStatistics() {
        ImportedNetwork net = KerasImport.read(KerasReference.file("mlcommons-tiny-vww-96.h5", dir));
        BatchNormalization bn = (BatchNormalization) net.architecture().layer("batch_normalization");
        assertEquals(3, bn.axis());
        assertEquals(0.99, bn.momentum());
        assertEquals(1e-3, bn.epsilon());
        // MLPerf Tiny's streaming wake-word model writes "scale": 1 for true.
        BatchNormalization scaled = (BatchNormalization) KerasImport.read(
                KerasReference.file("mlcommons-tiny-streaming-wakeword.h5", dir)).architecture()
                .layer("batch_normalization");
        assertTrue(scaled.scale());
    }

    // ------------------------------------------------------------------ refusals

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "dl4j-tfkeras-upsampling.h5|layer 'spatial_dropout2d_72' (SpatialDropout2D): layer type "
                    + "SpatialDropout2D is not supported (supported: Activation, Add, Average, AveragePooling2D, "
                    + "BatchNormalization, Concatenate, Conv2D, Dense, DepthwiseConv2D, Dropout, Flatten, "
                    + "GlobalAveragePooling2D, GlobalMaxPooling2D, InputLayer, LeakyReLU, MaxPooling2D, Multiply, "
                    + "ReLU, "
                    + "Rescaling, Reshape, SeparableConv2D, Softmax, ThresholdedReLU, ZeroPadding2D)",
            "dl4j-conv2d-theano.h5|layer 'conv2d_1' (Conv2D): a file written with the Theano backend holds flipped "
                    + "convolution kernels; not supported",
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

    private static io.jhdf.api.Dataset onlyDataset(HdfFile file, String group) {
        var children = ((io.jhdf.api.Group) file.getChild(group)).getChildren().values();
        assertEquals(1, children.size(), group);
        return (io.jhdf.api.Dataset) children.iterator().next();
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
