package org.tribuozoo.tribuo;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.GraphBuilder;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Node;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.graph.EpochResult;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small residual network and a small dense-block network, described as graphs, trained end to end
 * through {@link ZooTrainer#builder(Architecture)} on the built-in demo images: they learn, their model
 * files keep the graph, and their ONNX export agrees with them.
 */
class GraphNetworkTrainingTest {

    static List<Example<Label>> demo;

    @BeforeAll
    static void load() {
        demo = SharedData.demo(4, 1500);
    }

    /** 28x28x1: a strided stem, one residual block, pooling and a classifier. */
    static Architecture residual() {
        GraphBuilder g = Architecture.graph("small-resnet");
        Node stem = Conv2D.filters(8).strides(2).padding(Padding.same()).activation(Activation.RELU).name("stem")
                .apply(g.input(28, 28, 1));
        Node a = Conv2D.filters(8).padding(Padding.same()).activation(Activation.RELU).name("block_1_conv")
                .apply(stem);
        a = Conv2D.filters(8).padding(Padding.same()).name("block_2_conv").apply(a);
        Node block = ActivationLayer.of(Activation.RELU).name("block_out")
                .apply(Add.layer().name("block_add").apply(stem, a));
        Node pooled = MaxPool2D.size(2).apply(block);
        return g.build(Dense.units(10).activation(Activation.SOFTMAX).name("predictions")
                .apply(Flatten.layer().apply(pooled)));
    }

    /** 28x28x1: a strided stem, a dense block of two convolutions, a transition and a classifier. */
    static Architecture denseBlock() {
        GraphBuilder g = Architecture.graph("small-densenet");
        Node x = Conv2D.filters(6).strides(2).padding(Padding.same()).activation(Activation.RELU).name("stem")
                .apply(g.input(28, 28, 1));
        for (int i = 1; i <= 2; i++) {
            Node grown = Conv2D.filters(4).padding(Padding.same()).activation(Activation.RELU)
                    .name("block_" + i + "_conv").apply(x);
            x = Concatenate.layer().name("block_" + i + "_concat").apply(x, grown);
        }
        Node transition = Conv2D.filters(8).kernel(1).activation(Activation.RELU).name("transition").apply(x);
        Node pooled = AvgPool2D.size(2).apply(transition);
        return g.build(Dense.units(10).activation(Activation.SOFTMAX).name("predictions")
                .apply(Flatten.layer().apply(pooled)));
    }

    @Test
    void aResidualNetworkTrains(@TempDir Path dir) throws Exception {
        trainsReloadsAndExports(residual(), dir);
    }

    @Test
    void aDenseBlockNetworkTrains(@TempDir Path dir) throws Exception {
        trainsReloadsAndExports(denseBlock(), dir);
    }

    private static void trainsReloadsAndExports(Architecture architecture, Path dir) throws Exception {
        MutableDataset<Label> train = SharedData.dataset("demo 0-1000", demo.subList(0, 1000));
        List<Example<Label>> test = demo.subList(1000, 1500);
        ZooModel model = ZooTrainer.builder(architecture).epochs(5).batchSize(32).seed(5).threads(2, 1).build()
                .train(train);
        assertEquals(architecture, model.architecture());
        assertFalse(model.architecture().isSequential());
        List<EpochResult> epochs = model.history().epochs();
        assertEquals(5, epochs.size());
        assertTrue(epochs.get(4).loss() < epochs.get(0).loss(), "the loss falls: " + epochs);
        double accuracy = new LabelEvaluator().evaluate(model, SharedData.dataset("demo 1000-1500", test)).accuracy();
        assertTrue(accuracy > 0.6, architecture.name() + ": accuracy " + accuracy + " on 10 classes");

        Path file = dir.resolve(architecture.name() + ".model");
        model.serializeToFile(file);
        try (ZooModel loaded = ZooModel.load(file)) {
            assertEquals(model.architecture(), loaded.architecture());
            assertEquals(model.architecture().toJson(), loaded.architecture().toJson());
            for (String key : model.weights().keys()) {
                assertArrayEquals(model.weights().values(key), loaded.weights().values(key), key);
            }
        }
        ZooModelOnnxTest.assertOnnxAgrees(model, test, dir.resolve(architecture.name() + ".onnx"));
        model.close();
    }
}
