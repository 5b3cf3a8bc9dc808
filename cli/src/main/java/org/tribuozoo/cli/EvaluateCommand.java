package org.tribuozoo.cli;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuozoo.cli.data.DataSpec;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.ImageLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code zoo evaluate MODEL_FILE --test SPEC}: Tribuo's report, the confusion matrix and the accuracy line. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate a trained model file on test data: per-label precision, recall "
        + "and F1, the confusion matrix, and the test accuracy.")
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL_FILE", description = "A model file written by zoo train (model.tribuo).")
    Path modelFile;

    @Option(names = "--test", required = true, paramLabel = "SPEC",
            description = "The test data: idx:IMAGES_FILE,LABELS_FILE | idx:DIR:PREFIX | cifar10:DIR | folder:DIR | demo.")
    String test;

    @Option(names = "--predictions", paramLabel = "FILE.csv", description = "Also write every test example's "
            + "scores: a header of the model's labels in output order, then one row per example in data order.")
    Path predictions;

    @Option(names = "--overwrite", description = "Replace the --predictions file if it exists.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        DataSpec testSpec = DataSets.parse(test);
        OutputFile csv = predictions == null ? null : OutputFile.of(predictions, "--predictions", overwrite, modelFile);
        try (ZooModel model = ZooModel.load(modelFile)) {
            ImageLayout layout = model.imageLayout();
            DataSets.requireLayout(testSpec, layout, "the model " + modelFile);
            MutableDataset<Label> data = DataSets.load(testSpec.open(DataSpec.Role.TEST, layout), testSpec);
            DataSets.requireKnownLabels(data, model.labels(), testSpec);
            spec.commandLine().getOut().print(EvaluationReport.of(model, data).text());
            if (predictions != null) {
                csv.write(file -> PredictionsCsv.write(model, data, file));
                spec.commandLine().getOut().println("predictions: " + predictions);
            }
        }
        return 0;
    }
}
