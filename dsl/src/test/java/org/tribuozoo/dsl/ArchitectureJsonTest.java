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
        assertEquals("unsupported architecture JSON version 2 (this build reads version 1)",
                error(json.replace("\"version\" : 1", "\"version\" : 2")));
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
}
