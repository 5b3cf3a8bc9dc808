package org.tribuozoo.zoo;

import java.util.List;
import java.util.Optional;

/**
 * A source of zoo entries, discovered with {@link java.util.ServiceLoader}: list the implementing
 * class in {@code META-INF/services/org.tribuozoo.zoo.ZooProvider} to add entries to the zoo.
 */
public interface ZooProvider {

    /** The entries this provider lists. */
    List<ZooEntry> entries();

    /**
     * The entry with this name. Providers with parametric families (such as {@code alphago-policy-K}
     * for any K) override this to build entries that {@link #entries()} does not list.
     */
    default Optional<ZooEntry> find(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
