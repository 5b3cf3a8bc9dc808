package org.tribuozoo.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.zoo.KerasApplications;
import org.tribuozoo.zoo.KerasApplications.Pooling;
import org.tribuozoo.zoo.ModelZoo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TransferLearning}'s network surgery: which layers are kept, frozen and new, the shapes and
 * the parameter counts (worked out by hand below), and the one-line errors.
 */
class TransferLearningSurgeryTest {

    private static final Architecture LENET5 = ModelZoo.get("lenet5").architecture();

    private static List<String> names(Architecture a) {
        return a.layers().stream().map(Layer::name).toList();
    }

    @Test
    void aHeadOnAnImageGetsGlobalAveragePoolingAndASoftmaxDense() {
        // lenet5's conv2d_3 outputs (1, 1, 120): pooled to 120 values, then Dense 5.
        TransferLearning.NewHead head = TransferLearning.newHead(LENET5, "conv2d_3", 5);
        Architecture a = head.architecture();
        assertEquals(List.of("conv2d_1", "max_pooling2d_1", "conv2d_2", "max_pooling2d_2", "conv2d_3", "head_pooling",
                "head_dense"), names(a));
        assertEquals("conv2d_3", head.cutLayer());
        assertEquals(List.of("conv2d_1", "conv2d_2", "conv2d_3"), head.frozenLayers());
        assertEquals(Set.copyOf(head.frozenLayers()), a.frozenLayers());
        assertEquals(List.of("head_pooling", "head_dense"), head.headLayers());
        assertInstanceOf(GlobalAveragePooling2D.class, a.layer("head_pooling"));
        Dense dense = assertInstanceOf(Dense.class, a.layer("head_dense"));
        assertEquals(5, dense.units());
        assertEquals(Activation.SOFTMAX, dense.activation());
        assertEquals(Shape.flat(5), a.outputShape());
        assertEquals(Shape.flat(120), a.inputShapeOf("head_dense"));
        // Frozen: 5*5*1*6 + 6, 5*5*6*16 + 16, 5*5*16*120 + 120; trainable: 120*5 + 5.
        assertEquals(156 + 2_416 + 48_120, a.nonTrainableParameterCount());
        assertEquals(605, a.trainableParameterCount());
        for (Parameter p : a.parameters()) {
            assertEquals(p.layer().startsWith("head_"), p.trainable(), p.key());
        }
        assertEquals("lenet5", a.name());
    }

    @Test
    void aHeadOnAVectorIsOneDenseLayer() {
        TransferLearning.NewHead head = TransferLearning.newHead(LENET5, "flatten_1", 3);
        assertEquals(List.of("conv2d_1", "max_pooling2d_1", "conv2d_2", "max_pooling2d_2", "conv2d_3", "flatten_1",
                "head_dense"), names(head.architecture()));
        assertEquals(List.of("head_dense"), head.headLayers());
        assertEquals(120 * 3 + 3, head.architecture().trainableParameterCount());
        assertEquals(Shape.flat(3), head.architecture().outputShape());
    }

    @Test
    void maxPoolingCanBeChosen() {
        Architecture a = TransferLearning.newHead(LENET5, "max_pooling2d_2", 4, Pooling.MAX).architecture();
        assertInstanceOf(GlobalMaxPooling2D.class, a.layer("head_pooling"));
        // max_pooling2d_2 outputs (5, 5, 16): 16 channels into Dense 4.
        assertEquals(16 * 4 + 4, a.trainableParameterCount());
        assertEquals(156 + 2_416, a.nonTrainableParameterCount());
    }

