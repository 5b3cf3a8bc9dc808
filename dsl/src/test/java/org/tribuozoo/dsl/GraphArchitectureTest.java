package org.tribuozoo.dsl;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tribuozoo.dsl.Activation.RELU;
import static org.tribuozoo.dsl.Activation.SOFTMAX;

/** Networks described as graphs: names, order, connections, shapes, parameters and the derived copies. */
class GraphArchitectureTest {

    /**
     * input 8x8x3 -> conv2d_1 (4, relu) -> conv2d_2 (4) -> add_1(conv2d_2, conv2d_1) -> relu -> flatten ->
     * dense 10 softmax: the smallest residual block.
     */
    static Architecture tinyResnet() {
        GraphBuilder g = Architecture.graph("tiny_resnet");
        Node x = g.input(8, 8, 3);
        Node a = Conv2D.filters(4).padding(Padding.same()).activation(RELU).apply(x);
        Node b = Conv2D.filters(4).padding(Padding.same()).apply(a);
        Node sum = ActivationLayer.of(RELU).apply(Add.layer().apply(b, a));
        return g.build(Dense.units(10).activation(SOFTMAX).apply(Flatten.layer().apply(sum)));
    }

    /** A dense block: each convolution reads the concatenation of everything before it. */
    static Architecture tinyDenseBlock() {
        GraphBuilder g = Architecture.graph("tiny_dense_block");
        Node x = g.input("pixels", Shape.image(6, 6, 2));
        Node c1 = Conv2D.filters(3).padding(Padding.same()).activation(RELU).name("block_1_conv").apply(x);
        Node cat1 = Concatenate.layer().name("block_1_concat").apply(x, c1);
        Node c2 = Conv2D.filters(3).padding(Padding.same()).activation(RELU).name("block_2_conv").apply(cat1);
        Node cat2 = Concatenate.axis(3).name("block_2_concat").apply(cat1, c2);
        Node pooled = AvgPool2D.size(2).apply(cat2);
        return g.build(Dense.units(4).activation(SOFTMAX).apply(Flatten.layer().apply(pooled)));
    }

    @Test
    void aResidualBlockHasItsLayersInOrderWithTheirInputs() {
        Architecture a = tinyResnet();
        assertEquals("input_1", a.inputName());
        assertEquals(List.of("conv2d_1", "conv2d_2", "add_1", "activation_1", "flatten_1", "dense_1"),
                a.layers().stream().map(Layer::name).toList());
        assertEquals(List.of("input_1"), a.inboundOf("conv2d_1"));
        assertEquals(List.of("conv2d_2", "conv2d_1"), a.inboundOf("add_1"));
        assertFalse(a.isSequential());
        assertEquals(Shape.of(8, 8, 4), a.layer("add_1").outputShape(a.inputShapesOf("add_1"), a.inboundOf("add_1")));
        assertEquals(List.of(Shape.of(8, 8, 4), Shape.of(8, 8, 4)), a.inputShapesOf("add_1"));
        assertEquals(Shape.of(256), a.outputShapes().get(4));
        assertEquals(Shape.of(10), a.outputShape());
        // 3*3*3*4 + 4, 3*3*4*4 + 4, 256*10 + 10
        assertEquals(List.of(112L, 148L, 0L, 0L, 0L, 2570L),
                a.layers().stream().map(l -> a.parameterCount(l.name())).toList());
        assertEquals(List.of("conv2d_1/kernel", "conv2d_1/bias", "conv2d_2/kernel", "conv2d_2/bias", "dense_1/kernel",
                "dense_1/bias"), a.parameters().stream().map(Parameter::key).toList());
        assertEquals(2830, a.parameterCount());
    }

    @Test
    void concatenationAddsUpTheAxis() {
        Architecture a = tinyDenseBlock();
        assertEquals("pixels", a.inputName());
        assertEquals(Shape.of(6, 6, 5), a.layer("block_1_concat").outputShape(a.inputShapesOf("block_1_concat"),
                a.inboundOf("block_1_concat")));
        assertEquals(List.of(Shape.of(6, 6, 5), Shape.of(6, 6, 3)), a.inputShapesOf("block_2_concat"));
        assertEquals(Shape.of(3, 3, 8), a.outputShapes().get(a.layers().indexOf(a.layer("average_pooling2d_1"))));
        // 3*3*2*3 + 3, 3*3*5*3 + 3, 72*4 + 4
        assertEquals(57 + 138 + 292, a.parameterCount());
    }

