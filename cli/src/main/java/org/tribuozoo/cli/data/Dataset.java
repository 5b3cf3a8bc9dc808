package org.tribuozoo.cli.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A downloadable data set: where its files are published, their checksums, how to unpack it, and
 * the data spec that reads it once it is on disk.
 *
 * @param name         the name on the command line ({@code mnist})
 * @param baseUrl      the folder URL the files are published under, ending in {@code /}
 * @param files        the files to download, each fetched from {@code baseUrl + fileName}
 * @param unpack       the archive to unpack after downloading, if any
 * @param specTemplate the {@code zoo train} data options, with {@code {dir}} standing for the data
 *                     set's folder (e.g. {@code --train idx:{dir}:train --test idx:{dir}:t10k})
 */
public record Dataset(String name, URI baseUrl, List<RemoteFile> files, Optional<Unpack> unpack, String specTemplate) {

    public Dataset {
        files = List.copyOf(files);
        if (!baseUrl.toString().endsWith("/")) {
            // URI.resolve drops the last path segment of a base without a trailing slash.
            baseUrl = URI.create(baseUrl + "/");
        }
        if (unpack.isPresent() && files.stream().noneMatch(f -> f.fileName().equals(unpack.get().archive()))) {
            throw new IllegalArgumentException(name + ": archive " + unpack.get().archive() + " is not one of its files");
        }
    }

    /** Where a file of this data set is downloaded from. */
    public URI urlOf(RemoteFile file) {
        return baseUrl.resolve(file.fileName());
    }

    /** The same data set published under another base URL (a mirror, or a test server). */
    public Dataset withBaseUrl(URI otherBaseUrl) {
        return new Dataset(name, otherBaseUrl, files, unpack, specTemplate);
    }

    /** The folder this data set's files land in: {@code root/name}. */
    public Path folderIn(Path root) {
        return root.resolve(name);
    }

    /** The {@code zoo train} data options that read this data set from its folder. */
    public String spec(Path folder) {
        return specTemplate.replace("{dir}", folder.toAbsolutePath().normalize().toString());
    }
}
