package org.tribuozoo.cli;

import org.tribuozoo.zoo.UnknownModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code zoo} command: list and inspect the model zoo, train, evaluate and export models.
 * Exit codes: 0 success, 2 bad usage or bad input (one line on standard error), 1 an unexpected
 * failure. Stack traces only with {@code --verbose}.
 */
@Command(name = "zoo", mixinStandardHelpOptions = true, versionProvider = ZooCommand.Version.class,
        description = "A CNN model zoo for Tribuo, trained on TensorFlow Java, exported to ONNX.",
        subcommands = {ListCommand.class, SummaryCommand.class, TrainCommand.class, EvaluateCommand.class,
                PredictCommand.class, ExportOnnxCommand.class, ImportKerasCommand.class, ReproduceCommand.class, ResumeCommand.class, VisualizeCommand.class, org.tribuozoo.cli.go.GoCommand.class, org.tribuozoo.cli.data.DataCommand.class,
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
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean userError = isUserError(ex);
            PrintWriter e = commandLine.getErr();
            e.println("zoo: " + (userError ? "" : "unexpected error: ") + oneLine(messageOf(ex)));
            if (root.verbose) {
                ex.printStackTrace(e);
            }
            e.flush();
            return userError ? BAD_INPUT : 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
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