    @Test
    void mergeShapesFollowKeras() {
        List<String> names = List.of("a", "b", "c");
        Shape image = Shape.of(4, 5, 2);
        assertEquals(image, new Add("add").outputShape(List.of(image, image, image), names));
        assertEquals(image, new Multiply("m").outputShape(List.of(image, image), names.subList(0, 2)));
        assertEquals(image, new Average("avg").outputShape(List.of(image, image, image), names));
        Shape other = Shape.of(4, 3, 2);
        assertEquals(Shape.of(4, 8, 2), new Concatenate("c", 2).outputShape(List.of(image, other), names.subList(0, 2)));
        assertEquals(Shape.of(4, 8, 2), new Concatenate("c", -2).outputShape(List.of(image, other), names.subList(0, 2)));
        assertEquals(Shape.of(4, 5, 6), new Concatenate("c", -1).outputShape(List.of(image, image, image), names));
        assertEquals(Shape.of(4, 5, 4), new Concatenate("c", 3).outputShape(List.of(image, image), names.subList(0, 2)));
        assertEquals(Shape.of(8, 5, 2), new Concatenate("c", 1).outputShape(List.of(image, image), names.subList(0, 2)));
        assertEquals(Shape.of(8, 5, 2), new Concatenate("c", -3).outputShape(List.of(image, image), names.subList(0, 2)));
        assertEquals(Shape.flat(7), new Concatenate("c", -1).outputShape(List.of(Shape.flat(3), Shape.flat(4)),
                names.subList(0, 2)));
        assertEquals(2, new Concatenate("c", -1).shapeAxis(3));
        assertEquals(0, new Concatenate("c", 1).shapeAxis(1));
    }

    @Test
    void theOrderIsTopologicalAndKeepsTheListedOrderWhereItCan() {
        Layer c1 = Conv2D.filters(2).build("c1");
        Layer c2 = Conv2D.filters(2).build("c2");
        Layer add = Add.layer().build("sum");
        Layer flat = Flatten.layer().build("flat");
        Architecture shuffled = Architecture.of("t", "in", Shape.of(5, 5, 2), List.of(
                ConnectedLayer.of(flat, "sum"), ConnectedLayer.of(add, "c2", "c1"), ConnectedLayer.of(c2, "in"),
                ConnectedLayer.of(c1, "in")), "flat");
        assertEquals(List.of("c2", "c1", "sum", "flat"), shuffled.layers().stream().map(Layer::name).toList());
        Architecture listed = Architecture.of("t", "in", Shape.of(5, 5, 2), List.of(ConnectedLayer.of(c1, "in"),
                ConnectedLayer.of(c2, "in"), ConnectedLayer.of(add, "c2", "c1"), ConnectedLayer.of(flat, "sum")),
                "flat");
        assertEquals(List.of("c1", "c2", "sum", "flat"), listed.layers().stream().map(Layer::name).toList());
        assertEquals(List.of("c1/kernel", "c1/bias", "c2/kernel", "c2/bias"),
                listed.parameters().stream().map(Parameter::key).toList());
        // Same layers and connections in another topological order: another (unequal) listing.
        assertNotEquals(shuffled, listed);
        assertEquals(listed, Architecture.fromJson(listed.toJson()));
    }

    @Test
    void givenNamesAreFreeAndGeneratedNamesSkipThem() {
        GraphBuilder g = Architecture.graph("keras-names");
        Node x = g.input("input_1", Shape.of(8, 8, 3));
        Node a = Conv2D.filters(2).name("conv2_block1_1_conv").apply(x);
        Node b = Conv2D.filters(2).padding(Padding.same()).apply(a);
        Node c = Conv2D.filters(2).padding(Padding.same()).name("conv2d_1").apply(a);
        Architecture arch = g.build(Add.layer().name("conv2_block1_add").apply(b, c));
        assertEquals(List.of("conv2_block1_1_conv", "conv2d_2", "conv2d_1", "conv2_block1_add"),
                arch.layers().stream().map(Layer::name).toList());
        assertEquals(List.of("conv2d_2", "conv2d_1"), arch.inboundOf("conv2_block1_add"));
    }

    @Test
    void aChainDescribedAsAGraphIsTheSequentialNetwork() {
        GraphBuilder g = Architecture.graph("lenet5");
        Node x = g.input(28, 28, 1);
        x = Conv2D.filters(6).kernel(5).padding(Padding.same()).activation(RELU).apply(x);
        x = MaxPool2D.size(2).apply(x);
        x = Conv2D.filters(16).kernel(5).activation(RELU).apply(x);
        x = MaxPool2D.size(2).apply(x);
        x = Conv2D.filters(120).kernel(5).activation(RELU).apply(x);
        x = Flatten.layer().apply(x);
        x = Dense.units(84).activation(RELU).apply(x);
        Architecture chain = g.build(Dense.units(10).activation(SOFTMAX).apply(x));
        Architecture sequential = SummaryTest.lenet5();
        assertTrue(chain.isSequential());
        assertTrue(sequential.isSequential());
        assertEquals(sequential, chain);
        assertEquals(sequential.toJson(), chain.toJson());
        assertEquals(sequential.summary(), chain.summary());
    }

