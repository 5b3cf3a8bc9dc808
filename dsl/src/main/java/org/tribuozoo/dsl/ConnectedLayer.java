package org.tribuozoo.dsl;

import java.util.List;
import java.util.Objects;

/**
 * One layer of a network with the names of what it reads: earlier layers, or the network's input.
 * In a sequential network each layer reads the one before it (the first reads the input).
 *
 * @param layer   the layer
 * @param inbound the names of its inputs, in order (one, or several for a {@link MergeLayer}); a name
 *                may repeat, as in Keras ({@code Add} of a value with itself)
 */
public record ConnectedLayer(Layer layer, List<String> inbound) {

    /**
     * Checks the layer and copies the names.
     *
     * @param layer   the layer, not null
     * @param inbound the names of its inputs, in order; not null and without null names
     * @throws NullPointerException if the layer, the list or a name is null
     */
    public ConnectedLayer {
        Objects.requireNonNull(layer, "layer");
        inbound = List.copyOf(inbound);
    }

    /**
     * A layer reading these inputs.
     *
     * @param layer   the layer, not null
     * @param inbound the names of the layers (or of the network's input) it reads, in order
     * @return the connected layer
     */
    public static ConnectedLayer of(Layer layer, String... inbound) {
        return new ConnectedLayer(layer, List.of(inbound));
    }

    /** {@return the layer's name} */
    public String name() {
        return layer.name();
    }
}
