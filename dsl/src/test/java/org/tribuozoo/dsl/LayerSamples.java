package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * One small network per concrete layer type, for the tests that check that every backend handles every
 * type: the JSON form here, the TensorFlow graph in tf-graph, the ONNX writer in tribuo-plugin (which
 * use this class through dsl's test jar). Each network is the sample layer alone, on an input it fits,
 * with settings away from the defaults where the layer has any; a merge layer, which needs several
 * inputs, merges the input with rescaled copies of it and is the network's output layer.
 *
 * <p>A new layer type needs a sample here; {@link #of(Class)} fails naming the type until it has one.
 */
public final class LayerSamples {

    private static final List<Architecture> SAMPLES = List.of(
            sample(Shape.of(5, 4, 2), Conv2D.filters(3).kernel(3, 2).strides(2, 1).padding(Padding.same())
                    .activation(Activation.RELU).kernelInitializer(Initializer.randomNormal(0.5, 0.25))
                    .biasInitializer(Initializer.constant(0.125)).kernelConstraint(Constraint.maxNorm(2))),
            sample(Shape.of(5, 4, 2), MaxPool2D.size(2).strides(2, 1).padding(Padding.same())),
            sample(Shape.of(5, 4, 2), AvgPool2D.size(3, 2).strides(1, 2).padding(Padding.same())),
            sample(Shape.of(3, 2, 2), ZeroPadding2D.of(1, 2, 0, 1)),
            sample(Shape.flat(6), Dropout.rate(0.25)),
            sample(Shape.of(3, 2, 2), Flatten.layer()),
            sample(Shape.flat(6), Dense.units(4).activation(Activation.TANH).noBias()
                    .kernelInitializer(Initializer.heNormal())),
            sample(Shape.of(3, 2, 3), ActivationLayer.of(Activation.SOFTMAX)),
            sample(Shape.flat(5), Rescaling.of(0.5, -1)),
            sample(Shape.of(3, 2, 2), PositionBias.create()),
            sample(Shape.of(3, 3, 1), SpatialSoftmax.create()),
            sample(Shape.of(3, 2, 3), BatchNormalization.create().momentum(0.9).epsilon(0.01)
                    .gammaInitializer(Initializer.constant(1.5)).betaInitializer(Initializer.constant(-0.25))
                    .movingMeanInitializer(Initializer.constant(0.5)).movingVarianceInitializer(Initializer.constant(2))),
            sample(Shape.of(3, 2, 3), GlobalAveragePooling2D.create(true)),
            sample(Shape.of(3, 2, 3), GlobalMaxPooling2D.create()),
            sample(Shape.of(5, 4, 2), DepthwiseConv2D.kernel(3, 2).strides(2, 1).padding(Padding.same())
                    .depthMultiplier(2).activation(Activation.RELU).kernelInitializer(Initializer.heUniform())
                    .biasInitializer(Initializer.constant(0.125))),
            sample(Shape.of(5, 4, 2), SeparableConv2D.filters(3).kernel(2, 3).strides(1, 2).padding(Padding.same())
                    .depthMultiplier(2).activation(Activation.TANH).pointwiseInitializer(Initializer.heNormal())
                    .pointwiseConstraint(Constraint.maxNorm(2))),
            sample(Shape.of(3, 2, 2), ReLU.create().maxValue(0.5).negativeSlope(0.1).threshold(0.2)),
            sample(Shape.of(3, 2, 3), Softmax.overAxis(2)),
            sample(Shape.of(3, 2, 2), Reshape.to(2, -1, 3)),
            merge(Shape.of(3, 2, 2), Add.layer(), 2),
            merge(Shape.of(3, 2, 2), Concatenate.axis(2), 1),
            merge(Shape.flat(5), Multiply.layer(), 1),
            merge(Shape.of(2, 3, 2), Average.layer(), 2));

    private LayerSamples() {
    }

    private static Architecture sample(Shape input, LayerSpec layer) {
        Architecture a = Architecture.builder("sample").input(input).add(layer).build();
        return a.withName("sample-" + a.layers().get(0).getClass().getSimpleName());
    }

    /** The merge of the input with {@code copies} rescaled copies of it (x * -1.5 + 0.25, x * 2 - 0.5, ...). */
    private static Architecture merge(Shape input, LayerSpec merge, int copies) {
        GraphBuilder g = Architecture.graph("sample");
        Node x = g.input(input);
        Node[] more = new Node[copies];
        for (int i = 0; i < copies; i++) {
            more[i] = Rescaling.of(i == 0 ? -1.5 : 2, i == 0 ? 0.25 : -0.5).apply(x);
        }
        Architecture a = g.build(merge.apply(x, more));
        return a.withName("sample-" + output(a).getClass().getSimpleName());
    }

    private static Layer output(Architecture a) {
        return a.layers().get(a.layers().size() - 1);
    }

    /** The concrete layer types: the leaves of the sealed {@link Layer} hierarchy, in declaration order. */
    public static List<Class<? extends Layer>> concreteTypes() {
        List<Class<? extends Layer>> types = new ArrayList<>();
        addLeaves(Layer.class, types);
        return types;
    }

    @SuppressWarnings("unchecked")
    private static void addLeaves(Class<?> type, List<Class<? extends Layer>> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                addLeaves(sub, out);
            }
        } else {
            out.add((Class<? extends Layer>) type);
        }
    }

    /**
     * The sample network of a layer type: that layer, the network's output, on an input it fits.
     *
     * @throws AssertionError naming the type when it has no sample yet
     */
    public static Architecture of(Class<? extends Layer> type) {
        return SAMPLES.stream().filter(a -> output(a).getClass() == type).findFirst()
                .orElseThrow(() -> new AssertionError("layer type " + type.getSimpleName()
                        + " has no sample in " + LayerSamples.class.getName()
                        + ": add one, so that the JSON, TensorFlow and ONNX tests cover it"));
    }

    /** The sample layer of a type. */
    public static Layer layerOf(Class<? extends Layer> type) {
        return output(of(type));
    }
}
