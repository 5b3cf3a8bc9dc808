package org.tribuozoo.dsl;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every way a graph can be wrong is rejected with one message naming the layer and the reason. */
class GraphValidationTest {

    private static String message(Runnable r) {
        return assertThrows(InvalidArchitectureException.class, r::run).getMessage();
    }

    private static final Shape IMAGE = Shape.of(8, 8, 3);

    private static ConnectedLayer conv(String name, int filters, String... inbound) {
        return ConnectedLayer.of(Conv2D.filters(filters).padding(Padding.same()).build(name), inbound);
    }

    @Test
    void addingDifferentShapesNamesBothInputs() {
        String m = message(() -> {
            GraphBuilder g = Architecture.graph("t");
            Node x = g.input(IMAGE);
            Node y = Conv2D.filters(4).padding(Padding.same()).name("branch").apply(x);
            g.build(Add.layer().apply(y, x));
        });
        assertEquals("layer 'add_1' (Add): all inputs must have the same shape, got (8, 8, 4) from 'branch' and "
                + "(8, 8, 3) from 'input_1'", m);
    }

    @Test
    void multiplyingAndAveragingDifferentShapesAreRejectedToo() {
        assertEquals("layer 'm' (Multiply): all inputs must have the same shape, got (3) from 'a' and (4) from 'b'",
                message(() -> new Multiply("m").outputShape(List.of(Shape.flat(3), Shape.flat(4)), List.of("a", "b"))));
        assertEquals("layer 'avg' (Average): all inputs must have the same shape, got (3) from 'a' and (3, 1, 1) "
                + "from 'c'", message(() -> new Average("avg").outputShape(
                List.of(Shape.flat(3), Shape.flat(3), Shape.of(3, 1, 1)), List.of("a", "b", "c"))));
    }

    @Test
    void concatenatingInputsThatDifferOffTheAxisIsRejected() {
        String m = message(() -> {
            GraphBuilder g = Architecture.graph("t");
            Node x = g.input(IMAGE);
            Node pooled = MaxPool2D.size(2).name("pool").apply(x);
            g.build(Concatenate.layer().name("cat").apply(x, pooled));
        });
        assertEquals("layer 'cat' (Concatenate): inputs must match on every axis but the concatenation axis -1, "
                + "got (8, 8, 3) from 'input_1' and (4, 4, 3) from 'pool'", m);
        assertEquals("layer 'cat' (Concatenate): inputs must have the same rank, got (8, 8, 3) from 'a' and (192) "
                + "from 'b'", message(() -> new Concatenate("cat", -1).outputShape(List.of(IMAGE, Shape.flat(192)),
                List.of("a", "b"))));
    }

    @Test
    void aConcatenationAxisMustExist() {
        assertEquals("layer 'cat' (Concatenate): axis 4 does not exist for inputs of rank 3 (axes 1..3 or -3..-1; "
                + "axis 0 is the batch)", message(() -> new Concatenate("cat", 4).outputShape(List.of(IMAGE, IMAGE),
                List.of("a", "b"))));
        assertEquals("layer 'cat' (Concatenate): axis -2 does not exist for inputs of rank 1 (axes 1..1 or -1..-1; "
                + "axis 0 is the batch)", message(() -> new Concatenate("cat", -2).outputShape(
                List.of(Shape.flat(2), Shape.flat(2)), List.of("a", "b"))));
        assertEquals("layer 'concatenate' (Concatenate): axis 0 is the batch axis; concatenate along a data axis "
                + "(1 or more, or -1 for the last)", message(() -> Concatenate.axis(0)));
    }

    @Test
    void aMergeNeedsTwoInputsAndOtherLayersOne() {
        assertEquals("layer 'add_1' (Add): merges at least two inputs, got 1 ('input_1')", message(() -> {
            GraphBuilder g = Architecture.graph("t");
            g.build(Add.layer().apply(g.input(IMAGE)));
        }));
        assertEquals("layer 'add_1' (Add): merges at least two inputs, got 1 ('input_1')", message(() ->
                Architecture.builder("t").input(IMAGE).add(Add.layer()).build()));
        assertEquals("layer 'conv2d_1' (Conv2D): takes one input, got 2 ('input_1', 'flat')", message(() -> {
            GraphBuilder g = Architecture.graph("t");
            Node x = g.input(IMAGE);
            g.build(g.add(Conv2D.filters(2), x, Flatten.layer().name("flat").apply(x)));
        }));
    }

