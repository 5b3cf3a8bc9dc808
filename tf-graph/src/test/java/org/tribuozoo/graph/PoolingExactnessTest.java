package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.PositionBias;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.SpatialSoftmax;
import org.tribuozoo.dsl.ZeroPadding2D;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/** Pooling and the parameter-free layers on hand-computed numbers. */
class PoolingExactnessTest {

    private static final TrainingConfig CONFIG = TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd());
    private static final float[] IMAGE = {
        1, 2, 3, 4,
        5, 6, 7, 8,
        9, 10, 11, 12,
        13, 14, 15, 16};

    private static float[] run(Architecture arch, float[] input) {
        try (CompiledNetwork net = CompiledNetwork.compile(arch, CONFIG)) {
            return net.predict(input, 1);
        }
    }

    @Test
    void maxPoolTakesTheMaximumOfEachBlock() {
        Architecture arch = Architecture.builder("max").input(4, 4, 1).add(MaxPool2D.size(2)).build();
        assertArrayEquals(new float[] {6, 8, 14, 16}, run(arch, IMAGE));
    }

    @Test
    void averagePoolTakesTheMeanOfEachBlock() {
        Architecture arch = Architecture.builder("avg").input(4, 4, 1).add(AvgPool2D.size(2)).build();
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, run(arch, IMAGE));
    }

    @Test
    void samePaddedPoolingIgnoresThePadding() {
        // 3x3 input, 2x2 pool, stride 2, same: the last row/column windows cover only real values.
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Architecture max = Architecture.builder("max").input(3, 3, 1)
                .add(MaxPool2D.size(2).padding(Padding.same())).build();
        assertArrayEquals(new float[] {5, 6, 8, 9}, run(max, image));
        Architecture avg = Architecture.builder("avg").input(3, 3, 1)
                .add(AvgPool2D.size(2).padding(Padding.same())).build();
        assertArrayEquals(new float[] {3, 4.5f, 7.5f, 9}, run(avg, image));
    }

    @Test
    void zeroPaddingRescalingAndFlatten() {
        Architecture arch = Architecture.builder("pad").input(2, 2, 1)
                .add(ZeroPadding2D.of(1, 0, 0, 1)).add(Rescaling.of(2, 1)).add(Flatten.layer()).build();
        // Padded 3x3: 0 0 0 / 1 2 0 / 3 4 0, then 2x + 1.
        assertArrayEquals(new float[] {1, 1, 1, 3, 5, 1, 7, 9, 1}, run(arch, new float[] {1, 2, 3, 4}));
    }

    @Test
    void positionBiasAndSpatialSoftmax() {
        Architecture arch = Architecture.builder("policy").input(2, 2, 1)
                .add(PositionBias.create().name("bias")).add(SpatialSoftmax.create()).build();
        Weights w = Weights.builder().put("bias/bias", Shape.of(2, 2, 1), new float[] {0, 0, 0, (float) Math.log(2)})
                .build();
        try (CompiledNetwork net = CompiledNetwork.compile(arch, CONFIG, w)) {
            // Logits 0, 0, 0, ln 2: exp gives 1, 1, 1, 2 out of 5.
            assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f, 0.4f}, net.predict(new float[4], 1), 1e-6f);
        }
    }
}
