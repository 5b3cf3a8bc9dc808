package org.tribuozoo.tribuo.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.GraphBuilder;
import org.tribuozoo.dsl.LayerSamples;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Multiply;
import org.tribuozoo.dsl.Node;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.PositionBias;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.ZeroPadding2D;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.zoo.ModelZoo;

/**
 * The networks the export is checked on, with seeded random weights and inputs: zoo entries covering
 * every layer kind the zoo uses, small hand-made networks for the corners the zoo does not reach
 * (same-padded average pooling with even windows, zero padding, rescaling, tanh, per-position bias on
 * a multi-channel image, an image-shaped output, a flat input, batch normalisation over every kind of
 * axis, depthwise, separable and dilated convolutions, ReLU variants, softmax over another axis,
 * reshapes both ways), graphs (a residual network, a dense
 * block, every merge layer and concatenation axis), and one network per concrete layer type.
 */
final class TestNetworks {

    /**
     * One network to export.
     *
     * @param architecture the network
     * @param pixelScale   the scaling done inside the graph
     * @param pixelOffset  the offset added after scaling
     * @param maxRaw       raw inputs are drawn from [0, maxRaw) (integers when {@code integral})
     * @param integral     whether raw inputs are whole numbers, like bytes of an image or 0/1 planes
     */
    record Case(Architecture architecture, double pixelScale, double pixelOffset, int maxRaw, boolean integral) {
        @Override
        public String toString() {
            return architecture.name();
        }

        /** Raw (unscaled) inputs, {@code count x inputWidth}, row-major (h, w, c). */
        float[] rawInputs(int count, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] raw = new float[count * ArchitectureOnnx.inputWidth(architecture)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = integral ? random.nextInt(maxRaw) : (float) (random.nextDouble() * maxRaw);
            }
            return raw;
        }

