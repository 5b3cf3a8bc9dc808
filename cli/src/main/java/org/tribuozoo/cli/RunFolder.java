package org.tribuozoo.cli;

import org.tribuozoo.tribuo.CheckpointFolder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An output folder that never looks complete unless it is: files are written into a sibling
 * {@code NAME.partial} folder, which {@link #commit()} renames to {@code NAME} once everything is
 * there, so {@code NAME} either holds a whole run or does not exist. {@code zoo train},
 * {@code zoo reproduce --out} and {@code zoo go train} write their run folders this way.
 *
 * <p>A resumable run ({@link #createResumable}: {@code zoo train}, {@code zoo go train}) keeps its
 * training checkpoint ({@link #checkpoints()}) and its command line ({@link ResumeRecord}) in the
 * partial folder. A run that fails ({@link #close()} without a commit) or is interrupted (Ctrl-C,
 * kill: a shutdown hook) has its partial folder deleted, unless it holds a checkpoint: then the
 * folder stays, and {@code zoo resume NAME} continues the run ({@link #reopen}). A commit removes
 * the checkpoint and the record first, so a finished run folder holds the same files however often
 * its run was resumed.
 *
 * <p>A partial folder is the tool's own: it holds a marker file ({@value #MARKER}) from the moment it
 * is created, and only a marked folder is ever deleted or replaced. A {@code NAME.partial} folder
 * without the marker was made by someone else and is refused, left as it is. A partial folder left
 * by a process killed outright ({@code kill -9}, a power cut) is marked, so the next run with the
 * same target replaces it (or {@code zoo resume} continues it, when it holds a checkpoint).
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

    /** The file that marks a partial folder as the tool's own; removed when the folder is committed. */
    public static final String MARKER = ".zoo-partial";

    private final Path target;
    private final Path partial;
    private final Thread cleanupOnExit;
    /** Where to say that a resumable run was kept; null for a run that is not resumable. */
    private final PrintWriter notices;
    /** Committed, or ended uncommitted (kept or deleted): nothing more to do at exit. */
    private volatile boolean ended;

    /** Whether the commit replaces a target that holds files (the user asked for it: {@code --overwrite}). */
    private final boolean replacing;

    private RunFolder(Path target, Path partial, PrintWriter notices, boolean replacing) {
        this.target = target;
        this.partial = partial;
        this.notices = notices;
        this.replacing = replacing;
        this.cleanupOnExit = new Thread(() -> endUncommitted(true), "zoo-run-folder-cleanup");
    }

    /** The partial folder of a run folder. */
    public static Path partialOf(Path target) {
        Path t = target.toAbsolutePath().normalize();
        return t.resolveSibling(t.getFileName() + PARTIAL_SUFFIX);
    }

    /**
     * Starts writing a run folder.
     *
     * @param target the folder the finished run will be in; it must not exist yet (or be empty)
     * @throws UserException if {@code target} already holds files, or cannot be created, or a killed run
     *                       that can be resumed is in its partial folder
     */
    public static RunFolder create(Path target) {
        return create(target, null, false);
    }

    /**
     * Starts writing a folder that replaces {@code target} when committed, whatever it holds: for a
     * command told to ({@code --overwrite}) by a user, once it has checked that the folder is its own
     * kind of output. Until the commit the existing folder is untouched; a run that fails leaves it as
     * it was.
     *
     * @throws UserException if {@code target} is a file, or as {@link #create(Path)} for the partial folder
     */
    public static RunFolder createReplacing(Path target) {
        if (Files.exists(target) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserException("output folder " + target + " is a file; it is left as it is");
        }
        return create(target, null, true);
    }

    /**
     * Starts writing the run folder of a run that can be resumed: its command line is recorded, and
     * once its partial folder holds a checkpoint, a failure or an interruption keeps the folder.
     *
     * @param resume  how to start the run again
     * @param notices where to say that an unfinished run was kept
     * @throws UserException as {@link #create(Path)}
     */
    public static RunFolder createResumable(Path target, ResumeRecord resume, PrintWriter notices) {
        RunFolder run = create(target, Objects.requireNonNull(notices, "notices"), false);
        try {
            resume.write(run.partial);
        } catch (IOException e) {
            run.close();
            throw new UserException("cannot write " + run.partial.resolve(ResumeRecord.FILE_NAME) + ": "
                    + e.getMessage(), e);
        }
        return run;
    }

    private static RunFolder create(Path target, PrintWriter notices, boolean replacing) {
        Path t = target.toAbsolutePath().normalize();
        if (!replacing && Files.exists(t) && !isEmptyDirectory(t)) {
            throw new UserException("output folder " + target + " already exists; remove it or choose another --out");
        }
        Path partial = partialOf(t);
        if (resumable(partial)) {
            throw new UserException(partial + " holds an unfinished run that can be continued: run 'zoo resume "
                    + target + "', or delete " + partial + " to start again");
        }
        if (Files.exists(partial, LinkOption.NOFOLLOW_LINKS) && !isOwn(partial)) {
            throw new UserException(partial + " already exists and was not made by zoo (it has no " + MARKER
                    + " file); it is left as it is: move it away or choose another --out");
        }
        try {
            // A partial folder of ours, left by a run killed before its first checkpoint (kill -9, power loss).
            deleteTree(partial);
            Files.createDirectories(partial);
            Files.writeString(partial.resolve(MARKER), "The unfinished output of a zoo command, to be renamed to "
                    + t.getFileName() + " when complete. Safe to delete when no zoo command is running.\n");
        } catch (IOException e) {
            throw new UserException("cannot create output folder " + partial + ": " + e.getMessage(), e);
        }
        RunFolder run = new RunFolder(t, partial, notices, replacing);
        Runtime.getRuntime().addShutdownHook(run.cleanupOnExit);
        return run;
    }

    /**
     * Opens the partial folder of a killed resumable run again, to continue it.
     *
     * @param target  the folder the finished run will be in
     * @param notices where to say that the unfinished run was kept again
     * @throws UserException if there is no such partial folder, or it holds no checkpoint
     */
    public static RunFolder reopen(Path target, PrintWriter notices) {
        Path t = target.toAbsolutePath().normalize();
        Path partial = partialOf(t);
        if (!resumable(partial)) {
            throw new UserException("nothing to resume: " + partial + (Files.isDirectory(partial)
                    ? " holds no checkpoint (the run stopped before its first epoch ended)"
                    : " does not exist"));
        }
        if (Files.exists(t) && !isEmptyDirectory(t)) {
            throw new UserException("output folder " + target + " already exists; remove it to resume the run in "
                    + partial);
        }
        RunFolder run = new RunFolder(t, partial, Objects.requireNonNull(notices, "notices"), false);
        Runtime.getRuntime().addShutdownHook(run.cleanupOnExit);
        return run;
    }

    /** Whether a partial folder is the tool's own: a folder (not a link) holding the marker. */
    static boolean isOwn(Path partial) {
        return Files.isDirectory(partial, LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(partial.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether a partial folder holds a run that {@code zoo resume} can continue. */
    static boolean resumable(Path partial) {
        return Files.isRegularFile(partial.resolve(ResumeRecord.FILE_NAME)) && CheckpointFolder.holdsCheckpoint(partial);
    }

    /** Where the run keeps its training checkpoint: the partial folder itself. */
    public CheckpointFolder checkpoints() {
        return CheckpointFolder.of(partial);
    }

    /** A file inside the folder being written. */
    public Path file(String name) {
        return partial.resolve(name);
    }

    /** The folder the run will be in once committed. */
    public Path target() {
        return target;
    }

    /** The folder being written, {@code NAME.partial}. */
    public Path partial() {
        return partial;
    }

    /**
     * Renames the partial folder to the target in one step: the run is complete. A checkpoint and a
     * resume record are deleted first: a finished run has no use for them.
     *
     * @throws UncheckedIOException if the rename fails (the partial folder is then deleted on close)
     */
    public void commit() {
        try {
            checkpoints().delete();
            Files.deleteIfExists(partial.resolve(ResumeRecord.FILE_NAME));
            Path replaced = null;
            if (replacing && Files.exists(target) && !isEmptyDirectory(target)) {
                // Moved aside first, deleted once the new folder is in place.
                replaced = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".replaced-");
                rename(target, replaced.resolve(target.getFileName()));
            } else if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked in create; a folder must be gone before a rename
            }
            rename(partial, target);
            // After the rename: until then the partial folder stays marked as the tool's own.
            Files.deleteIfExists(target.resolve(MARKER));
            if (replaced != null) {
                deleteTree(replaced);
            }
        } catch (DirectoryNotEmptyException e) {
            throw new UserException("output folder " + target + " was filled by someone else during the run");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + partial + " to " + target, e);
        }
        ended = true;
        removeHook();
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes the partial folder unless the run was committed or can be resumed. */
    @Override
    public void close() {
        removeHook();
        endUncommitted(false);
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and the hook is running or about to: it does the cleanup.
        }
    }

    /**
     * Keeps a resumable partial folder and says so; deletes any other.
     *
     * @param interrupted true in the shutdown hook (Ctrl-C, kill), where only standard error is left
     */
    private synchronized void endUncommitted(boolean interrupted) {
        if (ended) {
            return;
        }
        ended = true;
        if (!Files.isDirectory(partial)) {
            return;
        }
        if (notices != null && resumable(partial)) {
            String kept = "the unfinished run and its last checkpoint are kept in " + partial
                    + ": continue it with 'zoo resume " + target + "', or delete that folder";
            if (interrupted) {
                System.err.println("zoo: interrupted; " + kept);
            } else {
                notices.println("zoo: " + kept);
                notices.flush();
            }
            return;
        }
        try {
            deleteTree(partial);
        } catch (IOException e) {
            System.err.println("zoo: could not delete the unfinished output folder " + partial + ": " + e.getMessage());
        }
    }

    /** Whether a target folder would have to be replaced: it exists, and is not an empty folder. */
    public static boolean holdsFiles(Path target) {
        return Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(target);
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
