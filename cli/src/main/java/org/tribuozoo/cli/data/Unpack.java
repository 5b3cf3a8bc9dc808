package org.tribuozoo.cli.data;

import java.util.List;

/**
 * How a downloaded {@code .tar.gz} archive is unpacked: the archive's file name, the top folder
 * inside it (extracted next to the archive), and the files that folder must hold for the data set
 * to be usable.
 *
 * @param archive       file name of the archive, one of the data set's files
 * @param folder        the archive's top folder, e.g. {@code cifar-10-batches-bin}
 * @param requiredFiles files that must be in {@code folder} after unpacking
 */
public record Unpack(String archive, String folder, List<String> requiredFiles) {

    public Unpack {
        requiredFiles = List.copyOf(requiredFiles);
        if (folder.isEmpty() || folder.contains("/") || folder.startsWith(".")) {
            throw new IllegalArgumentException("not a plain folder name: '" + folder + "'");
        }
    }
}
