package org.tribuozoo.cli.go;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.tribuozoo.go.GoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo go planes FILE.sgf --before-move N}: the sum over the board of each of the 48 planes. */
@Command(name = "planes", mixinStandardHelpOptions = true,
        description = "For the position before move N of an SGF game's main line (N=1: the starting position), "
                + "print the sum over the board of each feature plane, one line per feature group.")
final class GoPlanesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.sgf", description = "An SGF file (its first game is used).")
    Path sgf;

    @Option(names = "--before-move", required = true, paramLabel = "N",
            description = "The move about to be played; 1 is the starting position.")
    int beforeMove;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> lines = GoCommand.userErrors(() -> GoData.planesReport(sgf, beforeMove));
        PrintWriter out = spec.commandLine().getOut();
        lines.forEach(out::println);
        return 0;
    }
}
