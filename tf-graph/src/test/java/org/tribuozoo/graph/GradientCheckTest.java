package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Softmax;
import org.tribuozoo.dsl.SeparableConv2D;
import org.tribuozoo.dsl.Reshape;
import org.tribuozoo.dsl.ReLU;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.DepthwiseConv2D;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Average;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.GraphBuilder;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Multiply;
import org.tribuozoo.dsl.Node;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.PositionBias;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.SpatialSoftmax;
import org.tribuozoo.dsl.ZeroPadding2D;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * Finite-difference checks of the graph's gradients, for every layer type and every loss: the
 * gradient TensorFlow applies (read back from one plain SGD step with learning rate 1 on the whole
 * batch) against central differences of the loss the network evaluates. Batch normalisation trains
 * with the batch's statistics but evaluates with its moving ones, so networks with it are checked
 * against the training loss itself (the loss of one step on the whole batch, reported before the step
 * updates anything).
 */
class GradientCheckTest {

    private static final double STEP = 3e-3;

    static Stream<Arguments> networks() {
        Architecture convPoolDense = Architecture.builder("conv-maxpool-dense").input(6, 6, 2)
                .add(Conv2D.filters(3).kernel(3).padding(Padding.same()).activation(Activation.TANH).name("conv"))
                .add(MaxPool2D.size(2)).add(Flatten.layer())
                .add(Dense.units(4).activation(Activation.SOFTMAX).name("dense")).build();
        Architecture stridedAvg = Architecture.builder("strided-avgpool").input(6, 6, 2)
                .add(Conv2D.filters(3).kernel(3).strides(2).padding(Padding.explicit(1)).activation(Activation.SIGMOID)
                        .name("conv"))
                .add(AvgPool2D.size(2).padding(Padding.same())).add(Flatten.layer())
                .add(Dense.units(4).name("dense")).build();
        Architecture padRelu = Architecture.builder("pad-relu").input(6, 6, 2)
                .add(ZeroPadding2D.of(1, 0, 2, 1))
                .add(Conv2D.filters(2).kernel(2, 3).noBias().activation(Activation.RELU).name("conv"))
                .add(Rescaling.of(0.5, 0.1)).add(ActivationLayer.of(Activation.TANH)).add(Flatten.layer())
                .add(Dense.units(1).activation(Activation.SIGMOID).name("dense")).build();
        // The second convolution sees its whole 3x3 input: compiled as a matrix product (LeNet's C5).
        Architecture wholeInputConv = Architecture.builder("whole-input-conv").input(6, 6, 2)
                .add(Conv2D.filters(3).kernel(3).padding(Padding.same()).activation(Activation.TANH).name("conv"))
                .add(MaxPool2D.size(2))
                .add(Conv2D.filters(4).kernel(3).activation(Activation.SIGMOID).name("whole"))
                .add(Flatten.layer()).add(Dense.units(3).activation(Activation.SOFTMAX).name("dense")).build();
        Architecture policy = Architecture.builder("policy").input(4, 4, 3)
                .add(Conv2D.filters(1).kernel(1).noBias().name("conv")).add(PositionBias.create().name("bias"))
                .add(SpatialSoftmax.create()).build();
        Architecture mlpSoftmax = Architecture.builder("mlp-softmax").input(Shape.flat(5))
                .add(Dense.units(6).activation(Activation.TANH).name("hidden"))
                .add(Dense.units(4).activation(Activation.SOFTMAX).name("out")).build();
        Architecture mlpSigmoid = Architecture.builder("mlp-sigmoid").input(Shape.flat(5))
                .add(Dense.units(6).activation(Activation.TANH).name("hidden"))
                .add(Dense.units(1).activation(Activation.SIGMOID).name("out")).build();
        Architecture mlpLinear = Architecture.builder("mlp-linear").input(Shape.flat(5))
                .add(Dense.units(6).activation(Activation.SIGMOID).name("hidden"))
                .add(Dense.units(4).name("out")).build();
        Architecture mlpRelu = Architecture.builder("mlp-relu-probabilities").input(Shape.flat(5))
                .add(Dense.units(6).activation(Activation.TANH).name("hidden"))
                .add(Dense.units(4).activation(Activation.SIGMOID).name("out")).build();
        Architecture separable = Architecture.builder("dilated-depthwise-separable").input(5, 6, 2)
                .add(Conv2D.filters(2).kernel(2).dilationRate(2, 3).padding(Padding.same()).activation(Activation.TANH)
                        .name("conv"))
                .add(DepthwiseConv2D.kernel(2).depthMultiplier(2).activation(Activation.SIGMOID).name("dw"))
                .add(SeparableConv2D.filters(3).kernel(2).strides(2).padding(Padding.same())
                        .activation(Activation.TANH).name("sep"))
                .add(GlobalAveragePooling2D.create()).add(Dense.units(3).activation(Activation.SOFTMAX).name("dense"))
                .build();
        Architecture reluSoftmaxReshape = Architecture.builder("relu-softmax-reshape").input(4, 3, 2)
                .add(Conv2D.filters(3).kernel(2).padding(Padding.same()).name("conv"))
                .add(ReLU.create().maxValue(0.8).negativeSlope(0.1).threshold(0.1))
                .add(Softmax.overAxis(1)).add(Reshape.to(3, 4, 3)).add(GlobalMaxPooling2D.create(true))
                .add(Reshape.to(-1)).add(Dense.units(2).activation(Activation.SIGMOID).name("dense")).build();
        Architecture frozenNormalization = Architecture.builder("frozen-batch-normalization").input(4, 4, 2)
                .add(Conv2D.filters(3).kernel(3).padding(Padding.same()).name("conv"))
                .add(BatchNormalization.create().name("bn")).add(ReLU.create().maxValue(6).negativeSlope(0.2))
                .add(Flatten.layer()).add(Dense.units(3).activation(Activation.SOFTMAX).name("dense")).build()
                .withFrozen(java.util.List.of("bn"));
        return Stream.of(
                args(residual(), Loss.categoricalCrossEntropy()),
                args(concatenations(), Loss.meanSquaredError()),
                args(multiplyAverage(), Loss.categoricalCrossEntropy()),
                args(convPoolDense, Loss.categoricalCrossEntropy()),
                args(wholeInputConv, Loss.categoricalCrossEntropy()),
                args(stridedAvg, Loss.meanSquaredError()),
                args(padRelu, Loss.binaryCrossEntropy()),
                args(policy, Loss.sparseCategoricalCrossEntropy()),
                args(mlpSoftmax, Loss.focal(2, 0.25)),
                args(mlpSigmoid, Loss.focal(1.5, 0.4)),
                args(mlpSigmoid, Loss.binaryCrossEntropy()),
                args(mlpLinear, Loss.categoricalCrossEntropy()),
                args(mlpLinear, Loss.binaryCrossEntropy()),
                args(mlpRelu, Loss.categoricalCrossEntropy()),
                args(mlpRelu, Loss.focal(2, 0.25)),
                args(mlpSoftmax, Loss.meanSquaredError()),
                args(separable, Loss.categoricalCrossEntropy()),
                args(reluSoftmaxReshape, Loss.binaryCrossEntropy()),
                args(frozenNormalization, Loss.categoricalCrossEntropy()));
    }

