package org.tribuozoo.dsl;

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
}
