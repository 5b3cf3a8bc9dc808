package org.tribuozoo.cli.go;

import java.util.function.Supplier;

import org.tribuozoo.cli.UserException;
import org.tribuozoo.go.GoDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code zoo go}: Go game records to AlphaGo feature planes, policy-network training and move
 * prediction. Each subcommand reports bad input (a missing file, a record that is not SGF, a
 * move number past the end of a game) in one line with exit code 2.
 */
@Command(name = "go", mixinStandardHelpOptions = true,
        description = "Go game records (SGF) to AlphaGo's 48 feature planes, policy-network training and "
                + "move prediction.",
        subcommands = {GoConvertCommand.class, GoTrainCommand.class, GoEvaluateCommand.class, GoPlanesCommand.class, GoPredictCommand.class,
                CommandLine.HelpCommand.class})
public final class GoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs a step of the go module, turning its user-facing errors ({@link GoDataException}, whose
     * message is one line naming the culprit) into the CLI's {@link UserException}.
     */
    static <T> T userErrors(Supplier<T> step) {
        try {
            return step.get();
        } catch (GoDataException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
