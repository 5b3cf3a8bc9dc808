package org.tribuozoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.zoo.KerasApplications.Pooling;
import org.tribuozoo.zoo.KerasApplications.Top;

/**
 * Keras Applications' networks: the parameter counts Keras prints for each (total, trainable,
 * non-trainable), with and without the top, and Keras's layer names.
 */
class KerasApplicationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "resnet50,    25636712,  25583592,  53120",
            "densenet121,  8062504,   7978856,  83648",
            "mobilenet,    4253864,   4231976,  21888",
            "vgg16,      138357544, 138357544,      0",
            "resnet20,      274442,    273066,   1376"})
    void zooEntriesHaveKerassParameterCounts(String name, long total, long trainable, long nonTrainable) {
        Architecture a = ModelZoo.get(name).architecture();
        assertEquals(total, a.parameterCount());
        assertEquals(trainable, a.trainableParameterCount());
        assertEquals(nonTrainable, a.nonTrainableParameterCount());
        String summary = a.summary();
        assertTrue(summary.contains(String.format("Total params: %,d", total)), summary);
        assertTrue(summary.contains(String.format("Non-trainable params: %,d", nonTrainable)), summary);
    }

    /** Keras's counts with include_top=False: the same for pooling none, avg or max (pooling has no weights). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "resnet50,    23587712",
            "densenet121,  7037504",
            "mobilenet,    3228864",
            "vgg16,       14714688"})
    void withoutTheTop(String name, long total) {
        for (Pooling p : Pooling.values()) {
            Architecture a = build(name, Shape.image(224, 224, 3), 1000, Top.features(p));
            assertEquals(total, a.parameterCount(), name + " " + p);
            Shape out = a.outputShape();
            assertEquals(p == Pooling.NONE, out.isImage(), name + " " + p + " gives " + out);
        }
    }

    @Test
    void kerasLayerNames() {
        Architecture r = ModelZoo.get("resnet50").architecture();
        for (String layer : new String[] {"conv1_pad", "conv1_conv", "conv1_bn", "pool1_pool", "conv2_block1_0_conv",
                "conv2_block1_add", "conv4_block6_out", "conv5_block3_3_bn", "avg_pool", "predictions"}) {
            r.layer(layer);
        }
        assertEquals(java.util.List.of("conv2_block1_0_bn", "conv2_block1_3_bn"), r.inboundOf("conv2_block1_add"));
        Architecture d = ModelZoo.get("densenet121").architecture();
        for (String layer : new String[] {"conv1_conv", "pool1", "conv2_block6_concat", "pool4_pool",
                "conv5_block16_2_conv", "bn", "avg_pool"}) {
            d.layer(layer);
        }
        Architecture m = ModelZoo.get("mobilenet").architecture();
        for (String layer : new String[] {"conv1", "conv_pad_2", "conv_dw_13_relu", "conv_pw_13_bn", "conv_preds",
                "reshape_2", "predictions"}) {
            m.layer(layer);
        }
        assertEquals(Shape.flat(1000), m.outputShape());
        ModelZoo.get("vgg16").architecture().layer("block5_conv3");
        assertEquals("predictions", r.layers().get(r.layers().size() - 1).name());
    }

    @Test
    void otherInputsAndClassCounts() {
        Architecture small = ModelZoo.get("resnet50").architecture(Shape.image(64, 64, 3), 10);
        assertEquals(Shape.flat(10), small.outputShape());
        assertEquals(25636712 - 1000 * 2049 + 10 * 2049, small.parameterCount());
        Architecture cifar = ModelZoo.get("mobilenet").architecture(Shape.image(32, 32, 3), 10);
        assertEquals(Shape.flat(10), cifar.outputShape());
        assertThrows(IllegalArgumentException.class, () -> new Top(true, Pooling.AVG));
    }

    private static Architecture build(String name, Shape in, int classes, Top top) {
        return switch (name) {
            case "resnet50" -> KerasApplications.resnet50(name, in, classes, top);
            case "densenet121" -> KerasApplications.densenet121(name, in, classes, top);
            case "mobilenet" -> KerasApplications.mobilenet(name, in, classes, top);
            case "vgg16" -> KerasApplications.vgg16(name, in, classes, top);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
