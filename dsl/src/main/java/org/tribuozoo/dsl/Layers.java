package org.tribuozoo.dsl;

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
}
