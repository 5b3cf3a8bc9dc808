package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Describes a network as a graph, Keras's functional API: the input is a {@link Node}, applying a layer
 * to nodes gives the node of its output, and merge layers ({@link Add}, {@link Concatenate},
 * {@link Multiply}, {@link Average}) join several nodes into one. {@link #build(Node)} names the layers,
 * orders them and checks the whole network, as {@link Architecture.Builder#build()} does for a
 * sequential one.
 *
 * <pre>{@code
 * GraphBuilder g = Architecture.graph("tiny-resnet");
 * Node x = Conv2D.filters(16).padding(Padding.same()).activation(RELU).apply(g.input(32, 32, 3));
 * Node y = Conv2D.filters(16).padding(Padding.same()).activation(RELU).apply(x);
 * y = Conv2D.filters(16).padding(Padding.same()).apply(y);
 * Node block = ActivationLayer.of(RELU).apply(Add.layer().apply(x, y));
 * Architecture net = g.build(Dense.units(10).activation(SOFTMAX).apply(Flatten.layer().apply(block)));
 * }</pre>
 *
 * <p>A network has one input and one output, and every layer must lead to the output.
 */
public final class GraphBuilder {
    private final String name;
    private Node input;
    private String inputName;
    private Shape inputShape;
    private final List<Node> layers = new ArrayList<>();

    GraphBuilder(String name) {
        this.name = Architecture.checkArchitectureName(name);
    }

    /**
     * The network's input, an image height x width x channels, named {@code input_1}.
     *
     * @param height   rows of pixels, positive
     * @param width    columns of pixels, positive
     * @param channels values per pixel, positive
     * @return the input's node, for the first layers to read
     * @throws IllegalArgumentException     if a dimension is zero or negative
     * @throws InvalidArchitectureException if the graph already has an input
     */
    public Node input(int height, int width, int channels) {
        return input(Shape.image(height, width, channels));
    }

    /**
     * The network's input, named {@code input_1} (or the first free {@code input_k}).
     *
     * @param shape the shape of one input example: an image or a flat vector; not null
     * @return the input's node, for the first layers to read
     * @throws InvalidArchitectureException if the graph already has an input
     */
    public Node input(Shape shape) {
        return setInput(null, shape);
    }

    /**
     * The network's input under a chosen name, which layers' inbound lists and the summary show.
     *
     * @param inputName the input's name: letters, digits, {@code _}, {@code .} and {@code -}; no layer may
     *                  have it
     * @param shape     the shape of one input example: an image or a flat vector; not null
     * @return the input's node, for the first layers to read
     * @throws InvalidArchitectureException if the name is not valid or the graph already has an input
     */
    public Node input(String inputName, Shape shape) {
        return setInput(Layer.checkName(inputName), shape);
    }

    private Node setInput(String givenName, Shape shape) {
        Objects.requireNonNull(shape, "shape");
        if (input != null) {
            throw new InvalidArchitectureException("architecture '" + name + "' already has an input; a network "
                    + "has one input");
        }
        inputName = givenName;
        inputShape = shape;
        input = new Node(this, null, List.of(), -1);
        return input;
    }

    /**
     * Applies a layer, described by a builder such as {@code Conv2D.filters(32)}, to nodes.
     *
     * @param spec   the layer, named when the graph is built unless it was given a name
     * @param inputs the nodes it reads: one for most layers, two or more for a merge layer
     * @return the node of the layer's output
     * @throws InvalidArchitectureException if there is no input node or one belongs to another graph
     */
    public Node add(LayerSpec spec, Node... inputs) {
        return add(spec, List.of(inputs));
    }

    /**
     * Applies an already named layer to nodes.
     *
     * @param layer  the layer, kept under its name
     * @param inputs the nodes it reads: one for most layers, two or more for a merge layer
     * @return the node of the layer's output
     * @throws InvalidArchitectureException if there is no input node or one belongs to another graph
     */
    public Node add(Layer layer, Node... inputs) {
        return add(Layers.spec(layer), List.of(inputs));
    }

    /**
     * Applies a layer to nodes: one for most layers, two or more for a merge layer. Whether the count
     * and shapes fit the layer is checked by {@link #build(Node)}.
     *
     * @param spec   the layer, named when the graph is built unless it was given a name; not null
     * @param inputs the nodes it reads, in order; a node may repeat
     * @return the node of the layer's output
     * @throws InvalidArchitectureException if there is no input node or one belongs to another graph
     */
    public Node add(LayerSpec spec, List<Node> inputs) {
        Objects.requireNonNull(spec, "layer");
        if (inputs.isEmpty()) {
            throw new InvalidArchitectureException("architecture '" + name + "': a layer needs at least one input "
                    + "node");
        }
        inputs.forEach(this::requireOwn);
        Node node = new Node(this, spec, inputs, layers.size());
        layers.add(node);
        return node;
    }

    /**
     * Names every unnamed layer Keras-style ({@code conv2d_1}, {@code add_1}, ...; generated names skip
     * given ones), orders the layers and checks the network.
     *
     * @param output the node of the network's output
     * @return the checked network
     * @throws InvalidArchitectureException naming the layer and the reason when the network is invalid,
     *                                      for example a layer whose output the network never uses
     */
    public Architecture build(Node output) {
        Objects.requireNonNull(output, "output");
        if (input == null) {
            throw new InvalidArchitectureException("architecture '" + name + "' has no input; call input(...)");
        }
        requireOwn(output);
        if (output.isInput()) {
            throw new InvalidArchitectureException("architecture '" + name + "' has no layers");
        }
        List<LayerSpec> specs = layers.stream().map(n -> n.spec).toList();
        List<String> names = Layers.assignNames(name, specs, inputName == null ? Set.of() : Set.of(inputName));
        String in = inputName != null ? inputName : Architecture.defaultInputName(names);
        List<ConnectedLayer> connected = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            Node node = layers.get(i);
            List<String> inbound = node.inbound.stream().map(n -> n.isInput() ? in : names.get(n.index)).toList();
            connected.add(new ConnectedLayer(specs.get(i).build(names.get(i)), inbound));
        }
        return Architecture.of(name, in, inputShape, connected, names.get(output.index));
    }

    /** The name given to the input, or null. */
    String inputName() {
        return inputName;
    }

    private void requireOwn(Node node) {
        Objects.requireNonNull(node, "node");
        if (node.owner != this) {
            throw new InvalidArchitectureException("architecture '" + name + "': " + node + " belongs to another "
                    + "graph");
        }
    }
}
