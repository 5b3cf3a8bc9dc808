package org.tribuozoo.dsl;

/**
 * How a parameter's first values are drawn. These are descriptions only; tf-graph implements them
 * with Keras's semantics (fans of a convolution kernel {@code kh x kw x in x out} are
 * {@code kh*kw*in} and {@code kh*kw*out}).
 */
public sealed interface Initializer {

    /** {@return Keras's default: uniform in (-l, l), l = sqrt(6 / (fanIn + fanOut))} */
    static Initializer glorotUniform() {
        return GlorotUniform.INSTANCE;
    }

    /** {@return a truncated normal with stddev sqrt(2 / (fanIn + fanOut))} */
    static Initializer glorotNormal() {
        return GlorotNormal.INSTANCE;
    }

    /** {@return uniform in (-l, l), l = sqrt(6 / fanIn)} */
    static Initializer heUniform() {
        return HeUniform.INSTANCE;
    }

    /** {@return a truncated normal with stddev sqrt(2 / fanIn)} */
    static Initializer heNormal() {
        return HeNormal.INSTANCE;
    }

    /**
     * Normal with the given mean and standard deviation.
     *
     * @param mean   the distribution's mean, finite
     * @param stddev the standard deviation, positive and finite
     * @return the initialiser
     * @throws IllegalArgumentException if the mean is not finite or the standard deviation not positive and finite
     */
    static Initializer randomNormal(double mean, double stddev) {
        return new RandomNormal(mean, stddev);
    }

    /**
     * Normal with mean 0 and the given standard deviation.
     *
     * @param stddev the standard deviation, positive and finite
     * @return the initialiser
     * @throws IllegalArgumentException if the standard deviation is not positive and finite
     */
    static Initializer randomNormal(double stddev) {
        return new RandomNormal(0.0, stddev);
    }

    /** {@return all zeros (Keras's bias default)} */
    static Initializer zeros() {
        return Zeros.INSTANCE;
    }

    /** {@return all ones (Keras's default for batch normalisation's gamma and moving variance)} */
    static Initializer ones() {
        return Ones.INSTANCE;
    }

    /**
     * Every value the same constant.
     *
     * @param value the value, finite
     * @return the initialiser
     * @throws IllegalArgumentException if the value is not finite
     */
    static Initializer constant(double value) {
        return new Constant(value);
    }

    /** {@return the JSON/Keras name, for example {@code glorot_uniform}} */
    String jsonName();

    /** Glorot (Xavier) uniform. */
    enum GlorotUniform implements Initializer {
        /** The only value. */
        INSTANCE;

        @Override
        public String jsonName() {
            return "glorot_uniform";
        }
    }

    /** Glorot (Xavier) truncated normal. */
    enum GlorotNormal implements Initializer {
        /** The only value. */
        INSTANCE;

        @Override
        public String jsonName() {
            return "glorot_normal";
        }
    }

    /** He uniform. */
    enum HeUniform implements Initializer {
        /** The only value. */
        INSTANCE;

        @Override
        public String jsonName() {
            return "he_uniform";
        }
    }

    /** He truncated normal. */
    enum HeNormal implements Initializer {
        /** The only value. */
        INSTANCE;

        @Override
        public String jsonName() {
            return "he_normal";
        }
    }

    /** Zeros. */
    enum Zeros implements Initializer {
        /** The only value. */
        INSTANCE;

        @Override
        public String jsonName() {
            return "zeros";
        }
    }

    /** Ones. */
    enum Ones implements Initializer {
        /** The only value. */
        INSTANCE;

        @Override
        public String jsonName() {
            return "ones";
        }
    }

    /**
     * Normal distribution.
     *
     * @param mean   the distribution's mean, finite
     * @param stddev the standard deviation, positive and finite
     */
    record RandomNormal(double mean, double stddev) implements Initializer {
        /**
         * Checks the distribution.
         *
         * @param mean   the distribution's mean, finite
         * @param stddev the standard deviation, positive and finite
         * @throws IllegalArgumentException if the mean is not finite or the standard deviation not positive
         *                                  and finite
         */
        public RandomNormal {
            if (!(stddev > 0) || !Double.isFinite(stddev) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("random_normal needs a finite mean and a positive stddev, got mean "
                        + mean + ", stddev " + stddev);
            }
        }

        @Override
        public String jsonName() {
            return "random_normal";
        }
    }

    /**
     * A constant.
     *
     * @param value every parameter value, finite
     */
    record Constant(double value) implements Initializer {
        /**
         * Checks the value.
         *
         * @param value every parameter value, finite
         * @throws IllegalArgumentException if the value is not finite
         */
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("constant initialiser needs a finite value, got " + value);
            }
        }

        @Override
        public String jsonName() {
            return "constant";
        }
    }
}
