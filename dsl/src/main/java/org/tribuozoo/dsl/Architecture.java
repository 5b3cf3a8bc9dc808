package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A network: an input shape and uniquely named layers, each reading the network's input or earlier
 * layers. A sequential network is the common case, each layer reading the one before it; a graph
 * (Keras's functional API, {@link #graph(String)}) lets layers read any earlier layer and merge
 * several ({@link Add}, {@link Concatenate}, {@link Multiply}, {@link Average}), as in residual and
 * dense networks. A network has one input and one output.
 *
 * <p>An architecture is an immutable value; every check (shapes, names, sizes, connections, the
 * size limits of {@link NetworkLimits}) happens when it is built, so that anything holding one can
 * trust it. Its layers are kept in a deterministic topological order (every layer after the layers
 * it reads, the output last), which is the order of {@link #layers()}, of {@link #parameters()} and
 * of the backends' computation.
 *
 * <pre>{@code
 * Architecture lenet5 = Architecture.builder("lenet5")
 *     .input(28, 28, 1)
 *     .add(Conv2D.filters(6).kernel(5).padding(Padding.same()).activation(RELU))
 *     .add(MaxPool2D.size(2))
 *     .add(Conv2D.filters(16).kernel(5).activation(RELU))
 *     .add(MaxPool2D.size(2))
 *     .add(Conv2D.filters(120).kernel(5).activation(RELU))
 *     .add(Flatten.layer())
 *     .add(Dense.units(84).activation(RELU))
 *     .add(Dense.units(10).activation(SOFTMAX))
 *     .build();
 * System.out.println(lenet5.summary());
 * }</pre>
 */
public final class Architecture {

    private final String name;
    private final String inputName;
    private final Shape input;
    private final List<ConnectedLayer> connected;
    private final List<Layer> layers;
    private final Map<String, Integer> index;
    private final SortedSet<String> frozen;
    private final List<Shape> outputShapes;
    private final List<List<Shape>> inputShapes;
    private final List<Parameter> parameters;

    private Architecture(String name, String inputName, Shape input, List<ConnectedLayer> layers, String output,
                         Collection<String> frozen) {
        this.name = checkArchitectureName(name);
        this.inputName = Layer.checkName(inputName);
        this.input = Objects.requireNonNull(input, "input shape");
        if (!input.isImage() && !input.isFlat()) {
            throw new InvalidArchitectureException("architecture '" + name
                    + "': the input must be an image (height, width, channels) or a flat vector, got " + input);
        }
        if (layers.isEmpty()) {
            throw new InvalidArchitectureException("architecture '" + name + "' has no layers");
        }
        this.connected = List.copyOf(Topology.sorted(name, inputName, layers, output));
        this.layers = connected.stream().map(ConnectedLayer::layer).toList();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < this.layers.size(); i++) {
            positions.put(this.layers.get(i).name(), i);
        }
        this.index = Collections.unmodifiableMap(positions);
        for (String f : frozen) {
            if (!positions.containsKey(f)) {
                throw new InvalidArchitectureException("architecture '" + name + "': cannot freeze '" + f
                        + "', no layer has that name");
            }
        }
        this.frozen = Collections.unmodifiableSortedSet(new TreeSet<>(frozen));
        NetworkLimits.checkInput(name, input);
        Map<String, Shape> shapes = new HashMap<>();
        shapes.put(inputName, input);
        List<List<Shape>> ins = new ArrayList<>(this.layers.size());
        List<Shape> outs = new ArrayList<>(this.layers.size());
        List<Parameter> params = new ArrayList<>();
        for (ConnectedLayer c : connected) {
            Layer layer = c.layer();
            List<Shape> in = c.inbound().stream().map(shapes::get).toList();
            Shape out = layer.outputShape(in, c.inbound());
            List<Parameter> layerParams = layer.parameters(in.get(0));
            // Checked layer by layer, so that no later layer is ever shaped from an oversized tensor.
            NetworkLimits.checkLayer(name, layer, out, layerParams);
            for (Parameter p : layerParams) {
                params.add(this.frozen.contains(layer.name()) ? p.frozen() : p);
            }
            shapes.put(layer.name(), out);
            ins.add(in);
            outs.add(out);
        }
        this.inputShapes = List.copyOf(ins);
        this.outputShapes = List.copyOf(outs);
        NetworkLimits.checkTotal(name, params);
        this.parameters = List.copyOf(params);
    }

    /** A sequential network: each layer reads the one before it, the first reads the input. */
    private Architecture(String name, Shape input, List<? extends Layer> layers, Collection<String> frozen) {
        this(name, input, layers, frozen, defaultInputName(layers.stream().map(Layer::name).toList()));
    }

    private Architecture(String name, Shape input, List<? extends Layer> layers, Collection<String> frozen,
                         String inputName) {
        this(name, inputName, input, chain(layers, inputName),
                layers.isEmpty() ? "" : layers.get(layers.size() - 1).name(), frozen);
    }

    private static List<ConnectedLayer> chain(List<? extends Layer> layers, String inputName) {
        List<ConnectedLayer> out = new ArrayList<>(layers.size());
        String previous = inputName;
        for (Layer layer : layers) {
            out.add(ConnectedLayer.of(layer, previous));
            previous = layer.name();
        }
        return out;
    }

    /**
     * Starts describing a sequential network with this name.
     *
     * @param name the network's name, not blank; it names the network in summaries, files and errors
     * @return a builder to give the input shape and add layers to
     * @throws InvalidArchitectureException if the name is null or blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Starts describing a network as a graph of layers applied to earlier outputs (Keras's functional API).
     *
     * @param name the network's name, not blank
     * @return a builder whose {@link Node}s layers are applied to
     * @throws InvalidArchitectureException if the name is null or blank
     */
    public static GraphBuilder graph(String name) {
        return new GraphBuilder(name);
    }

    /**
     * A sequential network from already named layers; checks it like {@link Builder#build()}.
     *
     * @param name   the network's name, not blank
     * @param input  the shape of one input example: an image or a flat vector
     * @param layers the layers in order, each reading the one before it, with unique names
     * @return the checked network
     * @throws InvalidArchitectureException if there is no layer, a name repeats, a layer does not fit
     *                                      the shape it reads, or a size limit of {@link NetworkLimits}
     *                                      is passed
     */
    public static Architecture of(String name, Shape input, List<? extends Layer> layers) {
        return new Architecture(name, input, List.copyOf(layers), Set.of());
    }

    /**
     * A network from already named, connected layers, in any order; checks it like
     * {@link GraphBuilder#build(Node)} and puts the layers in topological order.
     *
     * @param name      the network's name
     * @param inputName the name by which layers read the input
     * @param input     the input shape
     * @param layers    every layer with the names of what it reads
     * @param output    the name of the layer whose output is the network's
     * @return the checked network
     * @throws InvalidArchitectureException if a layer reads a name that is neither the input nor a layer,
     *                                      the layers form a cycle, a layer does not lead to the output,
     *                                      a name repeats, a layer does not fit the shapes it reads, or a
     *                                      size limit of {@link NetworkLimits} is passed
     */
    public static Architecture of(String name, String inputName, Shape input, List<ConnectedLayer> layers,
                                  String output) {
        return new Architecture(name, inputName, input, List.copyOf(layers), output, Set.of());
    }

    /**
     * Parses the JSON written by {@link #toJson()}.
     *
     * @param json the JSON document
     * @return the network it describes, checked like any other
     * @throws IllegalArgumentException if the text is not JSON, is of an unknown format version, lacks
     *                                  a field or has an unknown field or layer type (the message names the field
     *                                  or layer), or describes a network that cannot be built
     */
    public static Architecture fromJson(String json) {
        return ArchitectureJson.parse(json);
    }

    /** {@return the network's name, as given to the builder} */
    public String name() {
        return name;
    }

    /** {@return the shape of one input example, without the batch dimension} */
    public Shape inputShape() {
        return input;
    }

    /**
     * The name by which layers read the network's input: given to {@link GraphBuilder#input(String, Shape)},
     * otherwise {@code input_1} (or the first {@code input_k} no layer has).
     *
     * @return the input's name
     */
    public String inputName() {
        return inputName;
    }

    /** {@return the layers in topological order, the output layer last (for a sequential network, its order)} */
    public List<Layer> layers() {
        return layers;
    }

    /** {@return the layers in the order of {@link #layers()}, each with the names of what it reads} */
    public List<ConnectedLayer> connectedLayers() {
        return connected;
    }

    /**
     * What the named layer reads.
     *
     * @param layerName a layer of this network
     * @return the names of layers or of the input it reads, in order
     * @throws IllegalArgumentException if no layer has that name (the message lists the layers)
     */
    public List<String> inboundOf(String layerName) {
        return connected.get(indexOf(layerName)).inbound();
    }

    /**
     * Whether each layer reads the one before it (the first reads the input), as a network from
     * {@link #builder(String)} does.
     *
     * @return true for a sequential network, false for a graph with branches or merges
     */
    public boolean isSequential() {
        String previous = inputName;
        for (ConnectedLayer c : connected) {
            if (!c.inbound().equals(List.of(previous))) {
                return false;
            }
            previous = c.name();
        }
        return true;
    }

    /** {@return the output shape of each layer, in the order of {@link #layers()}} */
    public List<Shape> outputShapes() {
        return outputShapes;
    }

    /** {@return the network's output shape: that of its last layer, for example {@code (10)} for ten classes} */
    public Shape outputShape() {
        return outputShapes.get(outputShapes.size() - 1);
    }

    /**
     * The input shape of each layer, in order; for a merge layer, the shape of its first input (see
     * {@link #inputShapesOf(String)}).
     *
     * @return one shape per layer, in the order of {@link #layers()}
     */
    public List<Shape> inputShapes() {
        return inputShapes.stream().map(s -> s.get(0)).toList();
    }

    /**
     * The input shape of the named layer (of its first input, for a merge layer).
     *
     * @param layerName a layer of this network
     * @return the shape it reads
     * @throws IllegalArgumentException if no layer has that name (the message lists the layers)
     */
    public Shape inputShapeOf(String layerName) {
        return inputShapesOf(layerName).get(0);
    }

    /**
     * The shape of each input of the named layer.
     *
     * @param layerName a layer of this network
     * @return the shapes, in the order of {@link #inboundOf(String)}
     * @throws IllegalArgumentException if no layer has that name (the message lists the layers)
     */
    public List<Shape> inputShapesOf(String layerName) {
        return inputShapes.get(indexOf(layerName));
    }

    /** {@return every parameter tensor, in layer order (kernel before bias), frozen ones not trainable} */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameters of one layer.
     *
     * @param layerName a layer of this network
     * @return its parameter tensors in Keras's order; empty for a layer without weights
     * @throws IllegalArgumentException if no layer has that name (the message lists the layers)
     */
    public List<Parameter> parametersOf(String layerName) {
        indexOf(layerName);
        return parameters.stream().filter(p -> p.layer().equals(layerName)).toList();
    }

    /**
     * The layer with this name, if there is one.
     *
     * @param layerName the name to look for
     * @return the layer, or empty when no layer has that name
     */
    public Optional<Layer> findLayer(String layerName) {
        Integer i = index.get(layerName);
        return i == null ? Optional.empty() : Optional.of(layers.get(i));
    }

    /**
     * The layer with this name.
     *
     * @param layerName a layer of this network
     * @return the layer
     * @throws IllegalArgumentException if no layer has that name (the message lists the layers)
     */
    public Layer layer(String layerName) {
        return layers.get(indexOf(layerName));
    }

    private int indexOf(String layerName) {
        Integer i = index.get(layerName);
        if (i == null) {
            throw new IllegalArgumentException("architecture '" + name + "' has no layer '" + layerName
                    + "' (layers: " + String.join(", ", layers.stream().map(Layer::name).toList()) + ")");
        }
        return i;
    }

    /** {@return the names of the frozen layers, sorted; empty when none is frozen} */
    public SortedSet<String> frozenLayers() {
        return frozen;
    }

    /** {@return the number of scalar parameters of the whole network, as Keras's "Total params"} */
    public long parameterCount() {
        return parameters.stream().mapToLong(Parameter::count).sum();
    }

    /** {@return the number of scalar parameters that training updates, as Keras's "Trainable params"} */
    public long trainableParameterCount() {
        return parameters.stream().filter(Parameter::trainable).mapToLong(Parameter::count).sum();
    }

    /**
     * {@return the number of scalar parameters that take no gradient: those of frozen layers and batch
     * normalisation's moving statistics, as Keras's "Non-trainable params"}
     */
    public long nonTrainableParameterCount() {
        return parameterCount() - trainableParameterCount();
    }

    /**
     * Number of parameters of one layer.
     *
     * @param layerName a layer of this network
     * @return the number of scalar values in its parameter tensors, 0 for a layer without weights
     * @throws IllegalArgumentException if no layer has that name (the message lists the layers)
     */
    public long parameterCount(String layerName) {
        return parametersOf(layerName).stream().mapToLong(Parameter::count).sum();
    }

    /**
     * A Keras-style summary table ending with the total, trainable and non-trainable parameter counts;
     * a network that is not sequential gets Keras's "Connected to" column.
     *
     * @return the table, several lines of text
     */
    public String summary() {
        return ArchitectureSummary.of(this);
    }

    /**
     * {@return the stable, versioned JSON document of this architecture (same network, same bytes),
     * which {@link #fromJson(String)} reads back}
     */
    public String toJson() {
        return ArchitectureJson.write(this);
    }

    /**
     * The same network under another name.
     *
     * @param newName the new name, not blank
     * @return the renamed network
     * @throws InvalidArchitectureException if the name is null or blank
     */
    public Architecture withName(String newName) {
        return new Architecture(newName, inputName, input, connected, outputLayer(), frozen);
    }

    /**
     * The same network with these layers frozen (their parameters become non-trainable), for
     * transfer learning. Replaces any earlier set of frozen layers.
     *
     * @param layerNames the layers to freeze; empty unfreezes every layer
     * @return the network with those layers frozen
     * @throws InvalidArchitectureException if a name is not a layer of this network
     */
    public Architecture withFrozen(Collection<String> layerNames) {
        return new Architecture(name, inputName, input, connected, outputLayer(), new LinkedHashSet<>(layerNames));
    }

    /**
     * The same layers rebuilt for a new input shape, with shapes and parameter counts recomputed; an
     * error names the first layer that no longer fits.
     *
     * @param newInput the new shape of one input example
     * @return the network for that input
     * @throws InvalidArchitectureException if a layer does not fit the shape it now reads, or a size
     *                                      limit of {@link NetworkLimits} is passed
     */
    public Architecture withInputShape(Shape newInput) {
        return new Architecture(name, inputName, newInput, connected, outputLayer(), frozen);
    }

    /**
     * The same network with other layers, for example its last layers replaced by a new head with
     * another class count, or cut after a layer. A sequential network stays sequential: each new layer
     * reads the one before it. In a graph, a layer whose name this network has keeps what it read, any
     * other reads the layer listed before it (the input, if first), and the last layer is the output;
     * frozen layers that remain stay frozen.
     *
     * @param newLayers the layers of the new network, in order, with unique names
     * @return the network with those layers
     * @throws InvalidArchitectureException if the list is empty, or the result cannot be built (see
     *                                      {@link #of(String, String, Shape, List, String)})
     */
    public Architecture withLayers(List<? extends Layer> newLayers) {
        Set<String> kept = new HashSet<>();
        newLayers.forEach(l -> kept.add(l.name()));
        List<String> stillFrozen = frozen.stream().filter(kept::contains).toList();
        if (isSequential()) {
            // A generated input name is generated again, so that it never clashes with a new layer's name.
            boolean generated = inputName.equals(defaultInputName(index.keySet()));
            return new Architecture(name, input, List.copyOf(newLayers), stillFrozen, generated
                    ? defaultInputName(newLayers.stream().map(Layer::name).toList()) : inputName);
        }
        List<ConnectedLayer> rewired = new ArrayList<>(newLayers.size());
        String previous = inputName;
        for (Layer layer : newLayers) {
            Integer old = index.get(layer.name());
            rewired.add(old != null ? new ConnectedLayer(layer, connected.get(old).inbound())
                    : ConnectedLayer.of(layer, previous));
            previous = layer.name();
        }
        return new Architecture(name, inputName, input, rewired,
                newLayers.isEmpty() ? "" : newLayers.get(newLayers.size() - 1).name(), stillFrozen);
    }

    /**
     * The part of the network that computes the named layer's output, which becomes the output: that
     * layer and every layer it depends on, in the same order, those frozen still frozen. For a
     * sequential network, the layers up to that one; in a graph it leaves out side branches (a residual
     * block's shortcut computed before the cut layer, for example), so that an inner layer's output can be
     * looked at.
     *
     * @param layerName the layer that becomes the output
     * @return the cut network, under the same name
     * @throws IllegalArgumentException if no layer has that name (the message lists the layers)
     */
    public Architecture upTo(String layerName) {
        indexOf(layerName);
        Set<String> needed = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(layerName));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (!n.equals(inputName) && needed.add(n)) {
                todo.addAll(inboundOf(n));
            }
        }
        return new Architecture(name, inputName, input,
                connected.stream().filter(c -> needed.contains(c.name())).toList(), layerName,
                frozen.stream().filter(needed::contains).toList());
    }

    private String outputLayer() {
        return layers.get(layers.size() - 1).name();
    }

    /** {@code input_1}, or the first {@code input_k} that is not one of these layer names. */
    static String defaultInputName(Collection<String> layerNames) {
        Set<String> taken = new HashSet<>(layerNames);
        int k = 1;
        while (taken.contains("input_" + k)) {
            k++;
        }
        return "input_" + k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && name.equals(a.name) && inputName.equals(a.inputName)
                && input.equals(a.input) && connected.equals(a.connected) && frozen.equals(a.frozen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, inputName, input, connected, frozen);
    }

    @Override
    public String toString() {
        return "Architecture[" + name + ", input " + input + ", " + layers.size() + " layers, " + parameterCount()
                + " params]";
    }

    static String checkArchitectureName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidArchitectureException("an architecture needs a non-empty name");
        }
        return name;
    }

    /** Describes a sequential network layer by layer; {@link #build()} names, checks and freezes it. */
    public static final class Builder {
        private final String name;
        private Shape input;
        private final List<LayerSpec> specs = new ArrayList<>();

        private Builder(String name) {
            this.name = checkArchitectureName(name);
        }

        /**
         * The input image shape, channels last.
         *
         * @param height   rows of pixels, positive
         * @param width    columns of pixels, positive
         * @param channels values per pixel (1 for grey, 3 for RGB), positive
         * @return this builder
         * @throws IllegalArgumentException if a dimension is zero or negative
         */
        public Builder input(int height, int width, int channels) {
            return input(Shape.image(height, width, channels));
        }

        /**
         * The input shape: an image {@code (height, width, channels)} or a flat vector; replaces an
         * earlier one.
         *
         * @param shape the shape of one input example, not null
         * @return this builder
         */
        public Builder input(Shape shape) {
            this.input = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /**
         * Appends a layer described by a builder, such as {@code Conv2D.filters(32)}.
         *
         * @param spec the layer, named when the network is built unless it was given a name; not null
         * @return this builder
         */
        public Builder add(LayerSpec spec) {
            specs.add(Objects.requireNonNull(spec, "layer"));
            return this;
        }

        /**
         * Appends an already named layer.
         *
         * @param layer the layer, kept under its name
         * @return this builder
         */
        public Builder add(Layer layer) {
            return add(Layers.spec(layer));
        }

        /**
         * Names every unnamed layer Keras-style ({@code conv2d_1}, {@code conv2d_2}, ...) and checks the network.
         *
         * @return the network
         * @throws InvalidArchitectureException if no input shape was given, there is no layer, a given
         *                                      name repeats, a layer does not fit the shape it reads, or a
         *                                      size limit of {@link NetworkLimits} is passed
         */
        public Architecture build() {
            if (input == null) {
                throw new InvalidArchitectureException("architecture '" + name + "' has no input shape; call input(...)");
            }
            List<String> names = Layers.assignNames(name, specs, Set.of());
            List<Layer> layers = new ArrayList<>(specs.size());
            for (int i = 0; i < specs.size(); i++) {
                layers.add(specs.get(i).build(names.get(i)));
            }
            return new Architecture(name, input, layers, Set.of());
        }
    }
}