    @Test
    void inAGraphOnlyWhatTheCutLayerReadsIsKeptAndFrozenBatchNormalisationIncluded() {
        Architecture resnet = KerasApplications.resnet50("resnet50", Shape.image(32, 32, 3), 1000,
                KerasApplications.Top.features(Pooling.NONE));
        // conv2_block1_1_relu reads conv2_block1_1_conv, not the block's shortcut conv2_block1_0_conv.
        TransferLearning.NewHead head = TransferLearning.newHead(resnet, "conv2_block1_1_relu", 7);
        Architecture a = head.architecture();
        assertEquals(List.of("conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu", "pool1_pad", "pool1_pool",
                "conv2_block1_1_conv", "conv2_block1_1_bn", "conv2_block1_1_relu", "head_pooling", "head_dense"),
                names(a));
        assertEquals(List.of("conv1_conv", "conv1_bn", "conv2_block1_1_conv", "conv2_block1_1_bn"),
                head.frozenLayers());
        assertFalse(a.findLayer("conv2_block1_0_conv").isPresent());
        // conv1: 7*7*3*64 + 64; a batch normalisation over 64 channels: 4*64; the 1x1 conv: 64*64 + 64.
        assertEquals(9_472 + 256 + 4_160 + 256, a.nonTrainableParameterCount());
        assertEquals(64 * 7 + 7, a.trainableParameterCount());
        assertTrue(a.parametersOf("conv1_bn").stream().noneMatch(Parameter::trainable), "gamma and beta frozen too");
        assertEquals(Shape.image(8, 8, 64), a.inputShapeOf("head_pooling"));
        assertTrue(a.isSequential(), "without the shortcut, what is kept is a chain");

        // Cut after the block's Add: the shortcut is kept (and frozen), the head reads the block's output.
        TransferLearning.NewHead block = TransferLearning.newHead(resnet, "conv2_block1_out", 7);
        Architecture b = block.architecture();
        assertFalse(b.isSequential());
        assertEquals(List.of("conv2_block1_out"), b.inboundOf("head_pooling"));
        assertEquals(List.of("conv1_conv", "conv1_bn", "conv2_block1_0_conv", "conv2_block1_0_bn",
                "conv2_block1_1_conv", "conv2_block1_1_bn", "conv2_block1_2_conv", "conv2_block1_2_bn",
                "conv2_block1_3_conv", "conv2_block1_3_bn"), block.frozenLayers());
        // Besides conv1: 64*256 + 256, 4*256; 64*64 + 64, 4*64; 3*3*64*64 + 64, 4*64; 64*256 + 256, 4*256.
        assertEquals(9_472 + 256 + 16_640 + 1_024 + 4_160 + 256 + 36_928 + 256 + 16_640 + 1_024,
                b.nonTrainableParameterCount());
        assertEquals(256 * 7 + 7, b.trainableParameterCount());
    }

    @Test
    void headNamesNeverClashWithTheBackbones() {
        Architecture first = TransferLearning.newHead(LENET5, "conv2d_3", 5).architecture();
        TransferLearning.NewHead second = TransferLearning.newHead(first, "head_dense", 2);
        assertEquals(List.of("head_dense_2"), second.headLayers());
        assertEquals(List.of("conv2d_1", "conv2d_2", "conv2d_3", "head_dense"), second.frozenLayers());
        assertEquals(Shape.flat(2), second.architecture().outputShape());
    }

    @Test
    void theClassifierInputIsWhatTheLastLayerWithParametersReads() {
        assertEquals("dense_1", TransferLearning.classifierInput(LENET5));
        Architecture mobilenet = KerasApplications.mobilenet("mobilenet", Shape.image(32, 32, 3), 1000,
                KerasApplications.Top.classifier());
        // MobileNet's classifier is a 1x1 convolution (conv_preds) on dropout, then a reshape and a softmax.
        assertEquals("dropout", TransferLearning.classifierInput(mobilenet));
        TransferLearning.NewHead head = TransferLearning.newHead(mobilenet, "dropout", 3);
        assertEquals(Shape.image(1, 1, 1024), mobilenet.upTo("dropout").outputShape());
        assertEquals(List.of("head_pooling", "head_dense"), head.headLayers());
        assertEquals(1024 * 3 + 3, head.architecture().trainableParameterCount());
        Architecture resnet = KerasApplications.resnet50("resnet50", Shape.image(32, 32, 3), 1000,
                KerasApplications.Top.classifier());
        assertEquals("avg_pool", TransferLearning.classifierInput(resnet));
    }

    @Test
    void freezingUpToALayerAndUnfreezing() {
        Architecture tuned = TransferLearning.frozenUpTo(LENET5, "conv2d_2");
        assertEquals(Set.of("conv2d_1", "conv2d_2"), tuned.frozenLayers());
        assertEquals(156 + 2_416, tuned.nonTrainableParameterCount());
        assertEquals(Set.of(), TransferLearning.unfrozen(tuned).frozenLayers());
        assertEquals(LENET5.parameterCount(), TransferLearning.unfrozen(tuned).trainableParameterCount());
        TransferLearning.NewHead trainsAll = TransferLearning.newHead(LENET5, "flatten_1", 3).withFrozen(List.of());
        assertEquals(List.of(), trainsAll.frozenLayers());
        assertEquals(trainsAll.architecture().parameterCount(), trainsAll.architecture().trainableParameterCount());
    }