    @Test
    void sequentialNetworksReadTheirInputAsInput1UnlessALayerHasThatName() {
        assertEquals("input_1", SummaryTest.lenet5().inputName());
        Architecture clash = Architecture.builder("t").input(Shape.flat(3)).add(Dense.units(2).name("input_1"))
                .add(Dense.units(2).name("input_2")).add(Dense.units(1)).build();
        assertEquals("input_3", clash.inputName());
        assertEquals(List.of("input_3"), clash.inboundOf("input_1"));
        assertTrue(clash.isSequential());
    }

    @Test
    void freezingAndLookupsWorkOnGraphs() {
        Architecture a = tinyResnet();
        Architecture frozen = a.withFrozen(List.of("conv2d_1", "conv2d_2"));
        assertEquals(2830, frozen.parameterCount());
        assertEquals(2570, frozen.trainableParameterCount());
        assertEquals(260, frozen.nonTrainableParameterCount());
        assertEquals(a.inboundOf("add_1"), frozen.inboundOf("add_1"));
        assertEquals(2, a.parametersOf("conv2d_2").size());
        assertTrue(a.findLayer("add_1").isPresent());
        assertFalse(a.findLayer("add_2").isPresent());
        assertEquals("architecture 'tiny_resnet' has no layer 'add_2' (layers: conv2d_1, conv2d_2, add_1, "
                + "activation_1, flatten_1, dense_1)", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> a.layer("add_2")).getMessage());
        Architecture bigger = a.withInputShape(Shape.of(10, 10, 3));
        assertEquals(Shape.flat(400), bigger.outputShapes().get(4));
        assertEquals(a.inboundOf("add_1"), bigger.inboundOf("add_1"));
        assertEquals("renamed", a.withName("renamed").name());
        assertEquals(tinyResnet(), a);
        assertEquals(tinyResnet().hashCode(), a.hashCode());
    }

    @Test
    void withLayersKeepsTheConnectionsOfAGraph() {
        Architecture a = tinyResnet().withFrozen(List.of("conv2d_1"));
        List<Layer> layers = new java.util.ArrayList<>(a.layers().subList(0, 5));
        layers.add(Dense.units(3).activation(SOFTMAX).build("new_head"));
        Architecture headed = a.withLayers(layers);
        assertEquals(List.of("conv2d_2", "conv2d_1"), headed.inboundOf("add_1"));
        assertEquals(List.of("flatten_1"), headed.inboundOf("new_head"));
        assertEquals(Shape.flat(3), headed.outputShape());
        assertEquals(a.frozenLayers(), headed.frozenLayers());
        Architecture cut = a.withLayers(a.layers().subList(0, 3));
        assertEquals("add_1", cut.layers().get(cut.layers().size() - 1).name());
        assertEquals(Shape.of(8, 8, 4), cut.outputShape());
    }

    @Test
    void upToCutsTheNetworkAfterALayerWithoutItsSideBranches() {
        GraphBuilder g = Architecture.graph("cut");
        Node x = g.input(8, 8, 3);
        Node shortcut = Conv2D.filters(4).kernel(1).name("shortcut").apply(x);
        Node a = Conv2D.filters(4).padding(Padding.same()).name("a").apply(x);
        Node b = Conv2D.filters(4).padding(Padding.same()).name("b").apply(a);
        Architecture net = g.build(Flatten.layer().apply(Add.layer().name("sum").apply(shortcut, b)))
                .withFrozen(List.of("a", "shortcut"));
        Architecture inner = net.upTo("b");
        assertEquals(List.of("a", "b"), inner.layers().stream().map(Layer::name).toList());
        assertTrue(inner.isSequential());
        assertEquals(Shape.of(8, 8, 4), inner.outputShape());
        assertEquals(java.util.Set.of("a"), inner.frozenLayers());
        Architecture sum = net.upTo("sum");
        assertEquals(List.of("shortcut", "a", "b", "sum"), sum.layers().stream().map(Layer::name).toList());
        assertEquals(net.parameters(), sum.parameters());
        Architecture lenet = SummaryTest.lenet5();
        assertEquals(lenet.withLayers(lenet.layers().subList(0, 3)), lenet.upTo("conv2d_2"));
    }
}
