package org.tribuozoo.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Checks how the layers of a network connect and puts them in order: unique names, inputs that
 * exist, no cycle, every layer leading to the output. The order is topological and deterministic:
 * among the layers whose inputs are all computed, the one listed first goes first, so a list that is
 * already in topological order keeps its order (and with it the order of the parameters).
 */
final class Topology {
    private Topology() {
    }

    /**
     * The layers in topological order, the output last.
     *
     * @throws InvalidArchitectureException naming the layer and the reason
     */
    static List<ConnectedLayer> sorted(String architecture, String inputName, List<ConnectedLayer> layers,
                                       String output) {
        Map<String, Integer> position = new LinkedHashMap<>();
        for (ConnectedLayer c : layers) {
            if (c.name().equals(inputName)) {
                throw new InvalidArchitectureException("architecture '" + architecture + "': the input and a layer "
                        + "are both named '" + inputName + "'");
            }
            if (position.putIfAbsent(c.name(), position.size()) != null) {
                throw new InvalidArchitectureException("architecture '" + architecture + "': two layers are named '"
                        + c.name() + "'");
            }
        }
        for (ConnectedLayer c : layers) {
            if (c.inbound().isEmpty()) {
                throw InvalidArchitectureException.at(c.layer(), "reads no input");
            }
            for (String in : c.inbound()) {
                if (!in.equals(inputName) && !position.containsKey(in)) {
                    throw InvalidArchitectureException.at(c.layer(), "reads '" + in + "', which is neither a layer "
                            + "of architecture '" + architecture + "' nor its input '" + inputName + "'");
                }
            }
        }
        if (!position.containsKey(output)) {
            throw new InvalidArchitectureException("architecture '" + architecture + "': the output '" + output
                    + "' is not one of its layers");
        }
        List<ConnectedLayer> order = kahn(architecture, inputName, layers, position);
        requireAllUsed(architecture, inputName, order, output);
        return order;
    }

    /** Kahn's algorithm, taking the first-listed ready layer each time; a leftover means a cycle. */
    private static List<ConnectedLayer> kahn(String architecture, String inputName, List<ConnectedLayer> layers,
                                             Map<String, Integer> position) {
        int n = layers.size();
        int[] waiting = new int[n];
        List<List<Integer>> consumers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (String in : layers.get(i).inbound()) {
                if (!in.equals(inputName)) {
                    waiting[i]++;
                    consumers.get(position.get(in)).add(i);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<ConnectedLayer> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(layers.get(i));
            for (int consumer : consumers.get(i)) {
                if (--waiting[consumer] == 0) {
                    ready.add(consumer);
                }
            }
        }
        if (order.size() < n) {
            throw new InvalidArchitectureException("architecture '" + architecture + "': layers "
                    + cycle(layers, position, waiting) + " form a cycle");
        }
        return order;
    }

    /**
     * A cycle among the layers left waiting, as {@code 'a' -> 'b' -> 'a'} in the direction data would flow,
     * from the first-listed layer of the cycle.
     * Every waiting layer reads another waiting layer, so walking back along inputs must repeat a layer.
     */
    private static String cycle(List<ConnectedLayer> layers, Map<String, Integer> position, int[] waiting) {
        int start = 0;
        while (waiting[start] == 0) {
            start++;
        }
        Map<Integer, Integer> seenAt = new HashMap<>();
        List<Integer> path = new ArrayList<>();
        int current = start;
        while (!seenAt.containsKey(current)) {
            seenAt.put(current, path.size());
            path.add(current);
            int next = -1;
            for (String in : layers.get(current).inbound()) {
                Integer p = position.get(in);
                if (p != null && waiting[p] > 0) {
                    next = p;
                    break;
                }
            }
            current = next;
        }
        List<Integer> loop = new ArrayList<>(path.subList(seenAt.get(current), path.size()));
        Collections.reverse(loop);
        // Start from the layer listed first, so that the message does not depend on where the walk began.
        Collections.rotate(loop, -loop.indexOf(Collections.min(loop)));
        loop.add(loop.get(0));
        return String.join(" -> ", loop.stream().map(i -> "'" + layers.get(i).name() + "'").toList());
    }

    /** Every layer is the output or an ancestor of it. */
    private static void requireAllUsed(String architecture, String inputName, List<ConnectedLayer> order,
                                       String output) {
        Map<String, ConnectedLayer> byName = new HashMap<>();
        order.forEach(c -> byName.put(c.name(), c));
        Set<String> used = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!name.equals(inputName) && used.add(name)) {
                todo.addAll(byName.get(name).inbound());
            }
        }
        List<ConnectedLayer> unused = order.stream().filter(c -> !used.contains(c.name())).toList();
        if (!unused.isEmpty()) {
            List<String> described = unused.stream()
                    .map(c -> "'" + c.name() + "' (" + c.layer().typeName() + ")").toList();
            boolean one = described.size() == 1;
            throw new InvalidArchitectureException("architecture '" + architecture + "': "
                    + (one ? "layer " + described.get(0) + " is" : "layers " + String.join(", ", described) + " are")
                    + " unused: the output '" + output + "' does not depend on " + (one ? "it" : "them"));
        }
    }
}