    /** Networks whose batch normalisation trains with batch statistics. */
    static Stream<Arguments> batchNormalized() {
        Architecture image = Architecture.builder("bn-image-channels").input(4, 4, 2)
                .add(Conv2D.filters(3).kernel(3).padding(Padding.same()).name("conv"))
                .add(BatchNormalization.create().momentum(0.5).name("bn")).add(ActivationLayer.of(Activation.TANH))
                .add(Flatten.layer()).add(Dense.units(3).activation(Activation.SOFTMAX).name("dense")).build();
        Architecture flat = Architecture.builder("bn-flat").input(Shape.flat(5))
                .add(Dense.units(4).name("hidden")).add(BatchNormalization.create().center(false).name("bn"))
                .add(ActivationLayer.of(Activation.TANH))
                .add(Dense.units(2).activation(Activation.SIGMOID).name("out")).build();
        Architecture rows = Architecture.builder("bn-image-rows").input(3, 4, 2)
                .add(BatchNormalization.create().axis(1).scale(false).epsilon(0.1).name("bn"))
                .add(Conv2D.filters(2).kernel(2).activation(Activation.TANH).name("conv"))
                .add(Flatten.layer()).add(Dense.units(3).name("dense")).build();
        return Stream.of(
                args(image, Loss.categoricalCrossEntropy()),
                args(flat, Loss.binaryCrossEntropy()),
                args(rows, Loss.meanSquaredError()));
    }

