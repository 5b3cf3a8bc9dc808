package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/** Max-norm after each update, dropout only in training with Keras's scale, frozen layers untouched. */
class ConstraintDropoutFreezeTest {

    @Test
    void maxNormRescalesEachOutputUnitAfterTheUpdate() {
        Architecture arch = Architecture.builder("maxnorm").input(Shape.flat(2))
                .add(Dense.units(2).noBias().kernelConstraint(org.tribuozoo.dsl.Constraint.maxNorm(1.0)).name("d"))
                .build();
        // Kernel (in, out): column 0 = (3, 4) has norm 5, column 1 = (0.3, 0.4) has norm 0.5.
        float[] kernel = {3, 0.3f, 4, 0.4f};
        Weights w = Weights.builder().put("d/kernel", Shape.of(2, 2), kernel).build();
        double lr = 0.01;
        try (CompiledNetwork net = CompiledNetwork.compile(arch,
                TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd().withLearningRate(lr)), w)) {
            float[] x = {1, -1};
            float[] y = {0, 0};
            net.fit(TrainingData.inMemory(new Images(x, 1, Shape.flat(2)), Targets.of(y, 2), 0, true),
                    FitOptions.of(1, 1));
            // By hand: outputs o_j = sum_i x_i k_ij, MSE over 2 outputs: dL/dk_ij = x_i (o_j - y_j).
            double[][] k = {{3, 0.3}, {4, 0.4}};
            double[] o = {x[0] * k[0][0] + x[1] * k[1][0], x[0] * k[0][1] + x[1] * k[1][1]};
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    k[i][j] -= lr * x[i] * (o[j] - y[j]);
                }
            }
            for (int j = 0; j < 2; j++) {
                double norm = Math.hypot(k[0][j], k[1][j]);
                double scale = Math.min(norm, 1.0) / (1e-7 + norm);
                k[0][j] *= scale;
                k[1][j] *= scale;
            }
            float[] actual = net.weights().values("d/kernel");
            assertArrayEquals(new float[] {(float) k[0][0], (float) k[0][1], (float) k[1][0], (float) k[1][1]}, actual,
                    1e-6f);
            assertEquals(1.0, Math.hypot(actual[0], actual[2]), 1e-6, "constrained column has norm max_value");
        }
    }

    @Test
    void dropoutScalesKeptValuesInTrainingAndDoesNothingAtInference() {
        int units = 20000;
        double rate = 0.25;
        Architecture arch = Architecture.builder("dropout").input(Shape.flat(units))
                .add(Dropout.rate(rate)).add(ActivationLayer.of(Activation.RELU)).build();
        float[] ones = new float[units];
        java.util.Arrays.fill(ones, 1f);
        try (CompiledNetwork net = CompiledNetwork.compile(arch,
                TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd()))) {
            Images x = new Images(ones, 1, Shape.flat(units));
            assertArrayEquals(ones, net.predict(x), "inference never drops");
            // Against target 0 the training loss is the mean of out^2: kept values are 1/(1-rate), so
            // E[out^2] = (1 - rate) / (1 - rate)^2 = 1 / (1 - rate). At inference it is exactly 1.
            double trainLoss = net.fit(TrainingData.inMemory(x, Targets.of(new float[units], units), 5, true),
                    FitOptions.of(1, 1)).last().loss();
            assertEquals(1 / (1 - rate), trainLoss, 0.02);
            assertEquals(1.0, net.evaluate(x, Targets.of(new float[units], units)).loss(), 1e-6);
            // Against target 1, out - 1 is 1/3 where kept and -1 where dropped: E = rate / (1 - rate).
            float[] target = ones.clone();
            double lossToOne = net.fit(TrainingData.inMemory(x, Targets.of(target, units), 6, true),
                    FitOptions.of(1, 1)).last().loss();
            assertEquals(rate / (1 - rate), lossToOne, 0.01);
        }
    }

    @Test
    void frozenLayersKeepTheirWeights() {
        Architecture arch = Architecture.builder("transfer").input(Shape.flat(3))
                .add(Dense.units(4).activation(Activation.TANH).name("body"))
                .add(Dense.units(2).activation(Activation.SOFTMAX).name("head")).build()
                .withFrozen(List.of("body"));
        float[] x = {0.1f, -0.5f, 0.9f, 0.3f, 0.2f, -0.7f};
        try (CompiledNetwork net = CompiledNetwork.compile(arch,
                TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.adam()).withSeed(11))) {
            Weights before = net.weights();
            net.fit(TrainingData.inMemory(new Images(x, 2, Shape.flat(3)), Targets.classes(new int[] {0, 1}, 2), 0, true),
                    FitOptions.of(3, 2));
            Weights after = net.weights();
            assertArrayEquals(before.values("body/kernel"), after.values("body/kernel"));
            assertArrayEquals(before.values("body/bias"), after.values("body/bias"));
            assertFalse(java.util.Arrays.equals(before.values("head/kernel"), after.values("head/kernel")));
        }
    }
}
