package org.tribuozoo.dsl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tribuozoo.dsl.Activation.RELU;
import static org.tribuozoo.dsl.Activation.SOFTMAX;

class ShapeInferenceTest {

    private static Shape conv(Shape in, Conv2D.Builder conv) {
        return Architecture.builder("t").input(in).add(conv).build().outputShape();
    }

    @Test
    void workedExampleFiveByFiveWithThreeByThreeValidGivesThreeByThree() {
        // MISSION.md: (5 + 2*0 - 3) / 1 + 1 = 3
        assertEquals(Shape.of(3, 3, 1), conv(Shape.of(5, 5, 1), Conv2D.filters(1).kernel(3)));
    }

    @Test
    void workedExampleStrideTwoPaddingOneGivesThreeByThree() {
        // MISSION.md: (5 + 2*1 - 3) / 2 + 1 = 3, two filters
        assertEquals(Shape.of(3, 3, 2),
                conv(Shape.of(5, 5, 3), Conv2D.filters(2).kernel(3).strides(2).padding(Padding.explicit(1))));
    }

    @Test
    void sameWithOddKernelPadsEvenly() {
        assertEquals(new Padding.Explicit(2, 2, 2, 2), Padding.same().resolve(28, 28, 5, 5, 1, 1));
        assertEquals(Shape.of(28, 28, 6), conv(Shape.of(28, 28, 1), Conv2D.filters(6).kernel(5).padding(Padding.same())));
    }

    @Test
    void sameWithEvenKernelPadsTheExtraRowAndColumnAtBottomRight() {
        assertEquals(new Padding.Explicit(0, 1, 0, 1), Padding.same().resolve(28, 28, 2, 2, 1, 1));
        assertEquals(new Padding.Explicit(1, 2, 1, 2), Padding.same().resolve(7, 7, 4, 4, 1, 1));
        assertEquals(Shape.of(14, 14, 64), conv(Shape.of(14, 14, 32), Conv2D.filters(64).kernel(2).padding(Padding.same())));
    }

    @Test
    void sameWithStrideIsCeilOfInputOverStride() {
        assertEquals(Shape.of(3, 3, 1), conv(Shape.of(5, 5, 1), Conv2D.filters(1).kernel(3).strides(2).padding(Padding.same())));
        assertEquals(Shape.of(4, 4, 1), conv(Shape.of(7, 7, 1), Conv2D.filters(1).kernel(2).strides(2).padding(Padding.same())));
        // TensorFlow: in 6, window 3, stride 2 -> out 3, total pad 1, put after.
        assertEquals(new Padding.Explicit(0, 1, 0, 1), Padding.same().resolve(6, 6, 3, 3, 2, 2));
    }

    @Test
    void poolingDefaultsToStridesEqualToThePool() {
        Architecture a = Architecture.builder("t").input(28, 28, 6).add(MaxPool2D.size(2)).add(AvgPool2D.size(3)).build();
        assertEquals(Shape.of(14, 14, 6), a.outputShapes().get(0));
        assertEquals(Shape.of(4, 4, 6), a.outputShapes().get(1));
        MaxPool2D pool = (MaxPool2D) a.layers().get(0);
        assertEquals(2, pool.strideHeight());
    }

    @Test
    void samePoolingRoundsUp() {
        Architecture a = Architecture.builder("t").input(7, 7, 1)
                .add(MaxPool2D.size(2).strides(2).padding(Padding.same())).build();
        assertEquals(Shape.of(4, 4, 1), a.outputShape());
    }

    @Test
    void zeroPaddingFlattenDenseAndSpatialSoftmax() {
        Architecture a = Architecture.builder("t").input(19, 19, 2)
                .add(ZeroPadding2D.of(2))
                .add(Conv2D.filters(1).kernel(5))
                .add(PositionBias.create())
                .add(SpatialSoftmax.create())
                .build();
        assertEquals(Shape.of(23, 23, 2), a.outputShapes().get(0));
        assertEquals(Shape.of(19, 19, 1), a.outputShapes().get(1));
        assertEquals(Shape.of(361), a.outputShape());
        assertEquals(361, a.parameterCount("position_bias_1"));
    }

    @Test
    void parameterShapesAreInTensorFlowLayout() {
        Architecture a = Architecture.builder("t").input(8, 8, 3)
                .add(Conv2D.filters(4).kernel(3, 2))
                .add(Flatten.layer())
                .add(Dense.units(5).noBias())
                .build();
        assertEquals(Shape.of(3, 2, 3, 4), a.parameters().get(0).shape());
        assertEquals("conv2d_1/kernel", a.parameters().get(0).key());
        assertEquals(Shape.of(4), a.parameters().get(1).shape());
        assertEquals(Shape.of(6 * 7 * 4, 5), a.parameters().get(2).shape());
        assertEquals(3, a.parameters().size());
        assertEquals(3 * 2 * 3 * 4 + 4 + 168 * 5, a.parameterCount());
    }

    @Test
    void namesAreGeneratedKerasStyleAndSkipGivenNames() {
        Architecture a = Architecture.builder("t").input(28, 28, 1)
                .add(Conv2D.filters(2).name("conv2d_1"))
                .add(Conv2D.filters(2))
                .add(MaxPool2D.size(2))
                .add(Conv2D.filters(2).name("mine"))
                .add(Flatten.layer())
                .add(Dense.units(3).activation(SOFTMAX))
                .build();
        assertEquals(java.util.List.of("conv2d_1", "conv2d_2", "max_pooling2d_1", "mine", "flatten_1", "dense_1"),
                a.layers().stream().map(Layer::name).toList());
    }

    @Test
    void frozenLayersBecomeNonTrainable() {
        Architecture a = Architecture.builder("t").input(4, 4, 1)
                .add(Conv2D.filters(2).kernel(3).activation(RELU))
                .add(Flatten.layer())
                .add(Dense.units(2))
                .build()
                .withFrozen(java.util.List.of("conv2d_1"));
        assertEquals(20, a.nonTrainableParameterCount());
        assertEquals(8 * 2 + 2, a.trainableParameterCount());
        assertTrue(a.summary().contains("Non-trainable params: 20\n"));
        assertThrows(InvalidArchitectureException.class, () -> a.withFrozen(java.util.List.of("nope")));
    }
}
