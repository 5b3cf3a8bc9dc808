package org.tribuozoo.dsl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tribuozoo.dsl.Activation.RELU;

/** Networks beyond {@link NetworkLimits} are refused when built, naming the layer; the limits are configurable. */
class NetworkLimitsTest {

    private static String refused(Runnable build) {
        return assertThrows(InvalidArchitectureException.class, build::run).getMessage();
    }

    /** lenet5 rebuilt for 2000x2000 images, as an IDX header of that size would have it. */
    @Test
    void lenet5ForHugeImagesIsRefusedAtItsDenseKernel() {
        Architecture small = SummaryTest.lenet5();
        // 494 x 494 x 120 flattened values times 84 units.
        assertEquals("architecture 'lenet5': layer 'dense_1' (Dense) has a kernel of 2,459,882,880 values "
                        + "(29284320, 84), more than the limit of 2,147,483,647 (system property tribuozoo.limits.tensorElements)",
                refused(() -> small.withInputShape(Shape.image(2000, 2000, 1))));
    }

    @Test
    void anActivationLargerThanATensorIsRefusedNamingTheLayer() {
        assertEquals("architecture 'wide': layer 'conv2d_1' (Conv2D) outputs 3,200,000,000 values (40000, 40000, 2) "
                        + "per example, more than the limit of 2,147,483,647 (system property tribuozoo.limits.tensorElements)",
                refused(() -> Architecture.builder("wide").input(40000, 40000, 1)
                        .add(Conv2D.filters(2).kernel(3).padding(Padding.same())).build()));
    }

    @Test
    void anInputLargerThanATensorIsRefused() {
        assertEquals("architecture 'huge': the input (50000, 50000, 1) holds 2,500,000,000 values per example, "
                        + "more than the limit of 2,147,483,647 (system property tribuozoo.limits.tensorElements)",
                refused(() -> Architecture.builder("huge").input(50000, 50000, 1).add(Flatten.layer()).build()));
    }

    @Test
    void shapesTooLargeToCountCannotOverflowPastTheLimit() {
        Shape s = Shape.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, s.elementCount());
        String m = refused(() -> Architecture.builder("x").input(s).add(Flatten.layer()).build());
        assertEquals("architecture 'x': the input (2147483647, 2147483647, 2147483647) holds more than "
                + "9,223,372,036,854,775,807 values per example, more than the limit of 2,147,483,647 "
                + "(system property tribuozoo.limits.tensorElements)", m);
    }

    /** Each layer fits a tensor, the sum does not: the message names the largest layer. */
    @Test
    void tooManyParametersInAllAreRefusedNamingTheLargestLayer() {
        assertEquals("architecture 'deep' has 3,200,040,000 parameters, more than the limit of 2,147,483,647 "
                        + "(system property tribuozoo.limits.parameters); its largest layer is 'b' with 1,600,040,000",
                refused(() -> Architecture.builder("deep").input(Shape.flat(40000))
                        .add(Dense.units(40000).name("a").noBias())
                        .add(Dense.units(40000).name("b").activation(RELU)).build()));
    }

    /** The probe's document: a dense layer of 910,000 units on a million inputs, 9.1e11 parameters. */
    @Test
    void architectureJsonDescribingAnAbsurdNetworkIsRefused() {
        String small = Architecture.builder("absurd").input(Shape.flat(1000))
                .add(Dense.units(910).name("d").noBias()).build().toJson();
        String json = small.replace("\"units\" : 910,", "\"units\" : 910000,").replace("[ 1000 ]", "[ 1000000 ]");
        String m = assertThrows(IllegalArgumentException.class, () -> Architecture.fromJson(json)).getMessage();
        assertEquals("architecture 'absurd': layer 'd' (Dense) has a kernel of 910,000,000,000 values (1000000, 910000), "
                + "more than the limit of 2,147,483,647 (system property tribuozoo.limits.tensorElements)", m);
    }

    @Test
    void theLimitsAreSystemProperties() {
        Architecture lenet5 = SummaryTest.lenet5();
        long params = lenet5.parameterCount();
        withProperty(NetworkLimits.PARAMETERS_PROPERTY, Long.toString(params), () -> lenet5.withName("fits"));
        withProperty(NetworkLimits.PARAMETERS_PROPERTY, Long.toString(params - 1), () -> assertEquals(
                "architecture 'lenet5' has 61,706 parameters, more than the limit of 61,705 (system property "
                        + "tribuozoo.limits.parameters); its largest layer is 'conv2d_3' with 48,120",
                refused(() -> lenet5.withName("lenet5"))));
        withProperty(NetworkLimits.TENSOR_ELEMENTS_PROPERTY, "4000", () -> assertEquals(
                "architecture 'lenet5': layer 'conv2d_1' (Conv2D) outputs 4,704 values (28, 28, 6) per example, "
                        + "more than the limit of 4,000 (system property tribuozoo.limits.tensorElements)",
                refused(() -> lenet5.withName("lenet5"))));
        assertEquals(NetworkLimits.DEFAULT_PARAMETERS, NetworkLimits.maxParameters());
    }

    private static void withProperty(String name, String value, Runnable body) {
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            System.clearProperty(name);
        }
    }
}
