package org.tribuozoo.dsl;

import java.util.List;
import java.util.Optional;

/**
 * A value in a network being described with {@link Architecture#graph(String)}: the network's input,
 * or the output of a layer applied to earlier nodes. Nodes are handles of one {@link GraphBuilder};
 * the layers get their names when the graph is built.
 *
 * <pre>{@code
 * GraphBuilder g = Architecture.graph("residual");
 * Node x = g.input(8, 8, 3);
 * Node y = Conv2D.filters(3).kernel(3).padding(Padding.same()).activation(RELU).apply(x);
 * Node sum = Add.layer().apply(x, y);
 * Architecture a = g.build(Dense.units(10).apply(Flatten.layer().apply(sum)));
 * }</pre>
 */
public final class Node {
    final GraphBuilder owner;
    /** Null for the network's input. */
    final LayerSpec spec;
    final List<Node> inbound;
    /** The position among the builder's layers, in the order they were added; -1 for the input. */
    final int index;

    Node(GraphBuilder owner, LayerSpec spec, List<Node> inbound, int index) {
        this.owner = owner;
        this.spec = spec;
        this.inbound = List.copyOf(inbound);
        this.index = index;
    }

    /** {@return whether this is the network's input rather than a layer's output} */
    public boolean isInput() {
        return spec == null;
    }

    /**
     * {@return the name given to this node's layer (or input), or empty when none was; generated names
     * exist only once built}
     */
    public Optional<String> givenName() {
        return isInput() ? Optional.ofNullable(owner.inputName()) : spec.givenName();
    }

    @Override
    public String toString() {
        String what = isInput() ? "input" : spec.namePrefix() + " layer #" + (index + 1);
        return "Node[" + givenName().map(n -> n + ", ").orElse("") + what + "]";
    }
}
