package org.tribuozoo.dsl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvalidArchitectureTest {

    private static String message(Runnable r) {
        return assertThrows(InvalidArchitectureException.class, r::run).getMessage();
    }

    @Test
    void kernelLargerThanInputIsRejectedNamingTheLayer() {
        String m = message(() -> Architecture.builder("t").input(4, 4, 1).add(Conv2D.filters(1).kernel(5)).build());
        assertEquals("layer 'conv2d_1' (Conv2D): window 5 is larger than the input height 4 with valid padding", m);
    }

    @Test
    void denseAfterAnImageWithoutFlattenIsRejected() {
        String m = message(() -> Architecture.builder("t").input(8, 8, 1)
                .add(Conv2D.filters(2)).add(Dense.units(3).name("head")).build());
        assertEquals("layer 'head' (Dense): needs a flat input but gets (6, 6, 2); add a Flatten layer before it", m);
    }

    @Test
    void convolutionAfterFlattenIsRejected() {
        String m = message(() -> Architecture.builder("t").input(8, 8, 1)
                .add(Flatten.layer()).add(Conv2D.filters(2)).build());
        assertTrue(m.startsWith("layer 'conv2d_1' (Conv2D): needs an image input"), m);
    }

    @Test
    void zeroOrNegativeSizesAreRejected() {
        assertTrue(message(() -> Conv2D.filters(0).build("c")).contains("filters must be positive, got 0"));
        assertTrue(message(() -> Conv2D.filters(3).kernel(-1).build("c")).contains("kernel height must be positive"));
        assertTrue(message(() -> Dense.units(0).build("d")).contains("units must be positive"));
        assertTrue(message(() -> MaxPool2D.size(2).strides(0).build("p")).contains("stride height must be positive"));
        assertTrue(message(() -> ZeroPadding2D.of(-1)).contains("must not be negative"));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(28, 0, 1));
    }

    @Test
    void dropoutRateOutsideTheUnitIntervalIsRejected() {
        assertTrue(message(() -> Dropout.rate(1.0)).contains("rate must be in [0, 1), got 1.0"));
        assertTrue(message(() -> Dropout.rate(-0.1)).contains("rate must be in [0, 1)"));
    }

    @Test
    void duplicateNamesAreRejected() {
        String m = message(() -> Architecture.builder("t").input(8, 8, 1)
                .add(Conv2D.filters(2).name("a")).add(Conv2D.filters(2).name("a")).build());
        assertEquals("architecture 't': two layers are named 'a'", m);
    }

    @Test
    void missingInputAndNoLayersAreRejected() {
        assertTrue(message(() -> Architecture.builder("t").add(Flatten.layer()).build()).contains("no input shape"));
        assertTrue(message(() -> Architecture.builder("t").input(2, 2, 1).build()).contains("has no layers"));
    }

    @Test
    void spatialSoftmaxNeedsAnImage() {
        String m = message(() -> Architecture.builder("t").input(Shape.flat(10)).add(SpatialSoftmax.create()).build());
        assertTrue(m.startsWith("layer 'spatial_softmax_1' (SpatialSoftmax): needs an image input"), m);
    }

    @Test
    void poolingAfterFlattenIsRejected() {
        String m = message(() -> Architecture.builder("t").input(8, 8, 1)
                .add(Flatten.layer()).add(AvgPool2D.size(2)).build());
        assertTrue(m.startsWith("layer 'average_pooling2d_1' (AveragePooling2D): needs an image input"), m);
    }

    @Test
    void poolingRejectsExplicitPadding() {
        assertTrue(message(() -> MaxPool2D.size(2).padding(Padding.explicit(1)).build("p"))
                .contains("use a ZeroPadding2D layer"));
    }

    @Test
    void badLayerNamesAreRejected() {
        assertThrows(InvalidArchitectureException.class, () -> Conv2D.filters(2).name("has space"));
        assertThrows(InvalidArchitectureException.class, () -> Flatten.layer().name(""));
    }
}
