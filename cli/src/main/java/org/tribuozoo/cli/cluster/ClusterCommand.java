package org.tribuozoo.cli.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code zoo cluster}: the processes of a training cluster on TensorFlow's distributed runtime (see
 * {@code docs/distributed.md}).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "The processes of a training cluster (TensorFlow's distributed runtime).",
        subcommands = {ClusterServeCommand.class, CommandLine.HelpCommand.class})
public final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
