package org.tribuozoo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code zoo resume OUT_DIR}: continues a {@code zoo train} or {@code zoo go train} run that was
 * killed, from the last checkpoint in {@code OUT_DIR.partial}, and finishes it. The command line
 * recorded there ({@link ResumeRecord}) is parsed again into its command, which runs as it did,
 * except that it reopens the partial folder and its training continues from the checkpoint: the run
 * folder it ends with is the one the uninterrupted run would have written (with the same threads).
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a killed 'zoo train' or 'zoo go train' run from its last checkpoint (in "
                + "OUT_DIR.partial) and finish it: the run folder is the one the uninterrupted run would have "
                + "written, bit for bit.", "Run it from the folder the run was started in."})
final class ResumeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OUT_DIR", description = "The killed run's folder, as its --out named it.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path target = out;
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (name.endsWith(RunFolder.PARTIAL_SUFFIX) && name.length() > RunFolder.PARTIAL_SUFFIX.length()) {
            target = target.resolveSibling(name.substring(0, name.length() - RunFolder.PARTIAL_SUFFIX.length()));
        }
        Path partial = RunFolder.partialOf(target);
        if (!RunFolder.resumable(partial)) {
            if (!Files.isDirectory(partial) && Files.isDirectory(target)) {
                throw new UserException("nothing to resume: the run in " + target + " is finished");
            }
            throw new UserException("nothing to resume: " + (Files.isDirectory(partial)
                    ? partial + " holds no checkpoint (the run stopped before its first epoch ended); start it again"
                    : "no unfinished run in " + partial));
        }
        ResumeRecord record = ResumeRecord.read(partial);
        Path here = Path.of("").toAbsolutePath();
        if (!record.directory().equals(here)) {
            throw new UserException("run 'zoo resume' from " + record.directory()
                    + ", where the run was started: its command line names paths relative to it");
        }
        CommandLine zoo = new CommandLine(new ZooCommand());
        zoo.setOut(spec.commandLine().getOut());
        zoo.setErr(spec.commandLine().getErr());
        CommandLine.ParseResult parsed;
        try {
            parsed = zoo.parseArgs(record.arguments().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserException("the command line recorded in " + partial + " is not one this zoo takes: "
                    + e.getMessage(), e);
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        if (!(parsed.commandSpec().userObject() instanceof ResumableCommand command)) {
            throw new UserException("'zoo " + parsed.commandSpec().qualifiedName(" ").replaceFirst("^zoo ", "")
                    + "' runs cannot be resumed");
        }
        if (!RunFolder.partialOf(command.target()).equals(partial)) {
            throw new UserException("the run in " + partial + " writes " + command.target()
                    + ": its partial folder was moved; move it back to " + RunFolder.partialOf(command.target()));
        }
        return command.resume();
    }
}
