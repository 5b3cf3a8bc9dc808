package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * Two steps of each optimizer against the update written out by hand.
 *
 * <p>The network is one linear unit {@code w . x} with no bias, trained with mean squared error on
 * one example {@code x = (1, 2)}, target 0.5, so that the gradient is {@code 2 (w . x - 0.5) x}.
 */
class OptimizerStepTest {

    private static final double[] X = {1, 2};
    private static final double TARGET = 0.5;
    private static final double[] W0 = {0.3, -0.2};

    private static final Architecture UNIT = Architecture.builder("unit").input(Shape.flat(2))
            .add(Dense.units(1).noBias().name("d")).build();

    private static double[] gradient(double[] w) {
        double err = w[0] * X[0] + w[1] * X[1] - TARGET;
        return new double[] {2 * err * X[0], 2 * err * X[1]};
    }

    /** The kernel after {@code steps} steps of the optimizer in the graph. */
    private static float[] train(Optimizer optimizer, int steps) {
        Weights w = Weights.builder().put("d/kernel", Shape.of(2, 1), new float[] {(float) W0[0], (float) W0[1]})
                .build();
        try (CompiledNetwork net = CompiledNetwork.compile(UNIT, TrainingConfig.of(Loss.meanSquaredError(), optimizer),
                w)) {
            net.fit(TrainingData.inMemory(new Images(new float[] {1, 2}, 1, Shape.flat(2)), Targets.of(new float[] {0.5f}, 1), 0, true),
                    FitOptions.of(steps, 1));
            return net.weights().values("d/kernel");
        }
    }

    private static void assertWeights(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "w[" + i + "]");
        }
    }

    @Test
    void plainSgd() {
        double lr = 0.1;
        double[] w = W0.clone();
        for (int t = 0; t < 2; t++) {
            double[] g = gradient(w);
            for (int i = 0; i < 2; i++) {
                w[i] -= lr * g[i];
            }
        }
        assertWeights(w, train(Optimizer.sgd().withLearningRate(lr), 2));
    }

    @Test
    void sgdWithMomentumNesterovAndDecay() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double lr = 0.1;
            double momentum = 0.9;
            double decay = 0.5;
            double[] w = W0.clone();
            double[] v = new double[2];
            for (int t = 0; t < 3; t++) {
                double rate = lr / (1 + decay * t); // iterations counted before the step
                double[] g = gradient(w);
                for (int i = 0; i < 2; i++) {
                    v[i] = momentum * v[i] - rate * g[i];
                    w[i] += nesterov ? momentum * v[i] - rate * g[i] : v[i];
                }
            }
            assertWeights(w, train(new Optimizer.Sgd(lr, momentum, nesterov, decay), 3));
        }
    }

    @Test
    void adaGrad() {
        Optimizer.AdaGrad opt = new Optimizer.AdaGrad(0.1, 0.1, 1e-7);
        double[] w = W0.clone();
        double[] acc = {0.1, 0.1};
        for (int t = 0; t < 2; t++) {
            double[] g = gradient(w);
            for (int i = 0; i < 2; i++) {
                acc[i] += g[i] * g[i];
                w[i] -= 0.1 * g[i] / (Math.sqrt(acc[i]) + 1e-7);
            }
        }
        assertWeights(w, train(opt, 2));
    }

    @Test
    void rmsPropWithAndWithoutMomentum() {
        for (double momentum : new double[] {0.0, 0.5}) {
            double lr = 0.01;
            double rho = 0.9;
            double eps = 1e-7;
            double[] w = W0.clone();
            double[] ms = new double[2];
            double[] mom = new double[2];
            for (int t = 0; t < 2; t++) {
                double[] g = gradient(w);
                for (int i = 0; i < 2; i++) {
                    ms[i] = rho * ms[i] + (1 - rho) * g[i] * g[i];
                    mom[i] = momentum * mom[i] + lr * g[i] / Math.sqrt(ms[i] + eps);
                    w[i] -= mom[i];
                }
            }
            assertWeights(w, train(new Optimizer.RmsProp(lr, rho, momentum, eps), 2));
        }
    }

    @Test
    void adamWithBiasCorrectionOfTheCurrentStep() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-7;
        double[] w = W0.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 3; t++) {
            double[] g = gradient(w);
            double rate = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < 2; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= rate * m[i] / (Math.sqrt(v[i]) + eps);
            }
        }
        assertWeights(w, train(new Optimizer.Adam(lr, b1, b2, eps), 3));
    }

    @Test
    void learningRateChangesBetweenEpochsWithoutRebuilding() {
        double[] w = W0.clone();
        for (double lr : List.of(0.1, 0.02)) {
            double[] g = gradient(w);
            for (int i = 0; i < 2; i++) {
                w[i] -= lr * g[i];
            }
        }
        Weights start = Weights.builder().put("d/kernel", Shape.of(2, 1), new float[] {0.3f, -0.2f}).build();
        try (CompiledNetwork net = CompiledNetwork.compile(UNIT,
                TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd().withLearningRate(0.1)), start)) {
            TrainingHistory h = net.fit(TrainingData.inMemory(new Images(new float[] {1, 2}, 1, Shape.flat(2)),
                    Targets.of(new float[] {0.5f}, 1), 0, true), FitOptions.of(2, 1).withListener(new TrainingListener() {
                        @Override
                        public void epochFinished(EpochResult r, CompiledNetwork n) {
                            n.setLearningRate(0.02);
                        }
                    }));
            assertWeights(w, net.weights().values("d/kernel"));
            assertEquals(0.1, h.epochs().get(0).learningRate(), 1e-7);
            assertEquals(0.02, h.epochs().get(1).learningRate(), 1e-7);
        }
    }
}
