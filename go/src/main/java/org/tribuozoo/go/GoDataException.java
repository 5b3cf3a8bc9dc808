package org.tribuozoo.go;

/**
 * An error the user can cause and fix: a missing or unreadable file, a record that is not SGF,
 * a move number beyond the end of a game, a bad option. The message is one line naming the
 * culprit (a path, a game, a value), suitable for printing as is by a command-line tool.
 */
public class GoDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GoDataException(String message) {
        super(message);
    }

    public GoDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
