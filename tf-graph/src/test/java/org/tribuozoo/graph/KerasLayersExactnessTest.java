package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.DepthwiseConv2D;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.LayerSpec;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.ReLU;
import org.tribuozoo.dsl.Reshape;
import org.tribuozoo.dsl.SeparableConv2D;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.Softmax;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * Global pooling, dilated, depthwise and separable convolutions, ReLU variants, the Softmax layer and
 * Reshape through the compiled graph, on numbers worked out by hand in the comments.
 */
class KerasLayersExactnessTest {

    private static final TrainingConfig MSE = TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd());
    /** The 5x5 image of MISSION.md's first worked convolution. */
    private static final float[] WORKED = {
        7, 8, 1, 8, 8,
        4, 8, 1, 8, 4,
        3, 8, 8, 8, 4,
        2, 8, 7, 2, 7,
        5, 4, 4, 5, 4};

    private static float[] run(Shape input, LayerSpec layer, Weights weights, float[] x) {
        Architecture a = Architecture.builder("t").input(input).add(layer).build();
        try (CompiledNetwork net = CompiledNetwork.compile(a, MSE, weights)) {
            return net.predict(x, Math.toIntExact(x.length / input.elementCount()));
        }
    }

    @Test
    void globalPoolingTakesTheMeanOrMaximumOfEachChannel() {
        // Two channels, 2x2: channel 0 is 1, 2, 3, 4 and channel 1 is -1, -2, -3, -4.
        float[] x = {1, -1, 2, -2, 3, -3, 4, -4};
        Shape in = Shape.of(2, 2, 2);
        assertArrayEquals(new float[] {2.5f, -2.5f}, run(in, GlobalAveragePooling2D.create(), Weights.empty(), x));
        assertArrayEquals(new float[] {4, -1}, run(in, GlobalMaxPooling2D.create(), Weights.empty(), x));
        assertArrayEquals(new float[] {2.5f, -2.5f}, run(in, GlobalAveragePooling2D.create(true), Weights.empty(), x));
        assertArrayEquals(new float[] {4, -1}, run(in, GlobalMaxPooling2D.create(true), Weights.empty(), x));
    }

    @Test
    void dilatedConvolutionSpreadsItsTaps() {
        // Kernel 2x2 = (1, 2 / 3, 4) at dilation 2 reads x[i][j], x[i][j+2], x[i+2][j], x[i+2][j+2]:
        // out(0,0) = 7 + 2*1 + 3*3 + 4*8 = 50, out(1,2) = 1 + 2*4 + 3*7 + 4*7 = 58, ...
        Weights w = Weights.builder().put("c/kernel", Shape.of(2, 2, 1, 1), new float[] {1, 2, 3, 4}).build();
        float[] valid = run(Shape.of(5, 5, 1), Conv2D.filters(1).kernel(2).dilationRate(2).noBias().name("c"), w,
                WORKED);
        assertArrayEquals(new float[] {50, 80, 57, 40, 56, 58, 50, 56, 44}, valid);
        // Same padding pads the dilated extent 3 by one on each side: out(0,0) sees only x[1][1] = 8 under
        // the weight 4; out(2,2) is the valid out(1,1).
        float[] same = run(Shape.of(5, 5, 1), Conv2D.filters(1).kernel(2).dilationRate(2).padding(Padding.same())
                .noBias().name("c"), w, WORKED);
        assertEquals(25, same.length);
        assertEquals(32, same[0]);
        assertEquals(56, same[2 * 5 + 2]);
    }

    @Test
    void depthwiseConvolutionConvolvesEachChannelOnItsOwn() {
        // Channel 0 = (1, 2 / 3, 4), channel 1 = (5, 6 / 7, 8). Kernels (depth multiplier 2):
        // channel 0: (1, 0 / 0, 1) -> 5 and (1, 1 / 1, 1) -> 10; channel 1: (0, 1 / 1, 0) -> 13 and
        // (1, -1 / 0, 2) -> 5 - 6 + 16 = 15. Output channel i * 2 + m, plus the bias.
        float[] kernel = {1, 1, 0, 1, 0, 1, 1, -1, 0, 1, 1, 0, 1, 1, 0, 2}; // (kh, kw, in, multiplier)
        Weights w = Weights.builder().put("d/depthwise_kernel", Shape.of(2, 2, 2, 2), kernel)
                .put("d/bias", Shape.of(4), new float[] {0.5f, 0, 0, -1}).build();
        assertArrayEquals(new float[] {5.5f, 10, 13, 14}, run(Shape.of(2, 2, 2),
                DepthwiseConv2D.kernel(2).depthMultiplier(2).name("d"), w, new float[] {1, 5, 2, 6, 3, 7, 4, 8}));
        // 3x3 image 1..9, kernel (1, 2 / 3, 4), stride 2, same: one row and column of zeros at the bottom
        // and right. out(0,0) = 1 + 4 + 12 + 20 = 37, out(0,1) = 3 + 3*6 = 21, out(1,0) = 7 + 2*8 = 23, out(1,1) = 9.
        Weights single = Weights.builder().put("d/depthwise_kernel", Shape.of(2, 2, 1, 1), new float[] {1, 2, 3, 4})
                .build();
        assertArrayEquals(new float[] {37, 21, 23, 9}, run(Shape.of(3, 3, 1),
                DepthwiseConv2D.kernel(2).strides(2).padding(Padding.same()).noBias().name("d"), single,
                new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
    }

    @Test
    void separableConvolutionIsDepthwiseThenPointwise() {
        // Depthwise: channel 0 with (1, 0 / 0, 1) -> 1 + 4 = 5, channel 1 with (0, 1 / 1, 0) -> 6 + 7 = 13.
        // Pointwise (in, out) = (1, -1 / 2, 0.5): 5 + 26 = 31 and -5 + 6.5 = 1.5; bias (1, -1): 32, 0.5.
        Weights w = Weights.builder()
                .put("s/depthwise_kernel", Shape.of(2, 2, 2, 1), new float[] {1, 0, 0, 1, 0, 1, 1, 0})
                .put("s/pointwise_kernel", Shape.of(1, 1, 2, 2), new float[] {1, -1, 2, 0.5f})
                .put("s/bias", Shape.of(2), new float[] {1, -1}).build();
        assertArrayEquals(new float[] {32, 0.5f}, run(Shape.of(2, 2, 2),
                SeparableConv2D.filters(2).kernel(2).activation(Activation.RELU).name("s"), w,
                new float[] {1, 5, 2, 6, 3, 7, 4, 8}));
    }

    @Test
    void reluLayerFollowsKerasForEverySetting() {
        float[] x = {-3, -1, 0, 0.25f, 0.5f, 1, 5, 7};
        Shape in = Shape.flat(8);
        assertArrayEquals(new float[] {0, 0, 0, 0.25f, 0.5f, 1, 5, 7}, run(in, ReLU.create(), Weights.empty(), x));
        assertArrayEquals(new float[] {0, 0, 0, 0.25f, 0.5f, 1, 5, 6},
                run(in, ReLU.create().maxValue(6), Weights.empty(), x));
        assertArrayEquals(new float[] {0, 0, 0, 0.25f, 0.5f, 1, 2.5f, 2.5f},
                run(in, ReLU.create().maxValue(2.5), Weights.empty(), x));
        assertArrayEquals(new float[] {-0.3f, -0.1f, 0, 0.25f, 0.5f, 1, 5, 7},
                run(in, ReLU.create().negativeSlope(0.1), Weights.empty(), x), 1e-7f);
        // Threshold 0.5, maximum 2, slope 0.2: min(x, 2) above 0.5, else 0.2 (x - 0.5).
        assertArrayEquals(new float[] {-0.7f, -0.3f, -0.1f, -0.05f, 0, 1, 2, 2},
                run(in, ReLU.create().threshold(0.5).maxValue(2).negativeSlope(0.2), Weights.empty(), x), 1e-7f);
        // Threshold alone: x above it, 0 elsewhere (including at it).
        // (Delta 0 is exact but lets x * 0 = -0.0 for a negative x pass as 0.)
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 5, 7},
                run(in, ReLU.create().threshold(0.5), Weights.empty(), x), 0f);
    }

    @Test
    void softmaxLayerNormalisesOneAxis() {
        float ln2 = (float) Math.log(2);
        float ln3 = (float) Math.log(3);
        // A 2x1 image with 2 channels: pixel 0 = (0, ln 3), pixel 1 = (ln 2, 0).
        float[] x = {0, ln3, ln2, 0};
        // Over the channels: (1/4, 3/4) and (2/3, 1/3).
        assertArrayEquals(new float[] {0.25f, 0.75f, 2 / 3f, 1 / 3f},
                run(Shape.of(2, 1, 2), Softmax.create(), Weights.empty(), x), 1e-6f);
        // Over the height: channel 0 = (0, ln 2) -> (1/3, 2/3), channel 1 = (ln 3, 0) -> (3/4, 1/4).
        assertArrayEquals(new float[] {1 / 3f, 0.75f, 2 / 3f, 0.25f},
                run(Shape.of(2, 1, 2), Softmax.overAxis(1), Weights.empty(), x), 1e-6f);
    }

    @Test
    void reshapeKeepsTheRowMajorOrder() {
        // 1..12 as (3, 2, 2) then (2, 2, 3): pixel p holds 3p+1, 3p+2, 3p+3, so the channel maxima are 10, 11, 12.
        float[] x = new float[12];
        for (int i = 0; i < 12; i++) {
            x[i] = i + 1;
        }
        Architecture a = Architecture.builder("t").input(3, 2, 2).add(Reshape.to(2, 2, 3))
                .add(GlobalMaxPooling2D.create()).build();
        try (CompiledNetwork net = CompiledNetwork.compile(a, MSE)) {
            assertArrayEquals(new float[] {10, 11, 12}, net.predict(x, 1));
        }
        // A flat 1..6 as a 1x2 image of 3 channels: channel means (1+4)/2, (2+5)/2, (3+6)/2.
        Architecture flatToImage = Architecture.builder("t").input(Shape.flat(6)).add(Reshape.to(1, 2, -1))
                .add(GlobalAveragePooling2D.create()).build();
        try (CompiledNetwork net = CompiledNetwork.compile(flatToImage, MSE)) {
            assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, net.predict(new float[] {1, 2, 3, 4, 5, 6}, 1));
        }
    }

    @Test
    void aReshapeAfterASoftmaxKeepsTheProbabilities() {
        // Keras's older MobileNet ends with a 1x1 convolution, a softmax and a Reshape to (classes).
        // Logits (0, ln 2, ln 5) give (1/8, 2/8, 5/8); read as logits again they would not.
        Architecture a = Architecture.builder("t").input(1, 1, 2)
                .add(Conv2D.filters(3).kernel(1).noBias().activation(Activation.SOFTMAX).name("c"))
                .add(Reshape.to(3)).build();
        Weights w = Weights.builder().put("c/kernel", Shape.of(1, 1, 2, 3),
                new float[] {0, (float) Math.log(2), (float) Math.log(5), 0, 0, 0}).build();
        try (CompiledNetwork net = CompiledNetwork.compile(a,
                TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.sgd()), w)) {
            assertArrayEquals(new float[] {0.125f, 0.25f, 0.625f}, net.predict(new float[] {1, 0}, 1), 1e-6f);
            // The loss starts from the logits: -log(5/8) for the third class.
            assertEquals(-Math.log(0.625), net.evaluate(new Images(new float[] {1, 0}, 1, a.inputShape()),
                    Targets.classes(new int[] {2}, 3)).loss(), 1e-6);
        }
    }
}