    @Test
    void aCycleIsNamedInTheDirectionDataFlows() {
        assertEquals("architecture 't': layers 'a' -> 'b' -> 'c' -> 'a' form a cycle", message(() ->
                Architecture.of("t", "in", IMAGE, List.of(conv("a", 3, "in", "c"), conv("b", 3, "a"),
                        conv("c", 3, "b"), conv("out", 3, "c")), "out")));
        assertEquals("architecture 't': layers 'a' -> 'a' form a cycle", message(() ->
                Architecture.of("t", "in", IMAGE, List.of(ConnectedLayer.of(Add.layer().build("a"), "in", "a")),
                        "a")));
    }

    @Test
    void anUnusedLayerIsNamed() {
        assertEquals("architecture 't': layer 'side' (Conv2D) is unused: the output 'dense_1' does not depend on it",
                message(() -> {
                    GraphBuilder g = Architecture.graph("t");
                    Node x = g.input(IMAGE);
                    Conv2D.filters(2).name("side").apply(x);
                    g.build(Dense.units(2).apply(Flatten.layer().apply(x)));
                }));
        assertEquals("architecture 't': layers 'a' (Conv2D), 'b' (Conv2D) are unused: the output 'out' does not "
                + "depend on them", message(() -> Architecture.of("t", "in", IMAGE, List.of(conv("a", 3, "in"),
                conv("b", 3, "a"), conv("out", 3, "in")), "out")));
    }

    @Test
    void aReferenceToAnUnknownLayerIsNamed() {
        assertEquals("layer 'b' (Conv2D): reads 'conv9', which is neither a layer of architecture 't' nor its input "
                + "'in'", message(() -> Architecture.of("t", "in", IMAGE, List.of(conv("a", 3, "in"),
                conv("b", 3, "conv9")), "b")));
        assertEquals("layer 'a' (Conv2D): reads no input", message(() -> Architecture.of("t", "in", IMAGE,
                List.of(conv("a", 3)), "a")));
        assertEquals("architecture 't': the output 'b' is not one of its layers", message(() ->
                Architecture.of("t", "in", IMAGE, List.of(conv("a", 3, "in")), "b")));
    }

    @Test
    void duplicateNamesAreRejected() {
        assertEquals("architecture 't': two layers are named 'a'", message(() -> {
            GraphBuilder g = Architecture.graph("t");
            Node x = g.input(IMAGE);
            g.build(Conv2D.filters(2).name("a").apply(Conv2D.filters(2).name("a").apply(x)));
        }));
        assertEquals("architecture 't': two layers are named 'a'", message(() -> Architecture.of("t", "in", IMAGE,
                List.of(conv("a", 3, "in"), conv("a", 3, "a")), "a")));
        assertEquals("architecture 't': the input and a layer are both named 'x'", message(() -> {
            GraphBuilder g = Architecture.graph("t");
            g.build(Conv2D.filters(2).name("x").apply(g.input("x", IMAGE)));
        }));
    }

    @Test
    void theBuilderRejectsMisuse() {
        GraphBuilder g = Architecture.graph("t");
        Node x = g.input(IMAGE);
        assertEquals("architecture 't' already has an input; a network has one input", message(() -> g.input(IMAGE)));
        GraphBuilder other = Architecture.graph("u");
        Node foreign = other.input(IMAGE);
        assertEquals("architecture 't': Node[input] belongs to another graph", message(() ->
                g.add(Flatten.layer(), foreign)));
        assertEquals("architecture 't': a layer needs at least one input node", message(() ->
                g.add(Flatten.layer(), List.of())));
        assertEquals("architecture 't' has no layers", message(() -> g.build(x)));
        assertEquals("architecture 'v' has no input; call input(...)", message(() ->
                Architecture.graph("v").build(x)));
    }

    @Test
    void shapeErrorsInsideAGraphStillNameTheLayer() {
        assertEquals("layer 'head' (Dense): needs a flat input but gets (8, 8, 3); add a Flatten layer before it",
                message(() -> {
                    GraphBuilder g = Architecture.graph("t");
                    Node x = g.input(IMAGE);
                    g.build(Add.layer().apply(Dense.units(3).name("head").apply(x), x));
                }));
    }
}
