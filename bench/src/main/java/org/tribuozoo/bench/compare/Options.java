package org.tribuozoo.bench.compare;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A workload process's arguments: the workload's name, then {@code --name value} pairs.
 *
 * @param workload the workload (such as {@code lenet5-train})
 * @param values   the options given, by name without the dashes
 */
public record Options(String workload, Map<String, String> values) {

    /**
     * Parses {@code WORKLOAD [--name value]...}, refusing an option not in {@code known}.
     *
     * @throws IllegalArgumentException naming the argument at fault
     */
    public static Options parse(String[] args, Set<String> known) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no workload given; expected one of the workloads, then options "
                    + known);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; expected one of " + known);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(name, args[i + 1]);
        }
        return new Options(args[0], Map.copyOf(values));
    }

    /** The value of an integer option, or {@code otherwise}. */
    public int integer(String name, int otherwise) {
        String v = values.get(name);
        try {
            return v == null ? otherwise : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number, got " + v);
        }
    }

    /** The value of a path option, or {@code otherwise}. */
    public Path path(String name, String otherwise) {
        return Path.of(values.getOrDefault(name, otherwise));
    }

    /** The value of a path option that has no default. */
    public Path requiredPath(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(workload + " needs --" + name);
        }
        return Path.of(v);
    }
}
