package org.tribuozoo.dsl;

import java.util.Optional;
import java.util.function.Function;

/** A {@link LayerSpec} for layers whose only builder setting is the name. */
final class SimpleSpec<L extends Layer> implements NamedSpec<L> {
    private final String prefix;
    private final Function<String, L> factory;
    private final String name;

    SimpleSpec(String prefix, Function<String, L> factory) {
        this(prefix, factory, null);
    }

    private SimpleSpec(String prefix, Function<String, L> factory, String name) {
        this.prefix = prefix;
        this.factory = factory;
        this.name = name;
        if (name == null) {
            // Validate the settings now, so that a bad rate fails where it is written.
            factory.apply(prefix);
        }
    }

    @Override
    public NamedSpec<L> name(String layerName) {
        return new SimpleSpec<>(prefix, factory, Layer.checkName(layerName));
    }

    @Override
    public Optional<String> givenName() {
        return Optional.ofNullable(name);
    }

    @Override
    public String namePrefix() {
        return prefix;
    }

    @Override
    public L build(String layerName) {
        return factory.apply(layerName);
    }
}
