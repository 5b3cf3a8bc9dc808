package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/** The two worked convolution examples of MISSION.md through the compiled graph, with fixed weights. */
class ConvolutionExactnessTest {

    private static final TrainingConfig CONFIG = TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd());

    @Test
    void singleChannelValidConvolution() {
        Architecture arch = Architecture.builder("worked1").input(5, 5, 1)
                .add(Conv2D.filters(1).kernel(3).noBias().name("conv")).build();
        float[] image = {
            7, 8, 1, 8, 8,
            4, 8, 1, 8, 4,
            3, 8, 8, 8, 4,
            2, 8, 7, 2, 7,
            5, 4, 4, 5, 4};
        // HWIO with one input and one output channel: the filter's rows in order.
        float[] kernel = {1, 0, 1, 1, 0, 1, 1, 1, 1};
        Weights w = Weights.builder().put("conv/kernel", Shape.of(3, 3, 1, 1), kernel).build();
        try (CompiledNetwork net = CompiledNetwork.compile(arch, CONFIG, w)) {
            assertArrayEquals(new float[] {32, 56, 34, 33, 49, 33, 33, 39, 39}, net.predict(image, 1));
        }
    }

    /** A kernel as large as its input (LeNet's C5) is compiled as a matrix product: same numbers, same order. */
    @Test
    void kernelCoveringTheWholeInputIsOneDotProductPerFilter() {
        Architecture arch = Architecture.builder("whole").input(2, 3, 2)
                .add(Conv2D.filters(2).kernel(2, 3).name("conv")).build();
        float[] image = new float[2 * 3 * 2];
        float[] kernel = new float[2 * 3 * 2 * 2];
        for (int i = 0; i < image.length; i++) {
            image[i] = i + 1;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (i % 5) - 2;
        }
        // HWIO: kernel[((h * 3 + w) * 2 + c) * 2 + f] meets image[(h * 3 + w) * 2 + c].
        float[] expected = {0.5f, -1};
        for (int i = 0; i < image.length; i++) {
            for (int f = 0; f < 2; f++) {
                expected[f] += image[i] * kernel[i * 2 + f];
            }
        }
        Weights w = Weights.builder().put("conv/kernel", Shape.of(2, 3, 2, 2), kernel)
                .put("conv/bias", Shape.of(2), new float[] {0.5f, -1}).build();
        try (CompiledNetwork net = CompiledNetwork.compile(arch, CONFIG, w)) {
            assertArrayEquals(expected, net.predict(image, 1));
            float[] two = new float[2 * image.length];
            System.arraycopy(image, 0, two, image.length, image.length);
            assertArrayEquals(new float[] {0.5f, -1, expected[0], expected[1]}, net.predict(two, 2));
        }
    }

    @Test
    void threeChannelsTwoFiltersPaddingOneStrideTwo() {
        float[][] channels = {
            {2, 2, 1, 2, 1, 0, 0, 1, 1, 2, 2, 2, 2, 0, 2, 2, 0, 1, 1, 0, 1, 1, 0, 2, 0},
            {1, 0, 2, 1, 2, 1, 2, 0, 2, 2, 1, 2, 2, 0, 0, 2, 1, 1, 1, 0, 1, 0, 2, 1, 2},
            {0, 0, 1, 2, 1, 2, 2, 2, 0, 1, 0, 0, 0, 1, 1, 2, 2, 2, 2, 1, 2, 0, 0, 1, 1}};
        float[][][] filters = {
            {{1, -1, 0, 1, -1, 0, -1, 1, 0}, {0, 0, 0, -1, 1, 1, 1, 0, -1}, {-1, 1, -1, 1, 1, 1, 1, 0, -1}},
            {{0, 1, 1, 0, -1, -1, 1, 1, 0}, {1, -1, 0, 0, 1, 1, 0, 0, 0}, {0, 1, 0, -1, 0, -1, -1, 0, 0}}};
        float[] image = new float[5 * 5 * 3];
        for (int pos = 0; pos < 25; pos++) {
            for (int c = 0; c < 3; c++) {
                image[pos * 3 + c] = channels[c][pos]; // NHWC: channels innermost
            }
        }
        float[] kernel = new float[3 * 3 * 3 * 2];
        for (int pos = 0; pos < 9; pos++) {
            for (int c = 0; c < 3; c++) {
                for (int f = 0; f < 2; f++) {
                    kernel[(pos * 3 + c) * 2 + f] = filters[f][c][pos]; // HWIO
                }
            }
        }
        float[] expectedLogits = interleave(new float[] {-4, 11, 9, 1, 2, 3, 1, 3, 6},
                new float[] {-3, -3, 2, 2, 4, -1, 1, 4, 3});
        for (Activation activation : new Activation[] {Activation.LINEAR, Activation.RELU}) {
            Architecture arch = Architecture.builder("worked2").input(5, 5, 3)
                    .add(Conv2D.filters(2).kernel(3).strides(2).padding(Padding.explicit(1)).activation(activation)
                            .name("conv")).build();
            Weights w = Weights.builder().put("conv/kernel", Shape.of(3, 3, 3, 2), kernel)
                    .put("conv/bias", Shape.of(2), new float[] {1, 0}).build();
            float[] expected = expectedLogits.clone();
            if (activation == Activation.RELU) {
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = Math.max(0, expected[i]);
                }
            }
            try (CompiledNetwork net = CompiledNetwork.compile(arch, CONFIG, w)) {
                // Delta 0 is exact but lets oneDNN's ReLU return -0.0 for a negative input.
                assertArrayEquals(expected, net.predict(image, 1), 0f, activation.toString());
            }
        }
    }

    /** Two 3x3 feature maps into one HWC array with 2 channels. */
    private static float[] interleave(float[] a, float[] b) {
        float[] out = new float[a.length * 2];
        for (int i = 0; i < a.length; i++) {
            out[2 * i] = a[i];
            out[2 * i + 1] = b[i];
        }
        return out;
    }
}
