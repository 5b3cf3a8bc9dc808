package org.tribuozoo.dsl.training;

/**
 * A gradient optimizer with Keras's semantics and defaults, as data; tf-graph implements the
 * updates. Every hyper-parameter is checked when the value is made.
 */
public sealed interface Optimizer {

    /** The base learning rate. */
    double learningRate();

    /** The same optimizer with another base learning rate. */
    Optimizer withLearningRate(double learningRate);

    /** The configuration name: {@code sgd}, {@code adagrad}, {@code rmsprop} or {@code adam}. */
    String configName();

    /** Plain SGD with Keras's default learning rate 0.01. */
    static Sgd sgd() {
        return new Sgd(0.01, 0.0, false, 0.0);
    }

    /** Adam with Keras's defaults (0.001, 0.9, 0.999, 1e-7). */
    static Adam adam() {
        return new Adam(0.001, 0.9, 0.999, 1e-7);
    }

    /** RMSProp with Keras's defaults (0.001, rho 0.9, no momentum, 1e-7). */
    static RmsProp rmsProp() {
        return new RmsProp(0.001, 0.9, 0.0, 1e-7);
    }

    /** AdaGrad with Keras's defaults (0.001, initial accumulator 0.1, 1e-7). */
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
     */
    record Sgd(double learningRate, double momentum, boolean nesterov, double decay) implements Optimizer {
        public Sgd {
            check("SGD learning rate", learningRate, 0, false, Double.MAX_VALUE);
            check("SGD momentum", momentum, 0, true, 1);
            check("SGD decay", decay, 0, true, Double.MAX_VALUE);
        }

        public Sgd withMomentum(double m) {
            return new Sgd(learningRate, m, nesterov, decay);
        }

        public Sgd withNesterov(boolean n) {
            return new Sgd(learningRate, momentum, n, decay);
        }

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

    /** AdaGrad. */
    record AdaGrad(double learningRate, double initialAccumulator, double epsilon) implements Optimizer {
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

    /** RMSProp: a moving average of squared gradients with factor {@code rho}, optional momentum. */
    record RmsProp(double learningRate, double rho, double momentum, double epsilon) implements Optimizer {
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

    /** Adam with bias correction. */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
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
