package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Something that becomes a {@link Layer} once the architecture gives it a name: the layer
 * builders ({@code Conv2D.filters(32)...}) and layers themselves.
 */
public interface LayerSpec {

    /** The name the user gave, if any. */
    Optional<String> givenName();

    /** The Keras-style prefix for generated names, for example {@code conv2d}. */
    String namePrefix();

    /** The layer under the given name. */
    Layer build(String name);

    /**
     * Applies this layer to nodes of a graph being described ({@link Architecture#graph(String)}): the
     * same as {@code builder.add(this, input, more...)}.
     *
     * @param input the node it reads (the first, for a {@link MergeLayer})
     * @param more  further nodes, for a merge layer
     * @return the node of this layer's output
     */
    default Node apply(Node input, Node... more) {
        java.util.Objects.requireNonNull(input, "input");
        List<Node> inputs = new ArrayList<>(1 + more.length);
        inputs.add(input);
        inputs.addAll(List.of(more));
        return input.owner.add(this, inputs);
    }
}
