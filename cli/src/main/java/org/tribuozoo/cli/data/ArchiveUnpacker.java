package org.tribuozoo.cli.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tribuozoo.cli.UserException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks the top folder of a verified {@code .tar.gz} archive next to it, all or nothing: the
 * entries are written into a hidden {@code .unpack-*} folder, which is renamed into place only
 * when every required file is there. An interrupted run leaves only the hidden folder, which the
 * next run deletes.
 */
final class ArchiveUnpacker {

    private static final String TEMP_PREFIX = ".unpack-";

    private ArchiveUnpacker() {
    }

    /**
     * Makes {@code into/FOLDER} hold the archive's top folder.
     *
     * @return whether it was unpacked now (false: it was already complete)
     * @throws UserException when the folder exists without every required file, or the archive lacks one
     */
    static boolean unpack(Path archive, Path into, Unpack spec) throws IOException {
        Path destination = into.resolve(spec.folder());
        if (Files.isDirectory(destination)) {
            List<String> missing = missing(destination, spec);
            if (missing.isEmpty()) {
                return false;
            }
            // Never delete a folder this command did not finish itself: it may be the user's own copy.
            throw new UserException(destination + " exists but lacks " + String.join(", ", missing)
                    + "; delete it and run again to unpack " + archive.getFileName());
        }
        deleteLeftovers(into);
        Path temp = Files.createTempDirectory(into, TEMP_PREFIX);
        try {
            extract(archive, temp, spec.folder());
            Path unpacked = temp.resolve(spec.folder());
            List<String> missing = Files.isDirectory(unpacked) ? missing(unpacked, spec) : spec.requiredFiles();
            if (!missing.isEmpty()) {
                throw new UserException("archive " + archive + " lacks " + spec.folder() + "/" + String.join(", ", missing));
            }
            try {
                Files.move(unpacked, destination, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(unpacked, destination);
            }
            return true;
        } finally {
            deleteTree(temp);
        }
    }

    /** Writes the entries under {@code folder/} into {@code temp}; other entries are not part of the data set. */
    private static void extract(Path archive, Path temp, String folder) throws IOException {
        Path root = temp.resolve(folder).normalize();
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(file, 1 << 16)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path target = temp.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    // Also refuses names like "../x" or "/etc/x" that would write outside the folder.
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
                // Links and devices are skipped: the data sets hold plain files only.
            }
        }
    }

    private static List<String> missing(Path folder, Unpack spec) {
        return spec.requiredFiles().stream().filter(f -> !Files.isRegularFile(folder.resolve(f))).toList();
    }

    private static void deleteLeftovers(Path into) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(into, TEMP_PREFIX + "*")) {
            for (Path p : leftovers) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
