package org.tribuozoo.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file a command writes for the user (an ONNX export, an imported model, a predictions CSV, a
 * picture): never one of the files the command reads, never a folder, and an existing file only when
 * the user gave {@code --overwrite}. It is written to a temporary file in the same folder and renamed
 * into place, so the name holds either the whole new file or what was there before.
 *
 * <pre>{@code
 * OutputFile onnx = OutputFile.of(onnxFile, "OUT.onnx", overwrite, modelFile); // checked before the work
 * ...
 * onnx.write(tmp -> model.saveONNXModel(DOMAIN, 1, tmp));
 * }</pre>
 */
public final class OutputFile {

    /** Writes the content to the file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path file;
    private final String what;
    private final boolean overwrite;

    private OutputFile(Path file, String what, boolean overwrite) {
        this.file = file;
        this.what = what;
        this.overwrite = overwrite;
    }

    /**
     * Checks an output file before any work is done.
     *
     * @param what      how the command line names it ({@code OUT.onnx}, {@code --out}), for messages
     * @param overwrite whether the user allowed replacing an existing file ({@code --overwrite})
     * @param inputs    the files the command reads: the output may be none of them, even with {@code --overwrite}
     * @throws UserException if the file is a folder or one of the inputs, its folder does not exist, or it
     *                       exists and {@code overwrite} is false
     */
    public static OutputFile of(Path file, String what, boolean overwrite, Path... inputs) {
        OutputFile out = new OutputFile(file, what, overwrite);
        out.check(inputs);
        return out;
    }

    /** The file. */
    public Path path() {
        return file;
    }

    private void check(Path... inputs) {
        if (Files.isDirectory(file)) {
            throw new UserException(what + " " + file + " is a folder; name the file to write");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException("folder " + parent + " does not exist");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path input : inputs) {
            if (input != null && sameFile(file, input)) {
                throw new UserException(what + " " + file + " is the file " + input + " that this command reads; "
                        + "name another file");
            }
        }
        if (!overwrite) {
            throw new UserException(what + " " + file + " already exists; give --overwrite to replace it, or name "
                    + "another file");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /**
     * Writes the file: the content goes to a fresh temporary file beside it, which is then renamed to
     * the name. Without {@code --overwrite} a file that appeared under the name meanwhile is kept and the
     * write refused.
     *
     * @throws UserException if the name was taken by a folder, or by a file without {@code --overwrite}
     */
    public void write(Content content) throws IOException {
        Path tmp = temporary();
        try {
            content.writeTo(tmp);
            if (Files.isDirectory(file)) {
                throw new UserException(what + " " + file + " is a folder; name the file to write");
            }
            if (overwrite) {
                // rename(2): replaces a file in one step, and never a folder.
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                commitNew(tmp);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new empty file beside the output, with the permissions any new file gets (not a temp file's 0600). */
    private Path temporary() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        while (true) {
            Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException taken) {
                // Drawn again.
            }
        }
    }

    /** Gives the content its name only if the name is free: a hard link fails when the name exists. */
    private void commitNew(Path tmp) throws IOException {
        try {
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (noLinks instanceof FileAlreadyExistsException e) {
                    throw e;
                }
                Files.move(tmp, file); // without REPLACE_EXISTING: refuses an existing file
            }
        } catch (FileAlreadyExistsException e) {
            throw new UserException(what + " " + file + " was created by someone else meanwhile; it is left as it is");
        }
    }
}
