package org.tribuozoo.cli;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooCatalog;
import org.tribuozoo.zoo.ZooEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code zoo summary NAME}: the Keras-style summary, or with {@code --json} the architecture JSON. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print a zoo network's layer summary and parameter counts.")
final class SummaryCommand implements Runnable {

    @Parameters(paramLabel = "NAME", description = "A zoo name, for example lenet5 or alphago-policy-192.")
    String name;

    @Option(names = "--json", description = "Print the architecture JSON instead.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ZooEntry entry = ModelZoo.get(name);
        Architecture a = entry.architecture();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(a.toJson());
            return;
        }
        out.println(entry.description());
        out.println("Reference recipe: " + ZooCatalog.describe(entry.recipe()));
        entry.reference().ifPresent(r -> out.println("Reference result: " + r));
        out.println();
        out.print(a.summary());
    }
}
