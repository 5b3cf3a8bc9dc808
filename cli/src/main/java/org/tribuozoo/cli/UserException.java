package org.tribuozoo.cli;

/** An error the user can fix (bad input, missing file); reported in one line with exit code 2. */
public final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
