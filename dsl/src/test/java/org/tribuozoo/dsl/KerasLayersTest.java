package org.tribuozoo.dsl;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tribuozoo.dsl.Activation.RELU;
import static org.tribuozoo.dsl.Activation.SOFTMAX;

/**
 * The layers modern Keras networks are made of (batch normalisation, global pooling, depthwise and
 * separable convolutions, dilation, ReLU, Softmax, Reshape): shapes, parameter names and counts as Keras
 * reports them (worked out by hand below), the summary's non-trainable count, JSON and errors.
 */
class KerasLayersTest {

    private static String message(Runnable r) {
        return assertThrows(InvalidArchitectureException.class, r::run).getMessage();
    }

    @Test
    void batchNormalizationOn64ChannelsHas256ParametersOf128NonTrainable() {
        Architecture a = Architecture.builder("bn").input(8, 8, 3)
                .add(Conv2D.filters(64).kernel(3).padding(Padding.same()))
                .add(BatchNormalization.create())
                .add(GlobalAveragePooling2D.create())
                .add(Dense.units(10).activation(SOFTMAX))
                .build();
        // conv 3*3*3*64 + 64 = 1,792; batch norm 4 * 64 = 256; dense 64*10 + 10 = 650.
        assertEquals(256, a.parameterCount("batch_normalization_1"));
        assertEquals(1792 + 256 + 650, a.parameterCount());
        assertEquals(128, a.nonTrainableParameterCount());
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                a.parametersOf("batch_normalization_1").stream().map(Parameter::name).toList());
        assertEquals(List.of(true, true, false, false),
                a.parametersOf("batch_normalization_1").stream().map(Parameter::trainable).toList());
        assertEquals(Shape.flat(64), a.outputShapes().get(2));
        String s = a.summary();
        assertTrue(s.matches("(?s).*batch_normalization_1 \\(BatchNormalization\\)\\s+\\(None, 8, 8, 64\\)\\s+256\n.*"), s);
        assertTrue(s.matches("(?s).*global_average_pooling2d_1 \\(GlobalAveragePooling2D\\)\\s+\\(None, 64\\)\\s+0\n.*"),
                s);
        assertTrue(s.endsWith("Total params: 2,698\nTrainable params: 2,570\nNon-trainable params: 128\n"), s);
    }

    @Test
    void batchNormalizationWithoutCenterAndScaleKeepsOnlyTheMovingStatistics() {
        Architecture a = Architecture.builder("bn").input(Shape.flat(32))
                .add(BatchNormalization.create().center(false).scale(false).name("bn")).build();
        assertEquals(List.of("bn/moving_mean", "bn/moving_variance"),
                a.parameters().stream().map(Parameter::key).toList());
        assertEquals(64, a.nonTrainableParameterCount());
        assertEquals(0, a.trainableParameterCount());
        Architecture gammaOnly = Architecture.builder("bn").input(Shape.flat(32))
                .add(BatchNormalization.create().center(false).name("bn")).build();
        assertEquals(List.of("gamma", "moving_mean", "moving_variance"),
                gammaOnly.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void freezingNeverMakesTheMovingStatisticsTrainable() {
        Architecture a = Architecture.builder("bn").input(4, 4, 8)
                .add(BatchNormalization.create().name("bn")).add(Flatten.layer()).add(Dense.units(2)).build();
        Architecture frozen = a.withFrozen(List.of("bn"));
        assertEquals(32, frozen.nonTrainableParameterCount());
        Architecture unfrozen = frozen.withFrozen(List.of());
        assertEquals(16, unfrozen.nonTrainableParameterCount());
        assertEquals(a, unfrozen);
        assertFalse(unfrozen.parametersOf("bn").get(2).trainable());
    }

    @Test
    void batchNormalizationAxisCountsLikeKeras() {
        BatchNormalization channels = BatchNormalization.create().build("bn");
        assertEquals(2, channels.axisIndex(Shape.of(5, 4, 3)));
        assertTrue(channels.fused(Shape.of(5, 4, 3)));
        assertFalse(channels.fused(Shape.flat(3)));
        BatchNormalization height = BatchNormalization.create().axis(1).build("bn");
        assertEquals(0, height.axisIndex(Shape.of(5, 4, 3)));
        assertFalse(height.fused(Shape.of(5, 4, 3)));
        Architecture a = Architecture.builder("t").input(5, 4, 3).add(BatchNormalization.create().axis(-3)).build();
        assertEquals(Shape.of(5), a.parameters().get(0).shape());
        assertEquals(20, a.parameterCount());
        // Keras's fused kernel (an image over its channels) raises epsilon to 1.001e-5; the others keep it.
        BatchNormalization tiny = BatchNormalization.create().epsilon(1e-6).build("bn");
        assertEquals(1.001e-5, tiny.epsilonFor(Shape.of(2, 2, 3)));
        assertEquals(1e-6, tiny.epsilonFor(Shape.flat(3)));
        assertEquals(1e-3, channels.epsilonFor(Shape.of(2, 2, 3)));
    }

    @Test
    void mobileNetsFirstBlockHasKerasParameterCounts() {
        // Keras Applications' MobileNet (alpha 1.0) on 224x224: conv1 864, conv1_bn 128, conv_dw_1 288,
        // conv_dw_1_bn 128, conv_pw_1 2,048, conv_pw_1_bn 256.
        Architecture a = Architecture.builder("mobilenet-start").input(224, 224, 3)
                .add(Conv2D.filters(32).kernel(3).strides(2).padding(Padding.same()).noBias().name("conv1"))
                .add(BatchNormalization.create().name("conv1_bn"))
                .add(ReLU.create().maxValue(6).name("conv1_relu"))
                .add(DepthwiseConv2D.kernel(3).padding(Padding.same()).noBias().name("conv_dw_1"))
                .add(BatchNormalization.create().name("conv_dw_1_bn"))
                .add(ReLU.create().maxValue(6).name("conv_dw_1_relu"))
                .add(Conv2D.filters(64).kernel(1).padding(Padding.same()).noBias().name("conv_pw_1"))
                .add(BatchNormalization.create().name("conv_pw_1_bn"))
                .add(ReLU.create().maxValue(6).name("conv_pw_1_relu"))
                .add(ZeroPadding2D.of(0, 1, 0, 1).name("conv_pad_2"))
                .add(DepthwiseConv2D.kernel(3).strides(2).noBias().name("conv_dw_2"))
                .build();
        assertEquals(864, a.parameterCount("conv1"));
        assertEquals(128, a.parameterCount("conv1_bn"));
        assertEquals(288, a.parameterCount("conv_dw_1"));
        assertEquals(2048, a.parameterCount("conv_pw_1"));
        assertEquals(256, a.parameterCount("conv_pw_1_bn"));
        assertEquals(576, a.parameterCount("conv_dw_2"));
        assertEquals(864 + 128 + 288 + 128 + 2048 + 256 + 576, a.parameterCount());
        assertEquals(64 + 64 + 128, a.nonTrainableParameterCount());
        assertEquals(Shape.of(112, 112, 32), a.outputShapes().get(3));
        assertEquals(Shape.of(113, 113, 64), a.outputShapes().get(9));
        assertEquals(Shape.of(56, 56, 64), a.outputShape());
        assertEquals(Shape.of(3, 3, 32, 1), a.parametersOf("conv_dw_1").get(0).shape());
        assertEquals("conv_dw_1/depthwise_kernel", a.parametersOf("conv_dw_1").get(0).key());
    }

    @Test
    void resNetsStemHasKerasParameterCounts() {
        // Keras Applications' ResNet50: conv1_conv 9,472 (7*7*3*64 + 64), conv1_bn 256, output 112x112x64.
        Architecture a = Architecture.builder("resnet-stem").input(224, 224, 3)
                .add(ZeroPadding2D.of(3).name("conv1_pad"))
                .add(Conv2D.filters(64).kernel(7).strides(2).name("conv1_conv"))
                .add(BatchNormalization.create().epsilon(1.001e-5).name("conv1_bn"))
                .add(ActivationLayer.of(RELU).name("conv1_relu"))
                .add(ZeroPadding2D.of(1).name("pool1_pad"))
                .add(MaxPool2D.size(3).strides(2).name("pool1_pool"))
                .build();
        assertEquals(9472, a.parameterCount("conv1_conv"));
        assertEquals(256, a.parameterCount("conv1_bn"));
        assertEquals(Shape.of(112, 112, 64), a.outputShapes().get(1));
        assertEquals(Shape.of(56, 56, 64), a.outputShape());
    }

    @Test
    void depthwiseAndSeparableConvolutionsHaveKerasShapesAndCounts() {
        Architecture a = Architecture.builder("t").input(9, 9, 32)
                .add(DepthwiseConv2D.kernel(3).depthMultiplier(2).name("dw"))
                .add(SeparableConv2D.filters(64).kernel(3).padding(Padding.same()).name("sep"))
                .add(SeparableConv2D.filters(8).kernel(2, 3).strides(2).depthMultiplier(3).noBias().name("sep2"))
                .build();
        // dw: 3*3*32*2 + 64 bias; sep: 3*3*64 + 64*64 + 64; sep2: 2*3*64*3 + 192*8.
        assertEquals(3 * 3 * 32 * 2 + 64, a.parameterCount("dw"));
        assertEquals(Shape.of(7, 7, 64), a.outputShapes().get(0));
        assertEquals(576 + 4096 + 64, a.parameterCount("sep"));
        assertEquals(Shape.of(7, 7, 64), a.outputShapes().get(1));
        assertEquals(List.of("depthwise_kernel", "pointwise_kernel", "bias"),
                a.parametersOf("sep").stream().map(Parameter::name).toList());
        assertEquals(Shape.of(1, 1, 64, 64), a.parametersOf("sep").get(1).shape());
        assertEquals(2 * 3 * 64 * 3 + 192 * 8, a.parameterCount("sep2"));
        assertEquals(Shape.of(3, 3, 8), a.outputShape());
        // Keras's SeparableConv2D(64, 3) on 32 channels: 288 + 2,048 + 64.
        assertEquals(2400, Architecture.builder("t").input(5, 5, 32).add(SeparableConv2D.filters(64)).build()
                .parameterCount());
    }

    @Test
    void dilationSpreadsTheKernelWithoutNewParameters() {
        Architecture valid = Architecture.builder("t").input(7, 7, 2)
                .add(Conv2D.filters(3).kernel(3).dilationRate(2)).build();
        assertEquals(Shape.of(3, 3, 3), valid.outputShape());
        assertEquals(3 * 3 * 2 * 3 + 3, valid.parameterCount());
        Conv2D same = Conv2D.filters(3).kernel(3).dilationRate(2, 3).padding(Padding.same()).build("c");
        assertEquals(5, same.effectiveKernelHeight());
        assertEquals(7, same.effectiveKernelWidth());
        assertEquals(new Padding.Explicit(2, 2, 3, 3), same.paddingFor(Shape.of(7, 7, 2)));
        assertEquals(Shape.of(7, 7, 3), same.outputShape(Shape.of(7, 7, 2)));
        assertEquals("layer 'c' (Conv2D): strides above 1 cannot be combined with a dilation rate above 1 (as in Keras)",
                message(() -> Conv2D.filters(1).kernel(3).dilationRate(2, 1).strides(1, 2).build("c")));
        assertTrue(message(() -> Architecture.builder("t").input(4, 4, 1)
                .add(Conv2D.filters(1).kernel(3).dilationRate(2).name("c")).build())
                .startsWith("layer 'c' (Conv2D): window 5 is larger than the input height 4"));
        assertTrue(message(() -> Conv2D.filters(1).dilationRate(0).build("c")).contains("dilation height must be positive"));
    }

    @Test
    void globalPoolingGivesTheChannels() {
        Architecture a = Architecture.builder("t").input(5, 4, 3)
                .add(GlobalMaxPooling2D.create(true)).add(GlobalAveragePooling2D.create()).build();
        assertEquals(Shape.of(1, 1, 3), a.outputShapes().get(0));
        assertEquals(Shape.flat(3), a.outputShape());
        assertTrue(message(() -> Architecture.builder("t").input(Shape.flat(4)).add(GlobalAveragePooling2D.create())
                .build()).startsWith("layer 'global_average_pooling2d_1' (GlobalAveragePooling2D): needs an image"));
    }

    @Test
    void reshapeResolvesOneUnknownDimension() {
        Architecture a = Architecture.builder("t").input(3, 2, 2)
                .add(Reshape.to(2, -1, 3)).add(Reshape.to(-1)).add(Reshape.to(1, 1, 12)).build();
        assertEquals(List.of(Shape.of(2, 2, 3), Shape.flat(12), Shape.of(1, 1, 12)), a.outputShapes());
        assertEquals(0, a.parameterCount());
        assertEquals("layer 'r' (Reshape): cannot reshape (3, 2, 2) (12 values) to (5) (5 values)",
                message(() -> Architecture.builder("t").input(3, 2, 2).add(Reshape.to(5).name("r")).build()));
        assertTrue(message(() -> Architecture.builder("t").input(3, 2, 2).add(Reshape.to(5, -1, 1).name("r"))
                .build()).contains("12 is not a multiple of 5"));
        assertTrue(message(() -> Reshape.to(3, 4)).contains("must be flat (n) or an image"));
        assertTrue(message(() -> Reshape.to(-1, -1, 3)).contains("at most one -1"));
    }

    @Test
    void reluAndSoftmaxSettingsAreChecked() {
        ReLU relu6 = ReLU.create().maxValue(6).build("r");
        assertEquals(OptionalDouble.of(6), relu6.maxValue());
        assertFalse(relu6.isPlain());
        assertTrue(ReLU.create().build("r").isPlain());
        assertTrue(message(() -> ReLU.create().maxValue(-1).build("r")).contains("max_value must be non-negative"));
        assertTrue(message(() -> ReLU.create().negativeSlope(-0.1).build("r"))
                .contains("negative_slope must be non-negative"));
        assertTrue(message(() -> ReLU.create().threshold(Double.NaN).build("r")).contains("threshold"));
        assertTrue(message(() -> Softmax.overAxis(0)).contains("axis 0 is the batch"));
        assertEquals("layer 'softmax_1' (Softmax): axis 4 is not an axis of the input (3, 2, 2) (axis 0 is the batch; "
                + "use 1..3 or -1..-3)", message(() -> Architecture.builder("t").input(3, 2, 2)
                .add(Softmax.overAxis(4)).build()));
        assertTrue(message(() -> BatchNormalization.create().axis(2).build("b").outputShape(Shape.flat(4)))
                .contains("axis 2 is not an axis of the input (4)"));
        assertTrue(message(() -> BatchNormalization.create().momentum(1.5).build("b")).contains("momentum must be in"));
        assertTrue(message(() -> BatchNormalization.create().epsilon(0).build("b")).contains("epsilon must be positive"));
    }

    @Test
    void undilatedConvolutionsKeepTheirJsonBytes() {
        String lenet = SummaryTest.lenet5().toJson();
        assertFalse(lenet.contains("dilation_rate"), lenet);
        assertTrue(lenet.contains("\"strides\" : [ 1, 1 ],\n    \"padding\" : \"same\","), lenet);
        Architecture dilated = Architecture.builder("t").input(9, 9, 1)
                .add(Conv2D.filters(2).kernel(3).dilationRate(2, 3)).build();
        String json = dilated.toJson();
        assertTrue(json.contains("\"strides\" : [ 1, 1 ],\n    \"dilation_rate\" : [ 2, 3 ],\n    \"padding\""), json);
        assertEquals(dilated, Architecture.fromJson(json));
    }

    @Test
    void reluWithoutMaximumWritesNullAndReadsItBack() {
        Architecture a = Architecture.builder("t").input(Shape.flat(3)).add(ReLU.create().negativeSlope(0.3)).build();
        String json = a.toJson();
        assertTrue(json.contains("\"max_value\" : null,"), json);
        assertEquals(a, Architecture.fromJson(json));
        assertEquals("layer 're_lu_1' (re_lu): missing field 'max_value'",
                assertThrows(IllegalArgumentException.class,
                        () -> Architecture.fromJson(json.replace("\"max_value\" : null,", ""))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Architecture.fromJson(json.replace("\"max_value\" : null", "\"max_value\" : \"six\"")))
                .getMessage().contains("field 'max_value' must be a number or null"));
    }

    @Test
    void onesInitializerRoundTrips() {
        Architecture a = Architecture.builder("t").input(Shape.flat(3))
                .add(Dense.units(2).biasInitializer(Initializer.ones())).build();
        assertTrue(a.toJson().contains("\"bias_initializer\" : {\n      \"type\" : \"ones\"\n    }"), a.toJson());
        assertEquals(a, Architecture.fromJson(a.toJson()));
    }
}
