package org.tribuozoo.dsl.training;

/**
 * A gradient optimizer with Keras's semantics and defaults, as data; tf-graph implements the
 * updates. Every hyper-parameter is checked when the value is made.
 */
public sealed interface Optimizer {

    /** {@return the base learning rate, positive; a schedule scales it per epoch} */
    double learningRate();

    /**
     * The same optimizer with another base learning rate.
     *
     * @param learningRate the new rate, positive and finite
     * @return the optimizer with that rate, every other setting the same
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    Optimizer withLearningRate(double learningRate);

    /** {@return the configuration name: {@code sgd}, {@code adagrad}, {@code rmsprop} or {@code adam}} */
    String configName();

    /** {@return plain SGD with Keras's default learning rate 0.01, no momentum, no decay} */
    static Sgd sgd() {
        return new Sgd(0.01, 0.0, false, 0.0);
    }

    /** {@return Adam with Keras's defaults (learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7)} */
    static Adam adam() {
        return new Adam(0.001, 0.9, 0.999, 1e-7);
    }

    /** {@return RMSProp with Keras's defaults (learning rate 0.001, rho 0.9, no momentum, epsilon 1e-7)} */
    static RmsProp rmsProp() {
        return new RmsProp(0.001, 0.9, 0.0, 1e-7);
    }

    /** {@return AdaGrad with Keras's defaults (learning rate 0.001, initial accumulator 0.1, epsilon 1e-7)} */
    static AdaGrad adaGrad() {
        return new AdaGrad(0.001, 0.1, 1e-7);
    }

    private static double check(String what, double v, double min, boolean minInclusive, double max) {
        boolean ok = Double.isFinite(v) && (minInclusive ? v >= min : v > min) && v <= max;
        if (!ok) {
            throw new IllegalArgumentException(what + " must be " + (minInclusive ? ">= " : "> ") + min
                    + (max < Double.MAX_VALUE ? " and <= " + max : "") + ", got " + v);
        }
        return v;
    }

    /**
     * Stochastic gradient descent: {@code lr_t = lr / (1 + decay * iterations)}, with optional
     * (Nesterov) momentum, as Keras 2's SGD.
     *
     * @param learningRate the base learning rate, positive
     * @param momentum     the fraction of the previous update carried into the next, in [0, 1]
     * @param nesterov     whether the momentum is Nesterov's (the gradient taken after the momentum step)
     * @param decay        the per-step learning-rate decay, at least 0 (0: none)
     */
    record Sgd(double learningRate, double momentum, boolean nesterov, double decay) implements Optimizer {
        /**
         * Checks the settings.
         *
         * @param learningRate the base learning rate, positive
         * @param momentum     the fraction of the previous update carried into the next, in [0, 1]
         * @param nesterov     whether the momentum is Nesterov's
         * @param decay        the per-step learning-rate decay, at least 0
         * @throws IllegalArgumentException if a setting is out of range or not finite
         */
        public Sgd {
            check("SGD learning rate", learningRate, 0, false, Double.MAX_VALUE);
            check("SGD momentum", momentum, 0, true, 1);
            check("SGD decay", decay, 0, true, Double.MAX_VALUE);
        }

        /**
         * The same optimizer with another momentum.
         *
         * @param m the momentum, in [0, 1]
         * @return the changed optimizer
         * @throws IllegalArgumentException if {@code m} is out of range
         */
        public Sgd withMomentum(double m) {
            return new Sgd(learningRate, m, nesterov, decay);
        }

        /**
         * The same optimizer with or without Nesterov momentum.
         *
         * @param n true for Nesterov momentum
         * @return the changed optimizer
         */
        public Sgd withNesterov(boolean n) {
            return new Sgd(learningRate, momentum, n, decay);
        }

        /**
         * The same optimizer with another learning-rate decay.
         *
         * @param d the decay per step, at least 0
         * @return the changed optimizer
         * @throws IllegalArgumentException if {@code d} is negative or not finite
         */
        public Sgd withDecay(double d) {
            return new Sgd(learningRate, momentum, nesterov, d);
        }