    /** The loss a check differentiates numerically. */
    @FunctionalInterface
    private interface LossOf {
        double at(CompiledNetwork net, Images x, Targets y);
    }

    /** A residual block: the second convolution's output plus the first's. */
    private static Architecture residual() {
        GraphBuilder g = Architecture.graph("residual-add");
        Node c1 = Conv2D.filters(3).padding(Padding.same()).activation(Activation.TANH).name("c1").apply(g.input(6, 6, 2));
        Node c2 = Conv2D.filters(3).padding(Padding.same()).name("c2").apply(c1);
        Node sum = ActivationLayer.of(Activation.TANH).apply(Add.layer().apply(c2, c1));
        return g.build(Dense.units(4).activation(Activation.SOFTMAX).name("dense").apply(Flatten.layer().apply(sum)));
    }

    /** A dense block (channels joined to the input) and a concatenation along the height. */
    private static Architecture concatenations() {
        GraphBuilder g = Architecture.graph("concatenations");
        Node x = g.input(5, 5, 2);
        Node c1 = Conv2D.filters(2).padding(Padding.same()).activation(Activation.SIGMOID).name("c1").apply(x);
        Node block = Concatenate.layer().apply(x, c1);
        Node c2 = Conv2D.filters(2).padding(Padding.same()).activation(Activation.TANH).name("c2").apply(block);
        Node tall = Concatenate.axis(1).apply(c2, c1);
        return g.build(Dense.units(3).name("dense").apply(Flatten.layer().apply(tall)));
    }

    /** Two dense branches, their product, and the average of both with the product. */
    private static Architecture multiplyAverage() {
        GraphBuilder g = Architecture.graph("multiply-average");
        Node x = g.input(Shape.flat(5));
        Node a = Dense.units(4).activation(Activation.TANH).name("a").apply(x);
        Node b = Dense.units(4).activation(Activation.SIGMOID).name("b").apply(x);
        Node mean = Average.layer().apply(a, Multiply.layer().apply(a, b), b);
        return g.build(Dense.units(3).activation(Activation.SOFTMAX).name("out").apply(mean));
    }

