package org.tribuozoo.zoo;

import java.util.List;
import java.util.Optional;

/**
 * A source of zoo entries, discovered with {@link java.util.ServiceLoader}: list the implementing
 * class in {@code META-INF/services/org.tribuozoo.zoo.ZooProvider} to add entries to the zoo.
 */
public interface ZooProvider {

    /** {@return the entries this provider lists, for {@link ModelZoo#entries()} and the catalogue} */
    List<ZooEntry> entries();

    /**
     * The entry with this name. Providers with parametric families (such as {@code alphago-policy-K}
     * for any K) override this to build entries that {@link #entries()} does not list.
     *
     * @param name the entry's name
     * @return the entry, or empty when this provider has none of that name; by default the first of
     *         {@link #entries()} with that name
     */
    default Optional<ZooEntry> find(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
