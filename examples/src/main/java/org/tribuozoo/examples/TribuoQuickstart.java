package org.tribuozoo.examples;

import org.tribuozoo.cli.ConsoleProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The Tribuo program of docs/tribuo.md ({@link Quickstart}) as an example command, with the examples'
 * options and a progress bar on the terminal: MNIST through Tribuo's own IDXDataSource, {@code lenet5}
 * trained by zoo name, Tribuo's evaluation report and confusion matrix, the model file, the provenance
 * JSON and the ONNX export. By default 5 epochs;
 * {@code --full} runs lenet5's reference recipe (30 epochs, batch 128, Adam 0.001). The files
 * have the names of a {@code zoo train} run folder, so {@code ./zoo reproduce} and
 * {@code ./zoo evaluate} take them too.
 */
@Command(name = "TribuoQuickstart", description = "lenet5 on MNIST through Tribuo: evaluation report, confusion "
        + "matrix, model file, provenance JSON and ONNX export. 5 epochs by default.")
public final class TribuoQuickstart implements Common.Program {

    @Option(names = "--full", description = "lenet5's reference recipe: 30 epochs.")
    boolean full;

    @Option(names = "--data", paramLabel = "MNIST_DIR", description = "The folder of MNIST's t10k files "
            + "(default: ../shared/data/mnist).")
    Path data;

    @Mixin
    Common.Epochs epochs;

    @Mixin
    Common.OutFolder out;

    public static void main(String[] args) {
        Common.main(new TribuoQuickstart(), args);
    }

    @Override
    public void run() throws IOException {
        Path mnist = Common.dataFolder(data, "MNIST", "mnist", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz");
        Path folder = out.folder("quickstart");
        Quickstart.quickstart(mnist, epochs.or(full ? 30 : 5), folder, ConsoleProgress.whenOnTerminal());
        System.out.println("wrote model.tribuo, provenance.json and model.onnx to " + folder);
    }
}
