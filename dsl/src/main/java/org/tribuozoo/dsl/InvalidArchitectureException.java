package org.tribuozoo.dsl;

/** A network description that cannot be built; the message names the layer and the reason. */
public final class InvalidArchitectureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what cannot be built and why, naming the architecture or layer
     */
    public InvalidArchitectureException(String message) {
        super(message);
    }

    static InvalidArchitectureException at(Layer layer, String reason) {
        return new InvalidArchitectureException("layer '" + layer.name() + "' (" + layer.typeName() + "): " + reason);
    }
}
