package org.tribuozoo.zoo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * The model zoo: every entry of every {@link ZooProvider} on the class path, looked up by name.
 *
 * <pre>{@code
 * Architecture lenet = ModelZoo.get("lenet5").architecture();
 * Architecture big = ModelZoo.get("lenet5").architecture(Shape.image(32, 32, 3), 100);
 * }</pre>
 */
public final class ModelZoo {
    private static final Logger LOG = Logger.getLogger(ModelZoo.class.getName());

    private static volatile List<ZooProvider> providers;

    private ModelZoo() {
    }

    /**
     * The entry with this name.
     *
     * @param name the entry's name, for example {@code lenet5} (see {@link #names()})
     * @return the entry
     * @throws UnknownModelException if no provider has an entry of that name; the message lists the
     *                               closest names
     */
    public static ZooEntry get(String name) {
        return find(name).orElseThrow(() -> new UnknownModelException(name, suggestions(name)));
    }

    /**
     * The entry with this name, if any; the built-in entries are asked first, then the other providers.
     *
     * @param name the entry's name
     * @return the entry, or empty when no provider has it
     */
    public static Optional<ZooEntry> find(String name) {
        for (ZooProvider p : providers()) {
            Optional<ZooEntry> e = p.find(name);
            if (e.isPresent()) {
                return e;
            }
        }
        return Optional.empty();
    }

    /**
     * Every listed entry, the built-in ones first, then third-party ones; a repeated name keeps the first
     * (and logs a warning).
     *
     * @return the entries, an unmodifiable list; parametric families are listed with their reference members only
     */
    public static List<ZooEntry> entries() {
        Map<String, ZooEntry> byName = new LinkedHashMap<>();
        for (ZooProvider p : providers()) {
            for (ZooEntry e : p.entries()) {
                ZooEntry before = byName.putIfAbsent(e.name(), e);
                if (before != null && before != e) {
                    LOG.warning("zoo entry '" + e.name() + "' from " + p.getClass().getName()
                            + " is ignored: an earlier provider has that name");
                }
            }
        }
        return List.copyOf(byName.values());
    }

    /** {@return the names of every listed entry, in the order of {@link #entries()}} */
    public static List<String> names() {
        return entries().stream().map(ZooEntry::name).toList();
    }

    /** Up to three listed names closest to a misspelt one. */
    static List<String> suggestions(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        record Scored(String name, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String candidate : names()) {
            int d = editDistance(n, candidate);
            boolean related = candidate.startsWith(n) || n.startsWith(candidate) || candidate.contains(n);
            int limit = Math.max(2, candidate.length() / 3);
            if (related || d <= limit) {
                scored.add(new Scored(candidate, related ? Math.min(d, 1) : d));
            }
        }
        return scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(3).map(Scored::name).toList();
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static List<ZooProvider> providers() {
        List<ZooProvider> p = providers;
        if (p == null) {
            List<ZooProvider> found = new ArrayList<>();
            found.add(new BuiltInModels());
            for (ZooProvider provider : ServiceLoader.load(ZooProvider.class)) {
                if (!(provider instanceof BuiltInModels)) {
                    found.add(provider);
                }
            }
            p = List.copyOf(found);
            providers = p;
        }
        return p;
    }
}
