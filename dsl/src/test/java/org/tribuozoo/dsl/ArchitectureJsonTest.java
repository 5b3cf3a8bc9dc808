package org.tribuozoo.dsl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tribuozoo.dsl.Activation.RELU;
import static org.tribuozoo.dsl.Activation.SIGMOID;

class ArchitectureJsonTest {

    /** A network using every layer type and every option kind. */
    static Architecture everything() {
        return Architecture.builder("everything")
                .input(19, 19, 3)
                .add(Rescaling.of(1 / 255.0, -0.5))
                .add(ZeroPadding2D.of(1, 2, 3, 4))
                .add(Conv2D.filters(4).kernel(3, 2).strides(2, 1).padding(Padding.explicit(1, 0, 1, 0))
                        .activation(RELU).kernelInitializer(Initializer.heNormal())
                        .biasInitializer(Initializer.constant(0.1)).maxNorm(3))
                .add(Conv2D.filters(4).kernel(2).padding(Padding.same()).noBias()
                        .kernelInitializer(Initializer.randomNormal(0.5, 0.01)))
                .add(Conv2D.filters(4).kernel(3).dilationRate(2, 1).padding(Padding.same()))
                .add(BatchNormalization.create().axis(2).momentum(0.9).epsilon(1e-4).center(false)
                        .movingVarianceInitializer(Initializer.constant(2)))
                .add(ReLU.create().maxValue(6).negativeSlope(0.1).threshold(0.5))
                .add(DepthwiseConv2D.kernel(3).depthMultiplier(2).padding(Padding.same()).noBias().maxNorm(2))
                .add(SeparableConv2D.filters(4).kernel(2).padding(Padding.same())
                        .pointwiseInitializer(Initializer.heNormal()))
                .add(MaxPool2D.size(2).strides(1).padding(Padding.same()))
                .add(AvgPool2D.size(2, 1))
                .add(Conv2D.filters(1).kernel(1).noBias().kernelInitializer(Initializer.glorotNormal()))
                .add(PositionBias.create().name("bias_per_point"))
                .add(ActivationLayer.of(Activation.TANH))
                .add(Softmax.overAxis(1))
                .add(GlobalMaxPooling2D.create(true))
                .add(Reshape.to(1, 1, -1))
                .add(GlobalAveragePooling2D.create())
                .add(BatchNormalization.create())
                .add(Flatten.layer())
                .add(Dropout.rate(0.25))
                .add(Dense.units(7).activation(SIGMOID).kernelInitializer(Initializer.heUniform()).maxNorm(2.5))
                .build();
    }

    /** The network of {@code everything-v1.json}: every layer type there was when that file was written. */
    static Architecture everythingOfVersion1() {
        return Architecture.builder("everything")
                .input(19, 19, 3)
                .add(Rescaling.of(1 / 255.0, -0.5))
                .add(ZeroPadding2D.of(1, 2, 3, 4))
                .add(Conv2D.filters(4).kernel(3, 2).strides(2, 1).padding(Padding.explicit(1, 0, 1, 0))
                        .activation(RELU).kernelInitializer(Initializer.heNormal())
                        .biasInitializer(Initializer.constant(0.1)).maxNorm(3))
                .add(Conv2D.filters(4).kernel(2).padding(Padding.same()).noBias()
                        .kernelInitializer(Initializer.randomNormal(0.5, 0.01)))
                .add(MaxPool2D.size(2).strides(1).padding(Padding.same()))
                .add(AvgPool2D.size(2, 1))
                .add(Conv2D.filters(1).kernel(1).noBias().kernelInitializer(Initializer.glorotNormal()))
                .add(PositionBias.create().name("bias_per_point"))
                .add(ActivationLayer.of(Activation.TANH))
                .add(Flatten.layer())
                .add(Dropout.rate(0.25))
                .add(Dense.units(7).activation(SIGMOID).kernelInitializer(Initializer.heUniform()).maxNorm(2.5))
                .build();
    }

    @Test
    void roundTripGivesAnEqualArchitecture() {
        Architecture a = everything();
        assertEquals(a, Architecture.fromJson(a.toJson()));
        Architecture frozen = a.withFrozen(java.util.List.of("conv2d_1"));
        assertEquals(frozen, Architecture.fromJson(frozen.toJson()));
    }

