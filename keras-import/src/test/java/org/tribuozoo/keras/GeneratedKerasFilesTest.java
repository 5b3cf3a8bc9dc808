package org.tribuozoo.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.Softmax;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.zoo.KerasApplications;
import org.tribuozoo.zoo.KerasApplications.Pooling;
import org.tribuozoo.zoo.KerasApplications.Top;

/**
 * The files {@code src/test/python/generated_keras_files.py} wrote with h5py in Keras's layouts, for
 * cases no public file was found for (see {@code files/README.md}): a channels_first graph, a Keras 3
 * functional archive, and Keras Applications' DenseNet121 weights as tf.keras 2 names them.
 */
class GeneratedKerasFilesTest {

    @TempDir
    Path dir;

    @Test
    void aChannelsFirstGraphAgreesOnChannelsLastData() {
        ImportedNetwork net = KerasImport.read(KerasReference.file("generated-channels-first-graph.h5", dir));
        Architecture a = net.architecture();
        assertEquals(Shape.image(8, 6, 3), a.inputShape());
        assertEquals("pixels", a.inputName());
        // Keras's axis 1 of a channels_first image is the DSL's channels, axis 3.
        assertEquals(3, ((BatchNormalization) a.layer("bn_a")).axis());
        assertEquals(3, ((Concatenate) a.layer("cat_channels")).axis());
        assertEquals(3, ((Softmax) a.layer("softmax_channels")).axis());
        assertEquals(List.of("flatten", "gap"), a.inboundOf("cat_flat"));
        RealKerasFilesTest.assertAgrees(a, net.weights(), KerasReference.load("generated-channels-first-graph.h5.json"),
                "channels_first graph");
    }

    @Test
    void aKerasThreeFunctionalArchiveAgrees() {
        ImportedNetwork net = KerasImport.read(KerasReference.file("generated-keras3-functional.keras", dir));
        Architecture a = net.architecture();
        assertEquals(KerasFile.Format.KERAS_ARCHIVE, net.source().format());
        // Keras 3 lists a merge layer's inputs as one list of keras tensors.
        assertEquals(List.of("dilated", "relu6"), a.inboundOf("add"));
        assertEquals(List.of("multiply", "dilated"), a.inboundOf("average"));
        assertEquals(2, ((Conv2D) a.layer("dilated")).dilationHeight());
        assertEquals("Softmax", a.layer("probabilities").typeName());
        RealKerasFilesTest.assertAgrees(a, net.weights(), KerasReference.load("generated-keras3-functional.keras.json"),
                "Keras 3 graph");
    }

    @Test
    void denseNetWeightsOfTfKerasTwoLoadIntoTheZoosDenseNet121() {
        Path file = KerasReference.file("generated-densenet121-tf-keras-2-weights.h5", dir);
        Architecture densenet = KerasApplications.densenet121("densenet121", Shape.image(64, 64, 3), 3,
                Top.classifier());
        Weights weights = KerasImport.readWeights(file, densenet);
        assertEveryWeightWhereKerasPutsIt(densenet, weights);
        // Keras 3 calls the classifier 'predictions'; keras-applications' DenseNet called it 'fc1000'.
        assertEquals(3 * 1024 + 3, densenet.parameterCount("predictions"));
    }

    @ParameterizedTest(name = "pooling {0}")
    @EnumSource(Pooling.class)
    void theSameWeightsLoadIntoTheNetworkWithoutItsTop(Pooling pooling) {
        Path file = KerasReference.file("generated-densenet121-tf-keras-2-weights.h5", dir);
        Architecture features = KerasApplications.densenet121("densenet121", Shape.image(32, 32, 3), 1000,
                Top.features(pooling));
        assertEquals(7_037_504, features.parameterCount());
        Weights weights = KerasImport.readWeights(file, features);
        assertEveryWeightWhereKerasPutsIt(features, weights);
    }

    @Test
    void aLayerMissingFromTheFileIsNamed() {
        Path file = KerasReference.file("generated-densenet121-tf-keras-2-weights.h5", dir);
        Architecture vgg = KerasApplications.vgg16("vgg16", Shape.image(32, 32, 3), 10, Top.features(Pooling.AVG));
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.readWeights(file, vgg));
        assertTrue(e.getMessage().startsWith("Keras file generated-densenet121-tf-keras-2-weights.h5 has no weights "
                + "for layer 'block1_conv1' (Conv2D); its layers with weights: conv1/conv, conv1/bn, "),
                e.getMessage());
        // 2 in the stem, 4 in each of 58 dense blocks, 2 in each of 3 transitions, the last bn and fc1000.
        assertTrue(e.getMessage().endsWith(", ... (242 in all)"), e.getMessage());
        // A layer found with other weights says what differs.
        Architecture resnet = KerasApplications.resnet50("resnet50", Shape.image(32, 32, 3), 10,
                Top.features(Pooling.AVG));
        e = assertThrows(KerasImportException.class, () -> KerasImport.readWeights(file, resnet));
        assertEquals("layer 'conv1_conv' (Conv2D): Keras file generated-densenet121-tf-keras-2-weights.h5 holds 1 "
                + "weight arrays, the layer needs 2", e.getMessage());
    }

    @Test
    void aNetworkWithTheFilesWeightsIsAnImportedNetwork() {
        Path file = KerasReference.file("generated-densenet121-tf-keras-2-weights.h5", dir);
        Architecture densenet = KerasApplications.densenet121("densenet121", Shape.image(32, 32, 3), 3,
                Top.classifier());
        ImportedNetwork net = KerasImport.intoArchitecture(file, densenet);
        assertEquals(densenet, net.architecture());
        assertEquals(KerasFile.Format.HDF5_WEIGHTS, net.source().format());
        assertFalse(net.source().kerasVersion().isEmpty());
        assertEquals(Set.copyOf(densenet.parameters().stream().map(Parameter::key).toList()),
                net.weights().keys());
    }

    /**
     * Every parameter holds the values the generator wrote for the Keras weight Keras would load into it:
     * tf.keras 2 names DenseNet's stem {@code conv1/conv}, {@code conv1/bn} and its classifier
     * {@code fc1000}; a weight of layer {@code L} is {@code L/NAME:0}.
     */
    private static void assertEveryWeightWhereKerasPutsIt(Architecture a, Weights weights) {
        int checked = 0;
        for (Parameter p : a.parameters()) {
            String layer = p.layer().startsWith("conv1_") ? "conv1/" + p.layer().substring("conv1_".length())
                    : p.layer().equals("predictions") ? "fc1000" : p.layer();
            float[] expected = generatedValues(layer + "/" + p.name() + ":0",
                    Math.toIntExact(p.shape().elementCount()));
            assertArrayEquals(expected, weights.values(p.key()), p.key());
            checked++;
        }
        assertEquals(a.parameters().size(), checked);
    }

    /** {@code value(name, count)} of generated_keras_files.py, in the same double-precision steps. */
    static float[] generatedValues(String name, int count) {
        long a = 0;
        long b = 0;
        for (byte ch : name.getBytes(StandardCharsets.UTF_8)) {
            a = (a * 31 + (ch & 0xFF)) % 101;
            b = (b * 131 + (ch & 0xFF)) % (1 << 20);
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) (((7L * i + a) % 101) / 101.0 - 0.5 + b * 1e-7);
        }
        return out;
    }
}
