package org.tribuozoo.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * How to start a run again: the command line of a {@code zoo train} or {@code zoo go train} run and
 * the folder it was started in, kept as {@value #FILE_NAME} in the run's partial folder next to its
 * checkpoint, so that {@code zoo resume} rebuilds the very same command (the same data, trainer and
 * provenance) and continues it. A Java properties file: {@code format}, {@code version},
 * {@code directory}, {@code arguments} (their count) and {@code argument.1} to {@code argument.N}.
 *
 * @param directory the working folder the command was started in (relative paths are relative to it)
 * @param arguments the arguments after {@code zoo}, with {@code --out} always among them
 */
public record ResumeRecord(Path directory, List<String> arguments) {

    /** The file's name in a partial run folder. */
    public static final String FILE_NAME = "resume.properties";
    private static final String FORMAT = "tribuo-zoo-resume";

    public ResumeRecord {
        Objects.requireNonNull(directory, "directory");
        arguments = List.copyOf(arguments);
    }

    /** The record of the running command: its arguments, and this process's working folder. */
    public static ResumeRecord ofThisProcess(List<String> arguments) {
        return new ResumeRecord(Path.of("").toAbsolutePath(), arguments);
    }

    /**
     * The command as a line for a POSIX shell, from the repository root's launcher:
     * {@code ./zoo train lenet5 --train 'idx:my data:train' ...}; an argument with characters the
     * shell would read is single-quoted.
     */
    public String shellCommand() {
        StringBuilder sb = new StringBuilder("./zoo");
        for (String a : arguments) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /**
     * The text of a finished run folder's command file ({@code RunFiles.COMMAND}): a comment naming
     * the folder it was run in, then {@link #shellCommand()}.
     */
    String commandFileText() {
        return "# run in " + directory + "\n" + shellCommand() + "\n";
    }

    void write(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", "1");
        p.setProperty("directory", directory.toString());
        p.setProperty("arguments", Integer.toString(arguments.size()));
        for (int i = 0; i < arguments.size(); i++) {
            p.setProperty("argument." + (i + 1), arguments.get(i));
        }
        Path file = folder.resolve(FILE_NAME);
        Path temporary = folder.resolve(FILE_NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            p.store(w, "zoo resume: how this run was started");
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @throws UserException if the file is missing or not a record of this kind
     */
    static ResumeRecord read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            if (!FORMAT.equals(p.getProperty("format")) || !"1".equals(p.getProperty("version"))) {
                throw new IllegalArgumentException("not a version-1 " + FORMAT + " file");
            }
            int n = Integer.parseInt(p.getProperty("arguments"));
            List<String> arguments = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                arguments.add(Objects.requireNonNull(p.getProperty("argument." + i), "argument." + i));
            }
            return new ResumeRecord(Path.of(Objects.requireNonNull(p.getProperty("directory"), "directory")),
                    arguments);
        } catch (RuntimeException e) {
            throw new UserException(file + " is not a readable resume record: " + e.getMessage(), e);
        }
    }
}
