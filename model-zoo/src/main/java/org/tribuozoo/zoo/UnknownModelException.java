package org.tribuozoo.zoo;

import java.util.List;

/** A zoo lookup of a name that no entry has; the message lists the closest names. */
public final class UnknownModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The name that was looked up. */
    private final String name;
    /** The closest known names, best first. */
    private final List<String> suggestions;

    UnknownModelException(String name, List<String> suggestions) {
        super("unknown zoo model '" + name + "'" + (suggestions.isEmpty() ? "; ModelZoo.names() lists the known names"
                : "; did you mean " + String.join(", ", suggestions) + "?"));
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    /** {@return the name that was looked up} */
    public String name() {
        return name;
    }

    /** {@return the closest known names, best first (at most three); empty when none is close} */
    public List<String> suggestions() {
        return suggestions;
    }
}