        /** The inputs as the network sees them: the same float operations as the Tribuo-side conversion. */
        float[] scaled(float[] raw) {
            float scale = (float) pixelScale;
            float offset = (float) pixelOffset;
            float[] out = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i] * scale + offset;
            }
            return out;
        }
    }

    private TestNetworks() {
    }

    static List<Case> all() {
        List<Case> all = new ArrayList<>(List.of(
                zoo("lenet5", 1 / 255.0, 0),
                zoo("mnist-cnn", 1 / 255.0, 0),
                zoo("fashion-cnn-2x2", 1 / 255.0, -0.5),
                zoo("cifar10-tf-lowlevel", 1 / 255.0, 0),
                zoo("catsdogs-cnn", 1 / 255.0, 0),
                new Case(ModelZoo.get("alphago-policy-8").architecture(), 1, 0, 2, true),
                new Case(poolingCorners(), 0.1, -0.5, 10, false),
                new Case(imageOutput(), 1, 0, 3, false),
                new Case(flatInput(), 2, 1, 1, false),
                new Case(residual(), 1 / 255.0, 0, 256, true),
                new Case(denseBlock(), 1 / 255.0, 0, 256, true),
                new Case(mergeCorners(), 0.5, -1, 4, false),
                new Case(normalized(), 1 / 255.0, 0, 256, true),
                new Case(mobileNetHead(), 1 / 127.5, -1, 256, true),
                new Case(softmaxReshape(), 1, 0, 2, false)));
        all.addAll(everyLayerType());
        return all;
    }

    /**
     * dsl's sample network of every concrete layer type, found from the sealed layer hierarchy: a type
     * the ONNX writer (or the reference) got wrong fails under the sample's name, {@code sample-<Type>}.
     */
    static List<Case> everyLayerType() {
        return LayerSamples.concreteTypes().stream()
                .map(type -> new Case(LayerSamples.of(type), 1, 0, 3, false))
                .toList();
    }

    private static Case zoo(String name, double scale, double offset) {
        return new Case(ModelZoo.get(name).architecture(), scale, offset, 256, true);
    }

    /**
     * Odd sizes, even and rectangular windows, strides, same padding everywhere it is asymmetric, explicit
     * padding, zero padding, rescaling, tanh/sigmoid/relu, a per-position bias over several channels.
     */
    static Architecture poolingCorners() {
        return Architecture.builder("pooling-corners").input(13, 11, 3)
                .add(Rescaling.of(3, 0.25))
                .add(ZeroPadding2D.of(1, 2, 0, 3))
                .add(Conv2D.filters(4).kernel(4, 2).strides(2).padding(Padding.same()).activation(Activation.TANH))
                .add(AvgPool2D.size(2, 4).strides(1).padding(Padding.same()))
                .add(Conv2D.filters(5).kernel(3).padding(Padding.explicit(1, 0, 2, 1))
                        .activation(Activation.SIGMOID))
                .add(AvgPool2D.size(2).strides(2).padding(Padding.same()))
                .add(MaxPool2D.size(3, 2).strides(2, 1).padding(Padding.same()))
                .add(Conv2D.filters(6).kernel(2).padding(Padding.same()).noBias())
                .add(PositionBias.create())
                .add(ActivationLayer.of(Activation.RELU))
                .add(AvgPool2D.size(2).strides(1))
                .add(Flatten.layer())
                .add(Dense.units(7).activation(Activation.TANH))
                .add(Dropout.rate(0.3))
                .add(Dense.units(5).activation(Activation.SOFTMAX))
                .build();
    }

    /** Ends on an image: a softmax over channels per pixel, flattened in (h, w, c) order at the end. */
    static Architecture imageOutput() {
        return Architecture.builder("image-output").input(6, 5, 2)
                .add(Conv2D.filters(4).kernel(3).padding(Padding.same()).activation(Activation.RELU))
                .add(MaxPool2D.size(2).padding(Padding.same()))
                .add(Conv2D.filters(3).kernel(1).activation(Activation.SOFTMAX))
                .build();
    }

    /** A flat input: no reshape, no transposes; several independent sigmoid outputs (not widened). */
    static Architecture flatInput() {
        return Architecture.builder("flat-input").input(Shape.flat(20))
                .add(Dense.units(16).activation(Activation.RELU))
                .add(Dropout.rate(0.5))
                .add(Rescaling.scale(0.5))
                .add(PositionBias.create())
                .add(Dense.units(3).activation(Activation.SIGMOID))
                .build();
    }

    /**
     * A small ResNet: a stem, a block with a strided 1x1 projection shortcut, an identity block, then
     * pooling and a classifier. Odd image sizes, so that strided same padding is asymmetric.
     */
    static Architecture residual() {
        GraphBuilder g = Architecture.graph("residual");
        Node stem = Conv2D.filters(6).padding(Padding.same()).activation(Activation.RELU).name("stem")
                .apply(g.input(11, 9, 3));
        Node a = Conv2D.filters(8).strides(2).padding(Padding.same()).activation(Activation.RELU)
                .name("block1_1_conv").apply(stem);
        a = Conv2D.filters(8).padding(Padding.same()).name("block1_2_conv").apply(a);
        Node shortcut = Conv2D.filters(8).kernel(1).strides(2).padding(Padding.same()).name("block1_0_conv")
                .apply(stem);
        Node block1 = ActivationLayer.of(Activation.RELU).name("block1_out")
                .apply(Add.layer().name("block1_add").apply(shortcut, a));
        Node b = Conv2D.filters(8).padding(Padding.same()).activation(Activation.RELU).name("block2_1_conv")
                .apply(block1);
        b = Conv2D.filters(8).padding(Padding.same()).name("block2_2_conv").apply(b);
        Node block2 = ActivationLayer.of(Activation.RELU).name("block2_out")
                .apply(Add.layer().name("block2_add").apply(block1, b));
        Node pooled = AvgPool2D.size(2).padding(Padding.same()).apply(block2);
        return g.build(Dense.units(5).activation(Activation.SOFTMAX).name("predictions")
                .apply(Dropout.rate(0.2).apply(Flatten.layer().apply(pooled))));
    }

    /** A small DenseNet block: each convolution reads the concatenation of all before it, then a transition. */
    static Architecture denseBlock() {
        GraphBuilder g = Architecture.graph("dense-block");
        Node x = Conv2D.filters(4).padding(Padding.same()).activation(Activation.RELU).name("conv1")
                .apply(g.input(7, 6, 2));
        for (int i = 1; i <= 3; i++) {
            Node grown = Conv2D.filters(3).padding(Padding.same()).activation(Activation.RELU)
                    .name("block_" + i + "_conv").apply(x);
            x = Concatenate.axis(3).name("block_" + i + "_concat").apply(x, grown);
        }
        Node transition = Conv2D.filters(5).kernel(1).activation(Activation.RELU).name("transition").apply(x);
        Node pooled = AvgPool2D.size(2).apply(transition);
        return g.build(Dense.units(4).activation(Activation.SOFTMAX).apply(Flatten.layer().apply(pooled)));
    }

    /**
     * Every merge layer, with three inputs where it takes them, and concatenation along each axis of an
     * image (height, width, channels: the axes that move in ONNX's NCHW layout) and of a flat vector.
     */
    static Architecture mergeCorners() {
        GraphBuilder g = Architecture.graph("merge-corners");
        Node x = g.input(6, 5, 3);
        Node a = Conv2D.filters(4).padding(Padding.same()).activation(Activation.TANH).apply(x);
        Node gate = Conv2D.filters(4).kernel(1).activation(Activation.SIGMOID).apply(x);
        Node gated = Multiply.layer().apply(a, gate, a);
        Node mean = Average.layer().apply(a, gated, Conv2D.filters(4).kernel(1).apply(x));
        Node sum = Add.layer().apply(mean, a, gated);
        Node wide = Concatenate.axis(2).apply(sum, a);
        Node tall = Concatenate.axis(-3).apply(wide, Rescaling.of(-1, 0.5).apply(wide));
        Node deep = Concatenate.layer().apply(tall, MaxPool2D.size(3).strides(1).padding(Padding.same()).apply(tall));
        Node flat = Flatten.layer().apply(MaxPool2D.size(2).apply(deep));
        Node joined = Concatenate.layer().apply(Dense.units(6).activation(Activation.TANH).apply(flat),
                Dense.units(3).activation(Activation.RELU).apply(flat));
        return g.build(Dense.units(4).activation(Activation.SOFTMAX).apply(joined));
    }

    /**
     * Batch normalisation over channels (an epsilon below the fused kernel's minimum), over rows without
     * beta, over flat features without gamma; ReLU6 and a thresholded leaky ReLU; strided depthwise and
     * separable convolutions with depth multipliers; global average pooling.
     */
    static Architecture normalized() {
        return Architecture.builder("batch-normalization").input(7, 6, 3)
                .add(Conv2D.filters(4).kernel(3).padding(Padding.same()).noBias())
                .add(BatchNormalization.create().epsilon(1e-6))
                .add(ReLU.create().maxValue(6))
                .add(DepthwiseConv2D.kernel(3).strides(2).padding(Padding.same()).depthMultiplier(2).noBias())
                .add(BatchNormalization.create().axis(1).center(false))
                .add(ReLU.create().negativeSlope(0.1).threshold(0.05).maxValue(1.5))
                .add(SeparableConv2D.filters(5).kernel(2).depthMultiplier(2).activation(Activation.RELU))
                .add(GlobalAveragePooling2D.create())
                .add(BatchNormalization.create().scale(false).momentum(0.9))
                .add(Dense.units(4).activation(Activation.SOFTMAX))
                .build();
    }

    /**
     * Keras MobileNet's head on a dilated convolution: global average pooling kept as a 1x1 image, dropout,
     * a 1x1 convolution to the classes, a reshape to a vector, then the softmax.
     */
    static Architecture mobileNetHead() {
        return Architecture.builder("mobilenet-head").input(6, 6, 3)
                .add(Conv2D.filters(8).kernel(3).dilationRate(2).padding(Padding.same()).activation(Activation.RELU))
                .add(ZeroPadding2D.of(0, 1, 0, 1))
                .add(DepthwiseConv2D.kernel(3).strides(2).activation(Activation.RELU))
                .add(GlobalAveragePooling2D.create(true))
                .add(Dropout.rate(0.001))
                .add(Conv2D.filters(5).kernel(1).padding(Padding.same()))
                .add(Reshape.to(5))
                .add(ActivationLayer.of(Activation.SOFTMAX))
                .build();
    }

    /**
     * A softmax over the height, reshapes from image to image and from flat to image, global max pooling,
     * a leaky ReLU, and an image output of one pixel whose channels take a Softmax layer.
     */
    static Architecture softmaxReshape() {
        return Architecture.builder("softmax-reshape").input(4, 3, 2)
                .add(Conv2D.filters(3).kernel(2).dilationRate(2, 1).padding(Padding.same()))
                .add(Softmax.overAxis(1))
                .add(Reshape.to(2, -1, 6))
                .add(GlobalMaxPooling2D.create())
                .add(Dense.units(3).activation(Activation.TANH))
                .add(ReLU.create().negativeSlope(0.3))
                .add(Reshape.to(1, 1, 3))
                .add(Softmax.create())
                .build();
    }

    /**
     * Seeded random weights for every parameter: kernels He-uniform (variance kept through ReLU layers,
     * so that the outputs are far from uniform and differ clearly between inputs), biases uniform in [-0.2, 0.2], a
     * per-position bias uniform in [-2, 2] (a strong prior per point, so that a 361-way softmax is not
     * nearly uniform), batch normalisation's gamma and moving variance uniform in [0.5, 1.5] (a variance must
     * be positive), its beta and moving mean like biases.
     */
    static Weights randomWeights(Architecture architecture, long seed) {
        Weights.Builder b = Weights.builder();
        for (Parameter p : architecture.parameters()) {
            SplittableRandom random = new SplittableRandom(seed ^ p.key().hashCode());
            float[] values = new float[Math.toIntExact(p.count())];
            boolean aroundOne = p.name().equals("gamma") || p.name().equals("moving_variance");
            double limit = p.name().endsWith("kernel") ? heLimit(p)
                    : architecture.layer(p.layer()) instanceof PositionBias ? 2.0 : aroundOne ? 0.5 : 0.2;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((aroundOne ? 1 : 0) + (random.nextDouble() * 2 - 1) * limit);
            }
            b.put(p.key(), p.shape(), values);
        }
        return b.build();
    }

    /**
     * sqrt(6 / fanIn), fanIn being everything but the last (output) axis of an HWIO or (in, out) kernel,
     * and the window alone for a depthwise kernel (each output sees one input channel).
     */
    private static double heLimit(Parameter kernel) {
        Shape shape = kernel.shape();
        long fanIn = kernel.name().equals("depthwise_kernel") ? (long) shape.dim(0) * shape.dim(1)
                : shape.elementCount() / shape.dim(shape.rank() - 1);
        return Math.sqrt(6.0 / fanIn);
    }
}