    private static Arguments args(Architecture arch, Loss loss) {
        return Arguments.of(Named.of(arch.name(), arch), Named.of(loss.toString().equals("INSTANCE")
                ? loss.configName() : loss.toString(), loss));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("networks")
    void gradientsMatchFiniteDifferences(Architecture arch, Loss loss) {
        check(arch, loss, (net, x, y) -> net.evaluate(x, y).loss());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("batchNormalized")
    void batchNormalizationGradientsMatchTheTrainingLoss(Architecture arch, Loss loss) {
        check(arch, loss, (net, x, y) -> net.fit(TrainingData.inMemory(x, y, 1, false), FitOptions.of(1, x.count()))
                .last().loss());
    }

    private static void check(Architecture arch, Loss loss, LossOf lossOf) {
        int n = 4;
        SplittableRandom random = new SplittableRandom(7);
        Images x = randomImages(arch.inputShape(), n, random);
        Targets y = randomTargets(loss, Math.toIntExact(arch.outputShape().elementCount()), n, random);
        TrainingConfig config = TrainingConfig.of(loss, Optimizer.sgd().withLearningRate(1.0)).withSeed(3);
        try (CompiledNetwork net = CompiledNetwork.compile(arch, config)) {
            // Small random biases so that no bias sits at zero (ReLU kinks) and every path carries gradient.
            Weights.Builder start = Weights.builder();
            for (Parameter p : arch.parameters()) {
                float[] v = net.weights().values(p.key());
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (0.1 * (random.nextDouble() - 0.5));
                }
                start.put(p.key(), p.shape(), v);
            }
            Weights w0 = start.build();
            net.setWeights(w0);
            net.fit(TrainingData.inMemory(x, y, 1, false), FitOptions.of(1, n));
            Weights w1 = net.weights();
            net.setWeights(w0);
            // Frozen parameters and moving statistics take no gradient.
            for (Parameter p : arch.parameters().stream().filter(Parameter::trainable).toList()) {
                float[] before = w0.values(p.key());
                float[] after = w1.values(p.key());
                int checks = Math.min(6, before.length);
                int checked = 0;
                for (int c = 0; c < checks; c++) {
                    int i = random.nextInt(before.length);
                    double analytic = before[i] - after[i];
                    double numeric = centralDifference(net, w0, p, i, STEP, x, y, lossOf);
                    double finer = centralDifference(net, w0, p, i, STEP / 3, x, y, lossOf);
                    double tolerance = 5e-4 + 2e-2 * Math.abs(numeric);
                    if (Math.abs(numeric - finer) > tolerance) {
                        // The two step sizes disagree: a max-pool switch or a ReLU kink lies within the
                        // step, where a finite difference says nothing about the gradient.
                        continue;
                    }
                    checked++;
                    assertTrue(Math.abs(analytic - numeric) <= tolerance, () -> arch.name() + " " + loss.configName() + " "
                            + p.key() + "[" + i + "]: gradient " + analytic + ", finite difference " + numeric);
                }
                assertTrue(checked >= checks / 2, p.key() + ": too few entries away from kinks (" + checked + ")");
            }
        }
    }

    private static double centralDifference(CompiledNetwork net, Weights w0, Parameter p, int index, double step,
                                            Images x, Targets y, LossOf lossOf) {
        return (lossWith(net, w0, p, index, step, x, y, lossOf) - lossWith(net, w0, p, index, -step, x, y, lossOf))
                / (2 * step);
    }

    private static double lossWith(CompiledNetwork net, Weights w0, Parameter p, int index, double delta, Images x,
                                   Targets y, LossOf lossOf) {
        float[] v = w0.values(p.key());
        v[index] += (float) delta;
        net.setWeights(Weights.builder().put(p.key(), p.shape(), v).build());
        double loss = lossOf.at(net, x, y);
        // Everything back: a training step moves every parameter and moving statistic.
        net.setWeights(w0);
        return loss;
    }

    private static Images randomImages(Shape shape, int n, SplittableRandom random) {
        float[] v = new float[Math.toIntExact(n * shape.elementCount())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return new Images(v, n, shape);
    }

    private static Targets randomTargets(Loss loss, int units, int n, SplittableRandom random) {
        if (loss instanceof Loss.MeanSquaredError) {
            float[] v = new float[n * units];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextDouble();
            }
            return Targets.of(v, units);
        }
        if (units == 1 || loss instanceof Loss.BinaryCrossEntropy) {
            float[] v = new float[n * units];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextBoolean() ? 1 : 0;
            }
            return Targets.of(v, units);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(units);
        }
        return Targets.classes(labels, units);
    }
}
