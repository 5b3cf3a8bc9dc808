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
 * A sequential network: an input shape and a list of uniquely named layers. An architecture is an
 * immutable value; every check (shapes, names, sizes) happens when it is built, so that anything
 * holding one can trust it.
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
    private final Shape input;
    private final List<Layer> layers;
    private final SortedSet<String> frozen;
    private final List<Shape> outputShapes;
    private final List<Parameter> parameters;

    private Architecture(String name, Shape input, List<Layer> layers, Collection<String> frozen) {
        this.name = checkArchitectureName(name);
        this.input = Objects.requireNonNull(input, "input shape");
        if (!input.isImage() && !input.isFlat()) {
            throw new InvalidArchitectureException("architecture '" + name
                    + "': the input must be an image (height, width, channels) or a flat vector, got " + input);
        }
        this.layers = List.copyOf(layers);
        if (this.layers.isEmpty()) {
            throw new InvalidArchitectureException("architecture '" + name + "' has no layers");
        }
        Set<String> names = new HashSet<>();
        for (Layer layer : this.layers) {
            if (!names.add(layer.name())) {
                throw new InvalidArchitectureException("architecture '" + name + "': two layers are named '"
                        + layer.name() + "'");
            }
        }
        for (String f : frozen) {
            if (!names.contains(f)) {
                throw new InvalidArchitectureException("architecture '" + name + "': cannot freeze '" + f
                        + "', no layer has that name");
            }
        }
        this.frozen = Collections.unmodifiableSortedSet(new TreeSet<>(frozen));
        List<Shape> shapes = new ArrayList<>(this.layers.size());
        List<Parameter> params = new ArrayList<>();
        Shape current = input;
        for (Layer layer : this.layers) {
            for (Parameter p : layer.parameters(current)) {
                params.add(this.frozen.contains(layer.name()) ? p.frozen() : p);
            }
            current = layer.outputShape(current);
            shapes.add(current);
        }
        this.outputShapes = List.copyOf(shapes);
        this.parameters = List.copyOf(params);
    }

    /** Starts describing a network with this name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** An architecture from already named layers; checks it like {@link Builder#build()}. */
    public static Architecture of(String name, Shape input, List<? extends Layer> layers) {
        return new Architecture(name, input, List.copyOf(layers), Set.of());
    }

    /** Parses the JSON written by {@link #toJson()}; a clear {@link IllegalArgumentException} otherwise. */
    public static Architecture fromJson(String json) {
        return ArchitectureJson.parse(json);
    }

    public String name() {
        return name;
    }

    /** The shape of one input example. */
    public Shape inputShape() {
        return input;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The output shape of each layer, in order. */
    public List<Shape> outputShapes() {
        return outputShapes;
    }

    /** The network's output shape. */
    public Shape outputShape() {
        return outputShapes.get(outputShapes.size() - 1);
    }

    /** The input shape of each layer, in order. */
    public List<Shape> inputShapes() {
        List<Shape> shapes = new ArrayList<>(layers.size());
        shapes.add(input);
        shapes.addAll(outputShapes.subList(0, outputShapes.size() - 1));
        return Collections.unmodifiableList(shapes);
    }

    /** The input shape of the named layer. */
    public Shape inputShapeOf(String layerName) {
        return inputShapes().get(indexOf(layerName));
    }

    /** Every parameter tensor, in layer order (kernel before bias). */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The parameters of one layer. */
    public List<Parameter> parametersOf(String layerName) {
        indexOf(layerName);
        return parameters.stream().filter(p -> p.layer().equals(layerName)).toList();
    }

    /** The layer with this name. */
    public Optional<Layer> findLayer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst();
    }

    /** The layer with this name, or an error listing the layer names. */
    public Layer layer(String layerName) {
        return layers.get(indexOf(layerName));
    }

    private int indexOf(String layerName) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layerName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("architecture '" + name + "' has no layer '" + layerName + "' (layers: "
                + String.join(", ", layers.stream().map(Layer::name).toList()) + ")");
    }

    /** The names of the frozen layers, sorted. */
    public SortedSet<String> frozenLayers() {
        return frozen;
    }

    public long parameterCount() {
        return parameters.stream().mapToLong(Parameter::count).sum();
    }

    public long trainableParameterCount() {
        return parameters.stream().filter(Parameter::trainable).mapToLong(Parameter::count).sum();
    }

    public long nonTrainableParameterCount() {
        return parameterCount() - trainableParameterCount();
    }

    /** Number of parameters of one layer. */
    public long parameterCount(String layerName) {
        return parametersOf(layerName).stream().mapToLong(Parameter::count).sum();
    }

    /** A Keras-style summary table ending with the total, trainable and non-trainable parameter counts. */
    public String summary() {
        return ArchitectureSummary.of(this);
    }

    /** The stable, versioned JSON document of this architecture (same network, same bytes). */
    public String toJson() {
        return ArchitectureJson.write(this);
    }

    /** The same network under another name. */
    public Architecture withName(String newName) {
        return new Architecture(newName, input, layers, frozen);
    }

    /**
     * The same network with these layers frozen (their parameters become non-trainable), for
     * transfer learning. Replaces any earlier set of frozen layers.
     */
    public Architecture withFrozen(Collection<String> layerNames) {
        return new Architecture(name, input, layers, new LinkedHashSet<>(layerNames));
    }

    /**
     * The same layers rebuilt for a new input shape, with shapes and parameter counts recomputed; an
     * error names the first layer that no longer fits.
     */
    public Architecture withInputShape(Shape newInput) {
        return new Architecture(name, newInput, layers, frozen);
    }

    /** The same network with its last layers replaced, for example a new head with another class count. */
    public Architecture withLayers(List<? extends Layer> newLayers) {
        Set<String> kept = new HashSet<>();
        newLayers.forEach(l -> kept.add(l.name()));
        List<String> stillFrozen = frozen.stream().filter(kept::contains).toList();
        return new Architecture(name, input, List.copyOf(newLayers), stillFrozen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && name.equals(a.name) && input.equals(a.input) && layers.equals(a.layers)
                && frozen.equals(a.frozen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, input, layers, frozen);
    }

    @Override
    public String toString() {
        return "Architecture[" + name + ", input " + input + ", " + layers.size() + " layers, " + parameterCount()
                + " params]";
    }

    private static String checkArchitectureName(String name) {
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

        /** The input image shape, height x width x channels. */
        public Builder input(int height, int width, int channels) {
            return input(Shape.image(height, width, channels));
        }

        public Builder input(Shape shape) {
            this.input = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /** Appends a layer described by a builder, such as {@code Conv2D.filters(32)}. */
        public Builder add(LayerSpec spec) {
            specs.add(Objects.requireNonNull(spec, "layer"));
            return this;
        }

        /** Appends an already named layer. */
        public Builder add(Layer layer) {
            Objects.requireNonNull(layer, "layer");
            return add(new LayerSpec() {
                @Override
                public Optional<String> givenName() {
                    return Optional.of(layer.name());
                }

                @Override
                public String namePrefix() {
                    return layer.name();
                }

                @Override
                public Layer build(String layerName) {
                    return layer.withName(layerName);
                }
            });
        }

        /** Names every unnamed layer Keras-style ({@code conv2d_1}, {@code conv2d_2}, ...) and checks the network. */
        public Architecture build() {
            if (input == null) {
                throw new InvalidArchitectureException("architecture '" + name + "' has no input shape; call input(...)");
            }
            Set<String> taken = new HashSet<>();
            for (LayerSpec spec : specs) {
                spec.givenName().ifPresent(n -> {
                    if (!taken.add(n)) {
                        throw new InvalidArchitectureException("architecture '" + name + "': two layers are named '"
                                + n + "'");
                    }
                });
            }
            Map<String, Integer> counters = new HashMap<>();
            List<Layer> layers = new ArrayList<>(specs.size());
            for (LayerSpec spec : specs) {
                String layerName = spec.givenName().orElseGet(() -> {
                    String candidate;
                    do {
                        int k = counters.merge(spec.namePrefix(), 1, Integer::sum);
                        candidate = spec.namePrefix() + "_" + k;
                    } while (taken.contains(candidate));
                    taken.add(candidate);
                    return candidate;
                });
                layers.add(spec.build(layerName));
            }
            return new Architecture(name, input, layers, Set.of());
        }
    }
}
