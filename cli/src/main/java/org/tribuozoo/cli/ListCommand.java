package org.tribuozoo.cli;

import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zoo list}: one line per zoo entry. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the zoo: name, input shape, parameter count, description.")
final class ListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(ZooCatalog.list(ModelZoo.entries()));
    }
}
