package org.tribuozoo.keras;

/**
 * A Keras file that cannot be imported: unreadable, of an unsupported Keras version, or holding a
 * layer, activation, initialiser or option the zoo cannot reproduce exactly. The message is one line
 * naming the file or the layer (its name and Keras class) and what is wrong.
 */
public final class KerasImportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KerasImportException(String message) {
        super(message);
    }

    public KerasImportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error about one layer: {@code layer 'conv2d_1' (Conv2D): <what>}. */
    static KerasImportException layer(String name, String kerasClass, String what) {
        return new KerasImportException("layer '" + name + "' (" + kerasClass + "): " + what);
    }
}
