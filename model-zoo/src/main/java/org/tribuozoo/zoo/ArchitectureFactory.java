package org.tribuozoo.zoo;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Shape;

/** Builds a zoo entry's network for an input shape and a number of classes. */
@FunctionalInterface
public interface ArchitectureFactory {

    /**
     * @param name    the architecture's name
     * @param input   the input shape
     * @param classes the number of classes
     * @return the network; an {@link IllegalArgumentException} when it cannot take this input or class count
     */
    Architecture build(String name, Shape input, int classes);
}
