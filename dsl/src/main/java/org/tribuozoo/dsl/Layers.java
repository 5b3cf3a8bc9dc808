package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Checks shared by the layer constructors; messages name the layer. */
final class Layers {
    private Layers() {
    }

    static void positive(String layer, String what, int value) {
        if (value <= 0) {
            throw new InvalidArchitectureException("layer '" + layer + "': " + what + " must be positive, got " + value);
        }
    }

    static Shape requireImage(Layer layer, Shape input) {
        if (!input.isImage()) {
            throw InvalidArchitectureException.at(layer, "needs an image input (height, width, channels), got "
                    + input);
        }
        return input;
    }

    /** The input rows or columns a kernel of {@code size} taps spreads over at a dilation rate. */
    static int dilatedExtent(int size, int dilation) {
        return Math.toIntExact((long) (size - 1) * dilation + 1);
    }

    /**
     * The index into {@code input}'s dimensions of a Keras axis, which counts the batch as axis 0 and
     * from the end when negative ({@code -1} is the last, the channels of an image).
     */
    static int axisIndex(Layer layer, int axis, Shape input) {
        int rank = input.rank() + 1;
        int resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 1 || resolved >= rank) {
            throw InvalidArchitectureException.at(layer, "axis " + axis + " is not an axis of the input " + input
                    + " (axis 0 is the batch; use 1.." + (rank - 1) + " or -1..-" + (rank - 1) + ")");
        }
        return resolved - 1;
    }

    /** Checks a double setting that must be finite and at least {@code min}. */
    static void atLeast(String layer, String type, String what, double value, double min) {
        if (!Double.isFinite(value) || value < min) {
            throw new InvalidArchitectureException("layer '" + layer + "' (" + type + "): " + what + " must be "
                    + (min == 0 ? "non-negative" : "at least " + min) + " and finite, got " + value);
        }
    }

    /** Output size of a window sliding over {@code in} with padding; rejects a window that does not fit. */
    static int windowOutput(Layer layer, String axis, int in, int padBefore, int padAfter, int window, int stride,
                            Padding padding) {
        int padded = in + padBefore + padAfter;
        if (window > padded) {
            throw InvalidArchitectureException.at(layer, "window " + window + " is larger than the " + axis + " "
                    + in + (padBefore + padAfter > 0 ? " (" + padded + " padded)" : "") + " with " + padding
                    + " padding");
        }
        return (padded - window) / stride + 1;
    }

    /** Checks a pooling layer's settings. */
    static void checkPool(String name, String type, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
                          Padding padding) {
        Layer.checkName(name);
        positive(name, "pool height", poolHeight);
        positive(name, "pool width", poolWidth);
        positive(name, "stride height", strideHeight);
        positive(name, "stride width", strideWidth);
        Objects.requireNonNull(padding, "padding");
        if (padding instanceof Padding.Explicit) {
            throw new InvalidArchitectureException("layer '" + name + "' (" + type + "): pooling takes valid or same "
                    + "padding; use a ZeroPadding2D layer before it for explicit padding");
        }
    }

    /** The output of a pooling window over an image: same channels, sizes from the window formula. */
    static Shape poolOutput(Layer layer, Shape input, Padding.Explicit p, int poolHeight, int poolWidth,
                            int strideHeight, int strideWidth, Padding padding) {
        requireImage(layer, input);
        return windowOutput(layer, input, p, poolHeight, poolWidth, strideHeight, strideWidth, padding,
                input.channels());
    }

    /** The output of a window sliding over an image: sizes from the window formula, the given channels. */
    static Shape windowOutput(Layer layer, Shape input, Padding.Explicit p, int windowHeight, int windowWidth,
                              int strideHeight, int strideWidth, Padding padding, int channels) {
        int h = windowOutput(layer, "input height", input.height(), p.top(), p.bottom(), windowHeight, strideHeight,
                padding);
        int w = windowOutput(layer, "input width", input.width(), p.left(), p.right(), windowWidth, strideWidth,
                padding);
        return Shape.of(h, w, channels);
    }

    /** The output of a global pooling over an image: its channels, flat or as one pixel. */
    static Shape globalPoolOutput(Layer layer, Shape input, boolean keepdims) {
        requireImage(layer, input);
        return keepdims ? Shape.of(1, 1, input.channels()) : Shape.flat(input.channels());
    }

    /** Checks that a merge layer has at least two inputs. */
    static void requireSeveral(MergeLayer layer, List<Shape> inputs, List<String> inputNames) {
        if (inputs.size() < 2) {
            throw InvalidArchitectureException.at(layer, "merges at least two inputs, got " + inputs.size()
                    + (inputNames.isEmpty() ? "" : " (" + quoted(inputNames) + ")"));
        }
    }

    /** The common shape of an element-wise merge's inputs; an error names two inputs that differ. */
    static Shape sameShapes(MergeLayer layer, List<Shape> inputs, List<String> inputNames) {
        requireSeveral(layer, inputs, inputNames);
        Shape first = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(first)) {
                throw InvalidArchitectureException.at(layer, "all inputs must have the same shape, got "
                        + from(first, inputNames.get(0)) + " and " + from(inputs.get(i), inputNames.get(i)));
            }
        }
        return first;
    }

    /** {@code (8, 8, 4) from 'conv2d_1'}. */
    static String from(Shape shape, String source) {
        return shape + " from '" + source + "'";
    }

    /** {@code 'a', 'b'}. */
    static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    /** An already named layer as a spec that keeps its name. */
    static LayerSpec spec(Layer layer) {
        Objects.requireNonNull(layer, "layer");
        return new LayerSpec() {
            @Override
            public Optional<String> givenName() {
                return Optional.of(layer.name());
            }

            @Override
            public String namePrefix() {
                return layer.name();
            }

            @Override
            public Layer build(String layerName) {
                return layer.withName(layerName);
            }
        };
    }

    /**
     * The name of each spec, in order: the given name, or Keras-style {@code prefix_k} counting from 1 per
     * prefix and skipping every given and reserved name.
     *
     * @throws InvalidArchitectureException if two specs were given the same name
     */
    static List<String> assignNames(String architecture, List<LayerSpec> specs, Set<String> reserved) {
        Set<String> taken = new HashSet<>(reserved);
        Set<String> given = new HashSet<>();
        for (LayerSpec spec : specs) {
            spec.givenName().ifPresent(n -> {
                if (!given.add(n)) {
                    throw new InvalidArchitectureException("architecture '" + architecture
                            + "': two layers are named '" + n + "'");
                }
                taken.add(n);
            });
        }
        Map<String, Integer> counters = new HashMap<>();
        List<String> names = new ArrayList<>(specs.size());
        for (LayerSpec spec : specs) {
            names.add(spec.givenName().orElseGet(() -> {
                String candidate;
                do {
                    int k = counters.merge(spec.namePrefix(), 1, Integer::sum);
                    candidate = spec.namePrefix() + "_" + k;
                } while (taken.contains(candidate));
                taken.add(candidate);
                return candidate;
            }));
        }
        return names;
    }
}
