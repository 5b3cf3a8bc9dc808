package org.tribuozoo.cli.data;

import java.util.Objects;
import java.util.Optional;

/**
 * One file of a data set as published: its name (both on the server, relative to the data set's
 * base URL, and on disk) and its published checksum, if its publisher gives one.
 *
 * @param fileName the file name, relative to the base URL and to the data set's folder
 * @param checksum the published checksum; empty when none is published (the file is then not verified)
 */
public record RemoteFile(String fileName, Optional<Checksum> checksum) {

    public RemoteFile {
        Objects.requireNonNull(checksum, "checksum");
        // A plain name keeps every download inside the data set's folder whatever the catalogue says.
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
    }

    /** A file with a published checksum. */
    public RemoteFile(String fileName, Checksum checksum) {
        this(fileName, Optional.of(Objects.requireNonNull(checksum, "checksum")));
    }

    /** The same file checked against another checksum (one the user trusts). */
    public RemoteFile withChecksum(Checksum other) {
        return new RemoteFile(fileName, other);
    }
}
