package org.tribuozoo.zoo;

import java.util.List;

/** A zoo lookup of a name that no entry has; the message lists the closest names. */
public final class UnknownModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> suggestions;

    UnknownModelException(String name, List<String> suggestions) {
        super("unknown zoo model '" + name + "'" + (suggestions.isEmpty() ? "; ModelZoo.names() lists the known names"
                : "; did you mean " + String.join(", ", suggestions) + "?"));
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    /** The name that was looked up. */
    public String name() {
        return name;
    }

    /** The closest known names, best first. */
    public List<String> suggestions() {
        return suggestions;
    }
}
