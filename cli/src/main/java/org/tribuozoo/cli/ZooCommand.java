package org.tribuozoo.cli;

import org.tribuozoo.zoo.UnknownModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;

/**
 * The {@code zoo} command: list and inspect the model zoo, train, evaluate and export models.
 * Exit codes: 0 success, 2 bad usage or bad input (one line on standard error), 1 an unexpected
 * failure. Stack traces only with {@code --verbose}. What the user's machine causes is one line
 * too, saying what to change: running out of memory (exit 1), a full disk, a permission denied,
 * a file in the way (exit 2); see {@link #report(Throwable)}.
 */
@Command(name = "zoo", mixinStandardHelpOptions = true, versionProvider = ZooCommand.Version.class,
        description = "A CNN model zoo for Tribuo, trained on TensorFlow Java, exported to ONNX.",
        subcommands = {ListCommand.class, SummaryCommand.class, TrainCommand.class, EvaluateCommand.class,
                PredictCommand.class, ExportOnnxCommand.class, ImportKerasCommand.class, ReproduceCommand.class, ResumeCommand.class, VisualizeCommand.class, org.tribuozoo.cli.go.GoCommand.class, org.tribuozoo.cli.data.DataCommand.class,
                org.tribuozoo.cli.report.ReportCommand.class,
                org.tribuozoo.cli.cluster.ClusterCommand.class,
                CommandLine.HelpCommand.class})
public final class ZooCommand implements Runnable {

    /** Exit code for bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    boolean verbose;

    /** Stack traces of errors, and the library's detailed (FINE) log lines. */
    @Option(names = "--verbose", description = "Print stack traces of errors and detailed log lines.",
            scope = CommandLine.ScopeType.INHERIT)
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        ConsoleLog.verbose(verbose);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // Pictures are drawn off screen; a headless JVM never tries to reach a display.
        System.setProperty("java.awt.headless", "true");
        try (ConsoleLog log = ConsoleLog.install(err)) {
            return run(args, out, err);
        }
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err) {
        ZooCommand root = new ZooCommand();
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String hint = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? " (did you mean " + String.join(", ", u.getSuggestions()) + "?)" : "";
            ex.getCommandLine().getErr().println("zoo: " + oneLine(ex.getMessage()) + hint
                    + "; see 'zoo " + commandPath(ex.getCommandLine()) + "--help'");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> fail(ex, commandLine.getErr(), root.verbose));
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler; an Error comes through execute.
            code = fail(e, err, root.verbose);
        }
        out.flush();
        err.flush();
        return code;
    }

    private static int fail(Throwable ex, PrintWriter err, boolean verbose) {
        Report report = report(ex);
        err.println("zoo: " + oneLine(report.line()));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return report.exitCode();
    }

    /**
     * What the command line says about a failure: one line (without the {@code zoo: } prefix) and
     * the exit code.
     *
     * @param line     the message
     * @param exitCode 2 for what the user can fix, 1 otherwise
     */
    record Report(String line, int exitCode) {
    }

    /**
     * Describes a failure: out of memory anywhere in the cause chain (another thread's included),
     * then the library's user errors as they are, then file-system conditions found in the cause
     * chain (permission denied, disk full, a file in the way), then anything else as unexpected.
     */
    static Report report(Throwable ex) {
        OutOfMemoryError oom = find(ex, OutOfMemoryError.class);
        if (oom != null) {
            return new Report(outOfMemory(oom), 1);
        }
        if (isUserError(ex)) {
            return new Report(messageOf(ex), BAD_INPUT);
        }
        org.tribuozoo.graph.ClusterFailureException cluster = find(ex, org.tribuozoo.graph.ClusterFailureException.class);
        if (cluster != null) {
            // Not a bug here: a task of the cluster died or became unreachable, and the message says which.
            return new Report(cluster.getMessage(), 1);
        }
        IOException io = find(ex, IOException.class);
        String condition = io == null ? null : fileSystemCondition(io);
        if (condition != null) {
            return new Report(condition, BAD_INPUT);
        }
        return new Report("unexpected error: " + messageOf(ex), 1);
    }

    private static String outOfMemory(OutOfMemoryError e) {
        long max = Runtime.getRuntime().maxMemory();
        String heap = max == Long.MAX_VALUE ? "" : ", at most " + (max >> 20) + " MiB";
        return "out of memory (" + (e.getMessage() == null ? "Java heap space" : e.getMessage()) + heap
                + "): give Java more with ZOO_JAVA_OPTS=-Xmx<size> (e.g. ZOO_JAVA_OPTS=-Xmx8g), or ask for less: "
                + "a smaller --batch-size, smaller or fewer images";
    }

    /** One line for the file-system conditions a user can fix, or null for other I/O errors. */
    private static String fileSystemCondition(IOException e) {
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        String file = e instanceof FileSystemException f && f.getFile() != null ? " " + f.getFile() : "";
        if (reason != null && (reason.contains("No space left on device") || reason.contains("Disk quota exceeded"))) {
            return "disk full" + (file.isEmpty() ? "" : " while writing" + file) + " (" + reason
                    + "): free some space, or write somewhere else";
        }
        String what = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "already exists"
                : e instanceof NotDirectoryException ? "not a folder"
                : e instanceof DirectoryNotEmptyException ? "folder not empty"
                : reason != null && reason.contains("Read-only file system") ? "read-only file system"
                : null;
        return what == null ? null : what + (file.isEmpty() ? "" : ":" + file);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> kind) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (kind.isInstance(c)) {
                return kind.cast(c);
            }
        }
        return null;
    }

    /**
     * Whether an exception is the user's to fix: bad input, a missing file, an invalid setting. The
     * library reports those as {@link IllegalArgumentException} (its subclasses included) with a
     * message naming the problem.
     */
    static boolean isUserError(Throwable ex) {
        return ex instanceof UserException || ex instanceof IllegalArgumentException
                || ex instanceof java.io.FileNotFoundException || ex instanceof java.nio.file.NoSuchFileException
                || ex instanceof com.oracle.labs.mlrg.olcut.config.PropertyException;
    }

    private static String commandPath(CommandLine cl) {
        String path = cl.getCommandSpec().qualifiedName(" ");
        path = path.startsWith("zoo") ? path.substring(3).trim() : path;
        return path.isEmpty() ? "" : path + " ";
    }

    private static String messageOf(Throwable t) {
        if (t instanceof java.nio.file.NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (t instanceof UnknownModelException u && u.suggestions().isEmpty()) {
            // The library's hint names its API; here the command that lists the names.
            return "unknown zoo model '" + u.name() + "'; run 'zoo list' to see them all";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ZooCommand.class.getPackage().getImplementationVersion();
            return new String[] {"zoo " + (v == null ? "(development build)" : v)};
        }
    }
}
