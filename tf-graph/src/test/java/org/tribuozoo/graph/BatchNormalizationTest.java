package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * Batch normalisation on hand-computed numbers: inference with the moving statistics, training with the
 * batch's, the moving statistics after several steps (with Keras's Bessel correction for an image over
 * its channels and without it otherwise), their place in the weights, a frozen layer, and bit-identical
 * training.
 */
class BatchNormalizationTest {

    private static final TrainingConfig SGD = TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd()).withSeed(1);

    private static Architecture single(Shape input, BatchNormalization.Builder bn) {
        return Architecture.builder("bn").input(input).add(bn.name("bn")).build();
    }

    private static Weights statistics(float[] gamma, float[] beta, float[] mean, float[] variance) {
        Shape s = Shape.of(gamma.length);
        return Weights.builder().put("bn/gamma", s, gamma).put("bn/beta", s, beta).put("bn/moving_mean", s, mean)
                .put("bn/moving_variance", s, variance).build();
    }

    /** {@code gamma (x - mean) / sqrt(variance + epsilon) + beta} with the feature of each value. */
    private static float[] normalise(float[] x, int features, int[] featureOf, float[] gamma, float[] beta,
                                     double[] mean, double[] variance, double epsilon) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int f = featureOf == null ? i % features : featureOf[i];
            y[i] = (float) (gamma[f] * (x[i] - mean[f]) / Math.sqrt(variance[f] + epsilon) + beta[f]);
        }
        return y;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Test
    void inferenceNormalisesWithTheMovingStatistics() {
        float[] gamma = {2, 0.5f};
        float[] beta = {1, -1};
        float[] mean = {2, 1};
        float[] variance = {4, 0.25f};
        Weights w = statistics(gamma, beta, mean, variance);
        // Two examples of a 2x1 image with 2 channels, channels innermost: the fused kernel's path.
        float[] x = {1, 2, 3, 4, -1, 0.5f, 6, -2};
        Architecture image = single(Shape.of(2, 1, 2), BatchNormalization.create());
        try (CompiledNetwork net = CompiledNetwork.compile(image, SGD, w)) {
            // For example the first value: 2 * (1 - 2) / sqrt(4.001) + 1 = -0.000125...
            assertArrayEquals(normalise(x, 2, null, gamma, beta, toDouble(mean), toDouble(variance), 1e-3),
                    net.predict(x, 2), 1e-6f);
        }
        // The same numbers as flat vectors: the non-fused path.
        Architecture flat = single(Shape.flat(2), BatchNormalization.create());
        try (CompiledNetwork net = CompiledNetwork.compile(flat, SGD, w)) {
            assertArrayEquals(normalise(x, 2, null, gamma, beta, toDouble(mean), toDouble(variance), 1e-3),
                    net.predict(x, 4), 1e-6f);
        }
        // Over the height of a 2x2x1 image (axis 1): the feature of a value is its row.
        Architecture rows = single(Shape.of(2, 2, 1), BatchNormalization.create().axis(1).epsilon(0.01));
        try (CompiledNetwork net = CompiledNetwork.compile(rows, SGD, w)) {
            int[] rowOf = {0, 0, 1, 1, 0, 0, 1, 1};
            assertArrayEquals(normalise(x, 2, rowOf, gamma, beta, toDouble(mean), toDouble(variance), 0.01),
                    net.predict(x, 2), 1e-6f);
        }
    }

    @Test
    void trainingNormalisesWithTheBatchStatistics() {
        // Against zero targets the mean squared error of gamma = 1, beta = 0 outputs is the mean of the
        // normalised values squared: per channel variance / (variance + epsilon), the biased variance.
        float[] x = {1, 10, 2, 20, 4, 40, 7, -10, 1, 0, 0, 5};
        Architecture image = single(Shape.of(1, 2, 2), BatchNormalization.create());
        // Channel 0: 1, 2, 4, 7, 1, 0 (mean 2.5, biased variance 33.5 / 6); channel 1: 10, 20, 40, -10, 0, 5.
        double v0 = variance(new double[] {1, 2, 4, 7, 1, 0}, false);
        double v1 = variance(new double[] {10, 20, 40, -10, 0, 5}, false);
        assertEquals(33.5 / 6, v0, 1e-12);
        double expected = (v0 / (v0 + 1e-3) + v1 / (v1 + 1e-3)) / 2;
        try (CompiledNetwork net = CompiledNetwork.compile(image, SGD)) {
            double loss = net.fit(TrainingData.inMemory(new Images(x, 3, image.inputShape()),
                    Targets.of(new float[12], 4), 0, false), FitOptions.of(1, 3)).last().loss();
            assertEquals(expected, loss, 1e-6);
            // Evaluation uses the (moved) moving statistics instead, which give another loss.
            assertNotEquals(expected, net.evaluate(new Images(x, 3, image.inputShape()),
                    Targets.of(new float[12], 4)).loss(), 1e-3);
        }
    }

    @Test
    void movingStatisticsAfterSeveralStepsMatchAHandComputation() {
        int n = 8;
        int batch = 4;
        SplittableRandom random = new SplittableRandom(3);
        float[] images = new float[n * 2 * 2 * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) (random.nextDouble() * 4 - 1 + (i % 3));
        }
        double momentum = 0.9;
        Architecture image = single(Shape.of(2, 2, 3), BatchNormalization.create().momentum(momentum));
        Architecture flat = single(Shape.flat(12), BatchNormalization.create().momentum(momentum));
        for (Architecture a : List.of(image, flat)) {
            boolean fused = a == image;
            int features = fused ? 3 : 12;
            double[] mean = new double[features];
            double[] var = new double[features];
            java.util.Arrays.fill(var, 1);
            // Two epochs of two batches in order: four steps.
            for (int step = 0; step < 4; step++) {
                int from = (step % 2) * batch * 12;
                for (int f = 0; f < features; f++) {
                    double[] values = new double[batch * 12 / features];
                    for (int k = 0, j = 0; k < batch * 12; k++) {
                        if (k % features == f) {
                            values[j++] = images[from + k];
                        }
                    }
                    mean[f] = mean[f] * momentum + mean(values) * (1 - momentum);
                    // Keras's fused kernel moves towards the variance with Bessel's correction.
                    var[f] = var[f] * momentum + variance(values, fused) * (1 - momentum);
                }
            }
            try (CompiledNetwork net = CompiledNetwork.compile(a, SGD)) {
                net.fit(TrainingData.inMemory(new Images(images, n, a.inputShape()), Targets.of(new float[n * 12], 12),
                        0, false), FitOptions.of(2, batch));
                assertArrayEquals(toFloat(mean), net.weights().values("bn/moving_mean"), 2e-6f, a.inputShape() + "");
                assertArrayEquals(toFloat(var), net.weights().values("bn/moving_variance"), 1e-5f, a.inputShape() + "");
                // Inference uses them, with the trained gamma and beta.
                float[] gamma = net.weights().values("bn/gamma");
                float[] beta = net.weights().values("bn/beta");
                float[] first = java.util.Arrays.copyOf(images, 12);
                assertArrayEquals(normalise(first, features, null, gamma, beta, mean, var, 1e-3),
                        net.predict(first, 1), 2e-5f);
            }
        }
    }

    @Test
    void movingStatisticsTakeTheBatchBeforeTheOptimizerStep() {
        // A 1x1 convolution before the normalisation: the batch mean the moving mean moves towards is that
        // of the convolution with its weights before this step's update, w0 x + b0.
        Architecture a = Architecture.builder("conv-bn").input(1, 1, 2)
                .add(Conv2D.filters(1).kernel(1).name("conv")).add(BatchNormalization.create().name("bn")).build();
        Weights w0 = Weights.builder().put("conv/kernel", Shape.of(1, 1, 2, 1), new float[] {0.5f, -2})
                .put("conv/bias", Shape.of(1), new float[] {3}).build();
        float[] x = {1, 2, 3, -1, 0, 4, -2, 0.5f};
        double batchMean = 0;
        for (int e = 0; e < 4; e++) {
            batchMean += (0.5 * x[2 * e] - 2 * x[2 * e + 1] + 3) / 4;
        }
        try (CompiledNetwork net = CompiledNetwork.compile(a,
                TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd().withLearningRate(0.5)), w0)) {
            net.fit(TrainingData.inMemory(new Images(x, 4, a.inputShape()), Targets.of(new float[] {1, -1, 2, 0}, 1),
                    0, false), FitOptions.of(1, 4));
            assertNotEquals(0.5f, net.weights().values("conv/kernel")[0], "the step changed the kernel");
            assertEquals(0.01 * batchMean, net.weights().values("bn/moving_mean")[0], 1e-7);
        }
    }

    @Test
    void aFrozenLayerNormalisesWithTheMovingStatisticsAndKeepsThem() {
        Architecture a = Architecture.builder("frozen").input(Shape.flat(3))
                .add(Dense.units(2).name("dense")).add(BatchNormalization.create().name("bn")).build()
                .withFrozen(List.of("bn"));
        float[] x = {1, 2, 3, -1, 0, 4};
        Images images = new Images(x, 2, a.inputShape());
        Targets targets = Targets.of(new float[] {1, 0, 0, 1}, 2);
        try (CompiledNetwork net = CompiledNetwork.compile(a,
                TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd()).withSeed(4))) {
            Weights before = net.weights();
            double lossBefore = net.evaluate(images, targets).loss();
            double trainingLoss = net.fit(TrainingData.inMemory(images, targets, 0, false), FitOptions.of(1, 2))
                    .last().loss();
            assertEquals(lossBefore, trainingLoss, 1e-6, "training ran in inference mode");
            Weights after = net.weights();
            for (String p : List.of("bn/gamma", "bn/beta", "bn/moving_mean", "bn/moving_variance")) {
                assertArrayEquals(before.values(p), after.values(p), p);
            }
            assertNotEquals(before.tensor("dense/kernel"), after.tensor("dense/kernel"));
        }
    }

    @Test
    void theMovingStatisticsArePartOfTheWeights() {
        Architecture a = single(Shape.flat(2), BatchNormalization.create().center(false));
        try (CompiledNetwork net = CompiledNetwork.compile(a, SGD)) {
            assertEquals(List.of("bn/gamma", "bn/moving_mean", "bn/moving_variance"), List.copyOf(net.weights().keys()));
            assertArrayEquals(new float[] {1, 1}, net.weights().values("bn/gamma"));
            assertArrayEquals(new float[] {0, 0}, net.weights().values("bn/moving_mean"));
            assertArrayEquals(new float[] {1, 1}, net.weights().values("bn/moving_variance"));
            net.setWeights(Weights.builder().put("bn/moving_mean", Shape.of(2), new float[] {1, -1})
                    .put("bn/moving_variance", Shape.of(2), new float[] {4, 9}).build());
            // (x - mean) / sqrt(variance + 0.001), no beta.
            assertArrayEquals(new float[] {(float) (2 / Math.sqrt(4.001)), (float) (3 / Math.sqrt(9.001))},
                    net.predict(new float[] {3, 2}, 1), 1e-6f);
        }
    }

    @Test
    void trainingIsBitIdenticalRunToRun() {
        Architecture a = Architecture.builder("conv-bn").input(6, 6, 2)
                .add(Conv2D.filters(4).kernel(3).padding(Padding.same()).noBias())
                .add(BatchNormalization.create())
                .add(org.tribuozoo.dsl.ReLU.create().maxValue(6))
                .add(GlobalAveragePooling2D.create())
                .add(BatchNormalization.create())
                .add(Dense.units(3).activation(Activation.SOFTMAX)).build();
        SplittableRandom random = new SplittableRandom(9);
        float[] x = new float[24 * 72];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        int[] labels = random.ints(24, 0, 3).toArray();
        TrainingConfig config = TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.adam()).withSeed(5);
        Weights[] results = new Weights[2];
        for (int run = 0; run < 2; run++) {
            try (CompiledNetwork net = CompiledNetwork.compile(a, config)) {
                net.fit(TrainingData.inMemory(new Images(x, 24, a.inputShape()), Targets.classes(labels, 3), 7, true),
                        FitOptions.of(3, 8));
                results[run] = net.weights();
            }
        }
        assertEquals(results[0], results[1]);
        assertNotEquals(0f, results[0].values("batch_normalization_2/moving_mean")[0]);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** The variance, with Bessel's correction ({@code / (n - 1)}) or without ({@code / n}). */
    private static double variance(double[] v, boolean bessel) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return s / (bessel ? v.length - 1 : v.length);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
