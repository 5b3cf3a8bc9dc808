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
        int h = windowOutput(layer, "input height", input.height(), p.top(), p.bottom(), poolHeight, strideHeight,
                padding);
        int w = windowOutput(layer, "input width", input.width(), p.left(), p.right(), poolWidth, strideWidth, padding);
        return Shape.of(h, w, input.channels());
    }
}
