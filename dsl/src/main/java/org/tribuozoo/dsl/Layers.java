package org.tribuozoo.dsl;

import java.util.Objects;

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
}
