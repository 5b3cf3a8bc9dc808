package org.tribuozoo.dsl;

import java.util.List;

/**
 * A layer that merges the outputs of several earlier layers into one ({@link Add}, {@link Concatenate},
 * {@link Multiply}, {@link Average}), as Keras's merge layers. It needs at least two inputs, so it only
 * appears in networks described with {@link Architecture#graph(String)}; it has no parameters.
 */
public sealed interface MergeLayer extends Layer permits Add, Concatenate, Multiply, Average {

    /**
     * The output shape for the shapes of its inputs, in order.
     *
     * @param inputs     the shape of each input, at least two
     * @param inputNames the layer (or network input) each comes from, named in error messages
     */
    @Override
    Shape outputShape(List<Shape> inputs, List<String> inputNames);

    /** Always an error: a merge layer takes several inputs, see {@link #outputShape(List, List)}. */
    @Override
    default Shape outputShape(Shape input) {
        throw InvalidArchitectureException.at(this, "merges at least two inputs, got 1");
    }
}