        @Override
        public Sgd withLearningRate(double lr) {
            return new Sgd(lr, momentum, nesterov, decay);
        }

        @Override
        public String configName() {
            return "sgd";
        }
    }

    /**
     * AdaGrad: each parameter's step is divided by the root of its accumulated squared gradients.
     *
     * @param learningRate       the base learning rate, positive
     * @param initialAccumulator the accumulator's starting value, at least 0
     * @param epsilon            added to the denominator, at least 0
     */
    record AdaGrad(double learningRate, double initialAccumulator, double epsilon) implements Optimizer {
        /**
         * Checks the settings.
         *
         * @param learningRate       the base learning rate, positive
         * @param initialAccumulator the accumulator's starting value, at least 0
         * @param epsilon            added to the denominator, at least 0
         * @throws IllegalArgumentException if a setting is out of range or not finite
         */
        public AdaGrad {
            check("AdaGrad learning rate", learningRate, 0, false, Double.MAX_VALUE);
            check("AdaGrad initial accumulator", initialAccumulator, 0, true, Double.MAX_VALUE);
            check("AdaGrad epsilon", epsilon, 0, true, Double.MAX_VALUE);
        }

        @Override
        public AdaGrad withLearningRate(double lr) {
            return new AdaGrad(lr, initialAccumulator, epsilon);
        }

        @Override
        public String configName() {
            return "adagrad";
        }
    }

    /**
     * RMSProp: a moving average of squared gradients with factor {@code rho}, optional momentum.
     *
     * @param learningRate the base learning rate, positive
     * @param rho          the decay of the moving average, in [0, 1]
     * @param momentum     the fraction of the previous update carried into the next, in [0, 1]
     * @param epsilon      added to the denominator, at least 0
     */
    record RmsProp(double learningRate, double rho, double momentum, double epsilon) implements Optimizer {
        /**
         * Checks the settings.
         *
         * @param learningRate the base learning rate, positive
         * @param rho          the decay of the moving average, in [0, 1]
         * @param momentum     the fraction of the previous update carried into the next, in [0, 1]
         * @param epsilon      added to the denominator, at least 0
         * @throws IllegalArgumentException if a setting is out of range or not finite
         */
        public RmsProp {
            check("RMSProp learning rate", learningRate, 0, false, Double.MAX_VALUE);
            check("RMSProp rho", rho, 0, true, 1);
            check("RMSProp momentum", momentum, 0, true, 1);
            check("RMSProp epsilon", epsilon, 0, true, Double.MAX_VALUE);
        }

        @Override
        public RmsProp withLearningRate(double lr) {
            return new RmsProp(lr, rho, momentum, epsilon);
        }

        @Override
        public String configName() {
            return "rmsprop";
        }
    }

    /**
     * Adam with bias correction.
     *
     * @param learningRate the base learning rate, positive
     * @param beta1        the decay of the gradients' moving mean, in [0, 1)
     * @param beta2        the decay of the squared gradients' moving mean, in [0, 1)
     * @param epsilon      added to the denominator, at least 0
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        /**
         * Checks the settings.
         *
         * @param learningRate the base learning rate, positive
         * @param beta1        the decay of the gradients' moving mean, in [0, 1)
         * @param beta2        the decay of the squared gradients' moving mean, in [0, 1)
         * @param epsilon      added to the denominator, at least 0
         * @throws IllegalArgumentException if a setting is out of range or not finite
         */
        public Adam {
            check("Adam learning rate", learningRate, 0, false, Double.MAX_VALUE);
            check("Adam beta1", beta1, 0, true, 1);
            check("Adam beta2", beta2, 0, true, 1);
            check("Adam epsilon", epsilon, 0, true, Double.MAX_VALUE);
            if (beta1 >= 1 || beta2 >= 1) {
                throw new IllegalArgumentException("Adam betas must be < 1, got " + beta1 + ", " + beta2);
            }
        }

        @Override
        public Adam withLearningRate(double lr) {
            return new Adam(lr, beta1, beta2, epsilon);
        }

        @Override
        public String configName() {
            return "adam";
        }
    }
}
