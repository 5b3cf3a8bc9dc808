package org.tribuozoo.graph;

import java.util.SplittableRandom;

import org.tribuozoo.dsl.Initializer;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;

/**
 * Draws first parameter values in Java with Keras's semantics, seeded.
 *
 * <p>Written here rather than taken from tensorflow-framework, whose 1.0.0 Glorot initialiser draws
 * from [0, limit) and miscomputes convolution fans. Drawing in Java also makes the values identical on
 * every platform and thread count: only {@link SplittableRandom}'s specified algorithm is involved.
 * Each parameter gets its own stream derived from the seed and its {@code layer/param} key, so that
 * adding or removing a layer leaves the other layers' first values unchanged.
 */
public final class Initializers {

    /** Keras scales a truncated normal's stddev by this so that the truncated variance is the target. */
    static final double TRUNCATED_NORMAL_CORRECTION = 0.87962566103423978;

    private Initializers() {
    }

    /**
     * Fan-in and fan-out of a tensor shape, as Keras computes them.
     *
     * @param in  the inputs that feed one output unit
     * @param out the outputs that one input unit feeds
     */
    public record Fans(double in, double out) {
    }

    /**
     * Keras's fans: a kernel {@code (..., in, out)} multiplies both by the receptive field size.
     *
     * @param shape a parameter's shape: a bias {@code (units)}, a dense kernel {@code (in, out)} or a
     *              convolution kernel {@code (height, width, in, out)}
     * @return the fans; a rank-1 shape has its size as both
     */
    public static Fans fans(Shape shape) {
        int rank = shape.rank();
        if (rank == 1) {
            return new Fans(shape.dim(0), shape.dim(0));
        }
        if (rank == 2) {
            return new Fans(shape.dim(0), shape.dim(1));
        }
        double receptive = 1;
        for (int i = 0; i < rank - 2; i++) {
            receptive *= shape.dim(i);
        }
        return new Fans(shape.dim(rank - 2) * receptive, shape.dim(rank - 1) * receptive);
    }

    /**
     * The first values of a parameter, reproducible from the seed and the parameter's key.
     *
     * @param parameter the parameter, with its initialiser, shape and {@code layer/param} key
     * @param seed      the network's seed; any value
     * @return the values in row-major order, as many as the shape holds
     * @throws IllegalArgumentException if the initialiser is of a kind this class does not draw
     */
    public static float[] sample(Parameter parameter, long seed) {
        return sample(parameter.initializer(), parameter.shape(), streamFor(seed, parameter.key()));
    }

    /**
     * Values drawn from an initialiser for a shape with the given random stream.
     *
     * @param initializer how to draw: constants, Glorot or He (uniform or truncated normal), or normal
     * @param shape       the shape to fill; also gives the fans of the variance-scaling initialisers
     * @param random      the stream to draw from; advanced by the draws
     * @return the values in row-major order, as many as the shape holds
     * @throws IllegalArgumentException if the initialiser is of a kind this class does not draw
     */
    public static float[] sample(Initializer initializer, Shape shape, SplittableRandom random) {
        float[] out = new float[Math.toIntExact(shape.elementCount())];
        Fans fans = fans(shape);
        if (initializer instanceof Initializer.Constant c) {
            java.util.Arrays.fill(out, (float) c.value());
        } else if (initializer instanceof Initializer.Ones) {
            java.util.Arrays.fill(out, 1f);
        } else if (initializer instanceof Initializer.GlorotUniform) {
            uniform(out, Math.sqrt(6.0 / (fans.in() + fans.out())), random);
        } else if (initializer instanceof Initializer.HeUniform) {
            uniform(out, Math.sqrt(6.0 / fans.in()), random);
        } else if (initializer instanceof Initializer.GlorotNormal) {
            truncatedNormal(out, Math.sqrt(2.0 / (fans.in() + fans.out())) / TRUNCATED_NORMAL_CORRECTION, random);
        } else if (initializer instanceof Initializer.HeNormal) {
            truncatedNormal(out, Math.sqrt(2.0 / fans.in()) / TRUNCATED_NORMAL_CORRECTION, random);
        } else if (initializer instanceof Initializer.RandomNormal n) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (n.mean() + n.stddev() * random.nextGaussian());
            }
        } else if (!(initializer instanceof Initializer.Zeros)) {
            throw new IllegalArgumentException("unsupported initialiser " + initializer);
        }
        return out;
    }

    /** The random stream of one parameter: the seed mixed with the key's (specified) String hash. */
    static SplittableRandom streamFor(long seed, String key) {
        return new SplittableRandom(new SplittableRandom(seed).split().nextLong() ^ mix(key.hashCode()));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Uniform in the open interval (-limit, limit), as Keras's variance-scaling uniform. */
    private static void uniform(float[] out, double limit, SplittableRandom random) {
        for (int i = 0; i < out.length; i++) {
            float v;
            do {
                v = (float) ((random.nextDouble() * 2 - 1) * limit);
            } while (v <= -limit || v >= limit); // rounding to float could touch the bound
            out[i] = v;
        }
    }

    /** Normal with the given stddev, redrawn when beyond two standard deviations (as TensorFlow's). */
    private static void truncatedNormal(float[] out, double stddev, SplittableRandom random) {
        for (int i = 0; i < out.length; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2.0);
            out[i] = (float) (z * stddev);
        }
    }
}
