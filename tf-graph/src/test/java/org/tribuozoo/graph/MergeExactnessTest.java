package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Average;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.GraphBuilder;
import org.tribuozoo.dsl.LayerSpec;
import org.tribuozoo.dsl.Multiply;
import org.tribuozoo.dsl.Node;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * Each merge layer through the compiled graph against numbers worked out by hand: a 2x2 image with two
 * channels, x = 1..8 in (h, w, c) order, merged with r = 10x + 1 (a rescaled copy of itself).
 */
class MergeExactnessTest {

    private static final TrainingConfig CONFIG = TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd());
    private static final float[] X = {1, 2, 3, 4, 5, 6, 7, 8};

    /** The merge of the input x and r = 10x + 1, or of x, r and x again. */
    private static float[] merge(LayerSpec merge, boolean withXTwice) {
        GraphBuilder g = Architecture.graph("merge");
        Node x = g.input(2, 2, 2);
        Node r = Rescaling.of(10, 1).apply(x);
        Architecture arch = g.build(withXTwice ? merge.apply(x, r, x) : merge.apply(x, r));
        try (CompiledNetwork net = CompiledNetwork.compile(arch, CONFIG)) {
            return net.predict(X, 1);
        }
    }

    @Test
    void addSumsEveryInput() {
        // x + (10x + 1) + x = 12x + 1
        assertArrayEquals(new float[] {13, 25, 37, 49, 61, 73, 85, 97}, merge(Add.layer(), true));
    }

    @Test
    void multiplyMultipliesElementwise() {
        // x (10x + 1)
        assertArrayEquals(new float[] {11, 42, 93, 164, 255, 366, 497, 648}, merge(Multiply.layer(), false));
        // x (10x + 1) x
        assertArrayEquals(new float[] {11, 84, 279, 656, 1275, 2196, 3479, 5184}, merge(Multiply.layer(), true));
    }

    @Test
    void averageIsTheMean() {
        // (x + 10x + 1) / 2
        assertArrayEquals(new float[] {6, 11.5f, 17, 22.5f, 28, 33.5f, 39, 44.5f}, merge(Average.layer(), false));
        // (x + 10x + 1 + x) / 3 = 4x + 1/3
        float[] expected = new float[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = (float) ((12 * X[i] + 1) / 3.0);
        }
        assertArrayEquals(expected, merge(Average.layer(), true), 1e-5f);
    }

    @Test
    void concatenateJoinsChannelsPerPixel() {
        // Pixel by pixel: x's two channels, then r's.
        assertArrayEquals(new float[] {1, 2, 11, 21, 3, 4, 31, 41, 5, 6, 51, 61, 7, 8, 71, 81},
                merge(Concatenate.layer(), false));
        assertArrayEquals(merge(Concatenate.layer(), false), merge(Concatenate.axis(3), false));
    }

    @Test
    void concatenateAlongWidthAndHeight() {
        // Width (axis 2): each row holds x's two pixels, then r's: a 2x4x2 image.
        assertArrayEquals(new float[] {1, 2, 3, 4, 11, 21, 31, 41, 5, 6, 7, 8, 51, 61, 71, 81},
                merge(Concatenate.axis(2), false));
        // Height (axis 1 = -3): x's rows, then r's: a 4x2x2 image.
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 11, 21, 31, 41, 51, 61, 71, 81},
                merge(Concatenate.axis(-3), false));
    }

    @Test
    void concatenateFlatVectors() {
        GraphBuilder g = Architecture.graph("flat");
        Node x = g.input(Shape.flat(3));
        Architecture arch = g.build(Concatenate.layer().apply(Rescaling.of(-1, 0).apply(x), x));
        try (CompiledNetwork net = CompiledNetwork.compile(arch, CONFIG)) {
            assertArrayEquals(new float[] {-1, -2, -3, 1, 2, 3, -4, -5, -6, 4, 5, 6},
                    net.predict(new float[] {1, 2, 3, 4, 5, 6}, 2));
        }
    }

    /**
     * Two dropouts on parallel branches draw independent masks (each layer its own stream), and the same
     * seed gives the same masks: with rate 0.5 a kept value is 2, so against target 0 the product of the
     * branches has a mean square of 16 * 1/4 = 4 with independent masks (8 if the masks were the same).
     */
    @Test
    void parallelDropoutsDrawIndependentSeededMasks() {
        int units = 20000;
        GraphBuilder g = Architecture.graph("two-dropouts");
        Node x = g.input(Shape.flat(units));
        Node product = Multiply.layer().apply(Dropout.rate(0.5).apply(x), Dropout.rate(0.5).apply(x));
        Architecture arch = g.build(product);
        float[] ones = new float[units];
        Arrays.fill(ones, 1f);
        Images input = new Images(ones, 1, Shape.flat(units));
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (CompiledNetwork net = CompiledNetwork.compile(arch, CONFIG.withSeed(9))) {
                losses[run] = net.fit(TrainingData.inMemory(input, Targets.of(new float[units], units), 5, true),
                        FitOptions.of(1, 1)).last().loss();
                assertEquals(1.0, net.evaluate(input, Targets.of(new float[units], units)).loss(), 0.0,
                        "inference never drops");
            }
        }
        assertEquals(4.0, losses[0], 0.2);
        assertEquals(losses[0], losses[1], 0.0, "same seed, same masks");
    }
}
