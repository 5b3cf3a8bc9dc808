package org.tribuozoo.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zoo data}: public data sets for the zoo's reference exercises. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Download public data sets (MNIST, Fashion-MNIST, CIFAR-10) into a cache folder.",
        subcommands = {FetchCommand.class, CommandLine.HelpCommand.class})
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