    @Test
    void serialisationIsByteStable() {
        String first = everything().toJson();
        assertEquals(first, everything().toJson());
        assertEquals(first, Architecture.fromJson(first).toJson());
        assertTrue(first.startsWith("{\n  \"format\" : \"tribuo-zoo-architecture\",\n  \"version\" : 1,\n"), first);
        assertTrue(!first.contains("\r"));
    }

    @Test
    void spatialSoftmaxRoundTrips() {
        Architecture a = Architecture.builder("go").input(3, 3, 2)
                .add(Conv2D.filters(1).kernel(1).noBias()).add(PositionBias.create()).add(SpatialSoftmax.create())
                .build();
        assertEquals(a, Architecture.fromJson(a.toJson()));
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> Architecture.fromJson(json)).getMessage();
    }

    @Test
    void unknownFieldsAreRejectedWithTheirPlace() {
        String json = SummaryTest.lenet5().toJson().replace("\"filters\" : 6,", "\"filters\" : 6, \"dilation\" : 2,");
        assertEquals("layer 'conv2d_1' (conv2d): unknown field 'dilation'", error(json));
        String top = SummaryTest.lenet5().toJson().replace("\"version\" : 1,", "\"version\" : 1, \"author\" : \"x\",");
        assertEquals("architecture JSON: unknown field 'author'", error(top));
    }

    @Test
    void unknownLayerTypesAreRejected() {
        String json = SummaryTest.lenet5().toJson().replace("\"type\" : \"flatten\"", "\"type\" : \"lstm\"");
        assertTrue(error(json).startsWith("architecture JSON: layer 'flatten_1' has unknown type 'lstm'"));
    }

    @Test
    void otherVersionsAndFormatsAreRejected() {
        String json = SummaryTest.lenet5().toJson();
        assertEquals("unsupported architecture JSON version 3 (this build reads versions 1 and 2)",
                error(json.replace("\"version\" : 1", "\"version\" : 3")));
        assertTrue(error(json.replace("tribuo-zoo-architecture", "keras")).contains("format 'keras'"));
    }

    @Test
    void brokenJsonAndBadValuesAreRejected() {
        assertTrue(error("{ not json").startsWith("architecture JSON is not valid JSON"));
        String json = SummaryTest.lenet5().toJson();
        assertEquals("layer 'conv2d_1' (conv2d): field 'filters' must be an integer, got \"six\"",
                error(json.replace("\"filters\" : 6", "\"filters\" : \"six\"")));
        assertTrue(error(json.replace("\"activation\" : \"relu\"", "\"activation\" : \"gelu\"")).contains("unknown activation 'gelu'"));
        assertEquals("layer 'conv2d_1' (conv2d): missing field 'filters'",
                error(json.replace("\"filters\" : 6,", "")));
        // Shape inference still runs on parsed networks.
        assertTrue(error(json.replace("\"input\" : [ 28, 28, 1 ]", "\"input\" : [ 4, 4, 1 ]"))
                .contains("layer 'conv2d_2' (Conv2D)"));
    }

    /** The document of a graph, written out by hand: version 2, the input's name, inbound names, the output. */
    @Test
    void aGraphIsWrittenAsVersion2WithEachLayersInputs() {
        GraphBuilder g = Architecture.graph("tiny");
        Node x = g.input("x", Shape.flat(2));
        Architecture a = g.build(Concatenate.layer().name("cat").apply(x, Dense.units(2).name("a").apply(x)));
        String expected = """
                {
                  "format" : "tribuo-zoo-architecture",
                  "version" : 2,
                  "name" : "tiny",
                  "input" : [ 2 ],
                  "input_name" : "x",
                  "layers" : [ {
                    "type" : "dense",
                    "name" : "a",
                    "inbound" : [ "x" ],
                    "units" : 2,
                    "activation" : "linear",
                    "use_bias" : true,
                    "kernel_initializer" : {
                      "type" : "glorot_uniform"
                    },
                    "bias_initializer" : {
                      "type" : "zeros"
                    },
                    "kernel_constraint" : {
                      "type" : "none"
                    }
                  }, {
                    "type" : "concatenate",
                    "name" : "cat",
                    "inbound" : [ "x", "a" ],
                    "axis" : -1
                  } ],
                  "output" : "cat"
                }
                """;
        assertEquals(expected, a.toJson());
        assertEquals(a, Architecture.fromJson(expected));
    }

    @Test
    void graphsRoundTripByteForByte() {
        for (Architecture a : java.util.List.of(GraphArchitectureTest.tinyResnet(),
                GraphArchitectureTest.tinyDenseBlock(),
                GraphArchitectureTest.tinyResnet().withFrozen(java.util.List.of("conv2d_2", "dense_1")))) {
            String json = a.toJson();
            Architecture read = Architecture.fromJson(json);
            assertEquals(a, read, a.name());
            assertEquals(json, read.toJson(), a.name());
            assertEquals(a.summary(), read.summary(), a.name());
            assertTrue(json.contains("\"version\" : 2,"), json);
        }
    }

    /**
     * A version-1 document written before networks could be graphs (this network with conv2d_1 and dense_1
     * frozen): it still reads, and a sequential network is still written as exactly these bytes.
     */
    @Test
    void version1DocumentsReadAndSequentialNetworksKeepTheirBytes() throws Exception {
        String v1;
        try (var in = ArchitectureJsonTest.class.getResourceAsStream("everything-v1.json")) {
            v1 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Architecture expected = everythingOfVersion1().withFrozen(java.util.List.of("conv2d_1", "dense_1"));
        Architecture read = Architecture.fromJson(v1);
        assertEquals(expected, read);
        assertTrue(read.isSequential());
        assertEquals("input_1", read.inputName());
        assertEquals(v1, read.toJson());
        assertEquals(v1, expected.toJson());
    }

    @Test
    void aChainWithANamedInputIsWrittenAsAGraph() {
        GraphBuilder g = Architecture.graph("named-input");
        Architecture a = g.build(Dense.units(2).apply(g.input("features", Shape.flat(4))));
        assertTrue(a.isSequential());
        String json = a.toJson();
        assertTrue(json.contains("\"version\" : 2,") && json.contains("\"input_name\" : \"features\","), json);
        assertEquals(a, Architecture.fromJson(json));
    }

    @Test
    void graphFieldsAreCheckedPerVersion() {
        String v1 = SummaryTest.lenet5().toJson();
        assertEquals("layer 'conv2d_1' (conv2d): unknown field 'inbound'",
                error(v1.replace("\"name\" : \"conv2d_1\",", "\"name\" : \"conv2d_1\", \"inbound\" : [ \"input_1\" ],")));
        String v2 = GraphArchitectureTest.tinyResnet().toJson();
        assertEquals("layer 'conv2d_1' (conv2d): missing field 'inbound'",
                error(v2.replace("\"inbound\" : [ \"input_1\" ],", "")));
        assertEquals("layer 'conv2d_1' (conv2d): field 'inbound' must be an array of names, got [1]",
                error(v2.replace("\"inbound\" : [ \"input_1\" ],", "\"inbound\" : [ 1 ],")));
        assertEquals("architecture JSON: missing field 'output'", error(v2.replace("\"output\" : \"dense_1\"",
                "\"outputs\" : \"dense_1\"")));
        assertEquals("architecture JSON: missing field 'input_name'", error(v2.replace("\"input_name\"", "\"in\"")));
        assertEquals("layer 'add_1' (Add): reads 'conv2d_9', which is neither a layer of architecture 'tiny_resnet' "
                + "nor its input 'input_1'", error(v2.replace("\"inbound\" : [ \"conv2d_2\", \"conv2d_1\" ]",
                "\"inbound\" : [ \"conv2d_2\", \"conv2d_9\" ]")));
        assertEquals("architecture 'tiny_resnet': layers 'conv2d_1' -> 'conv2d_2' -> 'add_1' -> 'conv2d_1' form a cycle",
                error(v2.replace("\"name\" : \"conv2d_1\",\n    \"inbound\" : [ \"input_1\" ]",
                        "\"name\" : \"conv2d_1\",\n    \"inbound\" : [ \"add_1\" ]")));
    }
}
