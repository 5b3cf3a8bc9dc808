package org.tribuozoo.dsl;

/**
 * A layer builder whose only optional setting is the layer's name.
 *
 * @param <L> the type of layer it builds
 */
public interface NamedSpec<L extends Layer> extends LayerSpec {

    /**
     * The same layer under a chosen name instead of a generated one.
     *
     * @param name the layer's name: letters, digits, {@code _}, {@code .} and {@code -}
     * @return a builder of the layer under that name
     * @throws InvalidArchitectureException if the name is empty or has another character
     */
    NamedSpec<L> name(String name);

    @Override
    L build(String name);
}
