package org.tribuozoo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An output folder that never looks complete unless it is: files are written into a sibling
 * {@code NAME.partial} folder, which {@link #commit()} renames to {@code NAME} once everything is
 * there. A run that fails ({@link #close()} without a commit) or is interrupted (Ctrl-C, kill:
 * a shutdown hook) has its partial folder deleted, so {@code NAME} either holds a whole run or
 * does not exist. {@code zoo train}, {@code zoo reproduce --out} and {@code zoo go train} write
 * their run folders this way.
 *
 * <pre>{@code
 * try (RunFolder run = RunFolder.create(out)) {
 *     write(run.file("model.tribuo"));
 *     run.commit();
 * }
 * }</pre>
 */
public final class RunFolder implements AutoCloseable {

    /** The suffix of a folder still being written. */
    public static final String PARTIAL_SUFFIX = ".partial";

    private final Path target;
    private final Path partial;
    private final Thread cleanupOnExit;
    private volatile boolean committed;

    private RunFolder(Path target, Path partial) {
        this.target = target;
        this.partial = partial;
        this.cleanupOnExit = new Thread(this::deletePartial, "zoo-run-folder-cleanup");
    }

    /**
     * Starts writing a run folder.
     *
     * @param target the folder the finished run will be in; it must not exist yet (or be empty)
     * @throws UserException if {@code target} already holds files, or cannot be created
     */
    public static RunFolder create(Path target) {
        Path t = target.toAbsolutePath().normalize();
        if (Files.exists(t) && !isEmptyDirectory(t)) {
            throw new UserException("output folder " + target + " already exists; remove it or choose another --out");
        }
        Path partial = t.resolveSibling(t.getFileName() + PARTIAL_SUFFIX);
        try {
            // A partial folder left by a run killed without a chance to clean up (kill -9, power loss).
            deleteTree(partial);
            Files.createDirectories(partial);
        } catch (IOException e) {
            throw new UserException("cannot create output folder " + partial + ": " + e.getMessage(), e);
        }
        RunFolder run = new RunFolder(t, partial);
        Runtime.getRuntime().addShutdownHook(run.cleanupOnExit);
        return run;
    }

    /** A file inside the folder being written. */
    public Path file(String name) {
        return partial.resolve(name);
    }

    /** The folder the run will be in once committed. */
    public Path target() {
        return target;
    }

    /** The folder being written. */
    Path partial() {
        return partial;
    }

    /**
     * Renames the partial folder to the target in one step: the run is complete.
     *
     * @throws UncheckedIOException if the rename fails (the partial folder is then deleted on close)
     */
    public void commit() {
        try {
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked in create; a folder must be gone before a rename
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
        } catch (DirectoryNotEmptyException e) {
            throw new UserException("output folder " + target + " was filled by someone else during the run");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + partial + " to " + target, e);
        }
        committed = true;
        removeHook();
    }

    /** Deletes the partial folder unless the run was committed. */
    @Override
    public void close() {
        removeHook();
        if (!committed) {
            deletePartial();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and the hook is running or about to: it does the cleanup.
        }
    }

    private void deletePartial() {
        if (committed) {
            return;
        }
        try {
            deleteTree(partial);
        } catch (IOException e) {
            System.err.println("zoo: could not delete the unfinished output folder " + partial + ": " + e.getMessage());
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
