package org.tribuozoo.zoo;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Shape;

/** Builds a zoo entry's network for an input shape and a number of classes. */
@FunctionalInterface
public interface ArchitectureFactory {

    /**
     * Builds the network.
     *
     * @param name    the architecture's name
     * @param input   the input shape
     * @param classes the number of classes, positive
     * @return the network
     * @throws IllegalArgumentException when it cannot take this input or class count (usually an
     *                                  {@link org.tribuozoo.dsl.InvalidArchitectureException} naming the layer)
     */
    Architecture build(String name, Shape input, int classes);
}