    @Test
    void theTrainerStartsFromTheFileFreezesTheBackboneAndStartsTheHeadFresh() throws Exception {
        // A small model file written by ZooTrainer (see resources/org/tribuozoo/tribuo/format/README.md):
        // 7x7x1 images, conv2d_1 (2 filters 3x3), max_pooling2d_1, flatten_1, dense_1.
        Path file = Path.of(getClass().getResource("format/tiny-shapes-v0.model").toURI());
        Architecture tiny = ZooModel.load(file).architecture();
        TransferLearning.NewHead head = TransferLearning.newHead(tiny, "max_pooling2d_1", 3);
        assertEquals(List.of("conv2d_1"), head.frozenLayers());
        assertEquals(2 * 3 + 3, head.architecture().trainableParameterCount());
        ZooTrainer trainer = head.trainer(file).epochs(2).learningRate(1e-4).build();
        assertEquals(head.architecture(), trainer.architectureFor(3));
        assertEquals(new org.tribuozoo.tribuo.data.ImageLayout(7, 7, 1), trainer.imageLayout());
        Map<String, Provenance> config = trainer.getProvenance().getConfiguredParameters();
        assertEquals(file.toAbsolutePath().toString(), config.get("initialModel").toString());
        assertEquals(List.of("conv2d_1"), strings(config.get("frozenLayers")));
        assertEquals(List.of("head_pooling", "head_dense"), strings(config.get("reinitializedLayers")));
        assertEquals(1e-4, trainer.trainingRecipe().optimizer().learningRate());
        assertThrows(IllegalArgumentException.class, () -> head.trainer(Path.of("no-such.model")));
    }

    private static List<String> strings(Provenance p) {
        return ((ListProvenance<?>) p).getList().stream().map(Object::toString).toList();
    }

    @Test
    void mistakesAreOneLineNamingTheCulprit() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TransferLearning.newHead(LENET5, "conv9", 5));
        assertEquals("architecture 'lenet5' has no layer 'conv9' (layers: conv2d_1, max_pooling2d_1, conv2d_2, "
                + "max_pooling2d_2, conv2d_3, flatten_1, dense_1, dense_2)", unknown.getMessage());
        IllegalArgumentException noPooling = assertThrows(IllegalArgumentException.class,
                () -> TransferLearning.newHead(LENET5, "conv2d_2", 5, Pooling.NONE));
        assertEquals("layer 'conv2d_2' outputs an image (10, 10, 16); a new head on it needs global pooling (avg or "
                + "max) to make it a vector, or cut at a layer that outputs a vector", noPooling.getMessage());
        IllegalArgumentException poolingAVector = assertThrows(IllegalArgumentException.class,
                () -> TransferLearning.newHead(LENET5, "dense_1", 5, Pooling.AVG));
        assertEquals("layer 'dense_1' outputs a vector (84); global avg pooling needs an image (height, width, "
                + "channels)", poolingAVector.getMessage());
        IllegalArgumentException oneClass = assertThrows(IllegalArgumentException.class,
                () -> TransferLearning.newHead(LENET5, "dense_1", 1));
        assertEquals("a new head needs at least 2 classes, got 1", oneClass.getMessage());
        Architecture tiny = Architecture.builder("tiny").input(Shape.flat(4))
                .add(Dense.units(2).activation(Activation.SOFTMAX)).build();
        IllegalArgumentException noBackbone = assertThrows(IllegalArgumentException.class,
                () -> TransferLearning.classifierInput(tiny));
        assertEquals("the classifier 'dense_1' of network 'tiny' reads the input directly; there is no backbone to "
                + "keep", noBackbone.getMessage());
        Architecture noParameters = Architecture.builder("flat").input(4, 4, 1).add(Flatten.layer()).build();
        assertEquals("network 'flat' has no layer with parameters, so no classifier to replace",
                assertThrows(IllegalArgumentException.class,
                        () -> TransferLearning.classifierInput(noParameters)).getMessage());
    }
}
