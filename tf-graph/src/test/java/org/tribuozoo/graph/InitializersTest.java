package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Constraint;
import org.tribuozoo.dsl.Initializer;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;

/** The seeded initialisers' range, mean and variance against their closed forms. */
class InitializersTest {

    /** A 5x5x16x120 convolution kernel: fan-in 400, fan-out 3000 (Keras multiplies by 5*5). */
    private static final Shape CONV = Shape.of(5, 5, 16, 120);

    @Test
    void fansFollowKeras() {
        assertEquals(new Initializers.Fans(400, 3000), Initializers.fans(CONV));
        assertEquals(new Initializers.Fans(120, 84), Initializers.fans(Shape.of(120, 84)));
        assertEquals(new Initializers.Fans(10, 10), Initializers.fans(Shape.of(10)));
    }

    private static double[] moments(float[] v) {
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        double var = 0;
        for (float f : v) {
            var += (f - mean) * (f - mean);
        }
        return new double[] {mean, var / v.length};
    }

    private static float[] draw(Initializer init, Shape shape) {
        return Initializers.sample(init, shape, new SplittableRandom(1));
    }

    @Test
    void uniformInitialisersCoverTheSymmetricInterval() {
        double glorotLimit = Math.sqrt(6.0 / (400 + 3000));
        double heLimit = Math.sqrt(6.0 / 400);
        for (double[] c : new double[][] {{0, glorotLimit}, {1, heLimit}}) {
            float[] v = draw(c[0] == 0 ? Initializer.glorotUniform() : Initializer.heUniform(), CONV);
            double limit = c[1];
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (float f : v) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
            assertTrue(min > -limit && max < limit, "inside (-limit, limit)");
            assertTrue(min < -0.99 * limit && max > 0.99 * limit, "reaches both ends: " + min + " " + max);
            double[] m = moments(v);
            // Uniform(-l, l): mean 0, variance l^2 / 3; 48,000 draws give a standard error of about 0.5%.
            assertEquals(0, m[0], 0.01 * limit);
            assertEquals(limit * limit / 3, m[1], 0.02 * limit * limit / 3);
        }
    }

    @Test
    void truncatedNormalInitialisersHaveTheTargetVariance() {
        double glorotStd = Math.sqrt(2.0 / (400 + 3000));
        double heStd = Math.sqrt(2.0 / 400);
        for (double[] c : new double[][] {{0, glorotStd}, {1, heStd}}) {
            float[] v = draw(c[0] == 0 ? Initializer.glorotNormal() : Initializer.heNormal(), CONV);
            double std = c[1];
            // Keras draws N(0, std / 0.8796...) truncated at two of its standard deviations, whose
            // variance is std^2 again.
            double bound = 2 * std / Initializers.TRUNCATED_NORMAL_CORRECTION;
            for (float f : v) {
                assertTrue(Math.abs(f) <= bound + 1e-7, "truncated at two standard deviations");
            }
            double[] m = moments(v);
            assertEquals(0, m[0], 0.01 * std);
            assertEquals(std * std, m[1], 0.02 * std * std);
        }
    }

    @Test
    void randomNormalZerosAndConstant() {
        float[] v = draw(Initializer.randomNormal(0.5, 0.01), CONV);
        double[] m = moments(v);
        assertEquals(0.5, m[0], 1e-3);
        assertEquals(1e-4, m[1], 2e-6);
        assertArrayEquals(new float[6], draw(Initializer.zeros(), Shape.of(2, 3)));
        assertArrayEquals(new float[] {0.25f, 0.25f}, draw(Initializer.constant(0.25), Shape.of(2)));
    }

    @Test
    void seededPerParameterAndReproducible() {
        Parameter a = new Parameter("conv", "kernel", Shape.of(3, 3, 1, 4), Initializer.glorotUniform(),
                Constraint.none(), true);
        Parameter b = new Parameter("conv_2", "kernel", Shape.of(3, 3, 1, 4), Initializer.glorotUniform(),
                Constraint.none(), true);
        assertArrayEquals(Initializers.sample(a, 42), Initializers.sample(a, 42));
        assertFalse(java.util.Arrays.equals(Initializers.sample(a, 42), Initializers.sample(a, 43)));
        assertFalse(java.util.Arrays.equals(Initializers.sample(a, 42), Initializers.sample(b, 42)));
    }
}
