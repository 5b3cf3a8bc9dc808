package org.tribuozoo.cli.data;

import java.util.Objects;

/**
 * One file of a data set as published: its name (both on the server, relative to the data set's
 * base URL, and on disk) and its published checksum.
 *
 * @param fileName the file name, relative to the base URL and to the data set's folder
 * @param checksum the published checksum
 */
public record RemoteFile(String fileName, Checksum checksum) {

    public RemoteFile {
        Objects.requireNonNull(checksum, "checksum");
        // A plain name keeps every download inside the data set's folder whatever the catalogue says.
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
    }
}
