package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Something that becomes a {@link Layer} once the architecture gives it a name: the layer
 * builders ({@code Conv2D.filters(32)...}) and layers themselves.
 */
public interface LayerSpec {

    /** {@return the name the user gave, or empty when the architecture is to generate one} */
    Optional<String> givenName();

    /** {@return the Keras-style prefix for generated names, for example {@code conv2d}} */
    String namePrefix();

    /**
     * The layer under the given name.
     *
     * @param name the layer's name, given or generated
     * @return the layer
     * @throws InvalidArchitectureException if the name is not a valid layer name, or a setting of this
     *                                      builder is out of range
     */
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
