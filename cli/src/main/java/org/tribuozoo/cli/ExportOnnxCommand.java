package org.tribuozoo.cli;

import org.tribuozoo.tribuo.ZooModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code zoo export-onnx MODEL_FILE OUT.onnx}: the model as an ONNX file (opset 13) that takes the
 * same flat raw pixel rows as the Tribuo examples and gives one probability per label; the
 * provenance is in the ONNX metadata.
 */
@Command(name = "export-onnx", mixinStandardHelpOptions = true, description = "Export a trained model file to ONNX: input 'input' [batch, H*W*C] raw "
        + "pixel values (row-major height, width, channel), output 'output' [batch, labels] probabilities.")
final class ExportOnnxCommand implements Callable<Integer> {

    /** The ONNX model domain written into exported files. */
    static final String DOMAIN = "org.tribuozoo";

    @Parameters(index = "0", paramLabel = "MODEL_FILE", description = "A model file written by zoo train.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "OUT.onnx", description = "The ONNX file to write (never the model file).")
    Path onnxFile;

    @Option(names = "--overwrite", description = "Replace OUT.onnx if it exists.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputFile onnx = OutputFile.of(onnxFile, "OUT.onnx", overwrite, modelFile);
        try (ZooModel model = ZooModel.load(modelFile)) {
            onnx.write(file -> model.saveONNXModel(DOMAIN, 1, file));
        }
        spec.commandLine().getOut().println("wrote " + onnxFile);
        return 0;
    }

    /** Writes the model's ONNX export into a run folder, through a temporary file, so no half file is left under the name. */
    static void write(ZooModel model, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            model.saveONNXModel(DOMAIN, 1, tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
