package org.tribuozoo.go.sgf;

import org.tribuozoo.go.GoDataException;

/** The bytes are not an SGF collection that can be read (no game tree, broken structure). */
public class SgfFormatException extends GoDataException {

    private static final long serialVersionUID = 1L;

    public SgfFormatException(String message) {
        super(message);
    }
}
