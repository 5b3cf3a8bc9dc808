package org.tribuozoo.tribuo.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.zoo.ModelZoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment path documented in docs/onnx.md: an exported file loaded with Tribuo's
 * {@link ONNXExternalModel}, fed Tribuo examples that name their pixels like IDXDataSource does
 * ({@code "000"} to {@code "783"}, zero pixels left out), predicts what tf-graph predicts.
 */
class TribuoExternalModelTest {

    private static final int EXAMPLES = 5;

    @Test
    void onnxExternalModelOnSparsePixelExamplesMatchesTensorFlow(@TempDir Path dir) throws Exception {
        Architecture lenet = ModelZoo.get("lenet5").architecture();
        Weights weights = TestNetworks.randomWeights(lenet, 31);
        double scale = 1 / 255.0;
        Path file = dir.resolve("lenet5.onnx");
        Files.write(file, ArchitectureOnnx.export(lenet, weights, scale, 0, true, "org.tribuozoo.test", 1, Map.of())
                .toByteArray());

        TestNetworks.Case c = new TestNetworks.Case(lenet, scale, 0, 256, true);
        float[] raw = c.rawInputs(EXAMPLES, 12);
        for (int i = 0; i < raw.length; i += 3) {
            raw[i] = 0; // plenty of zero pixels, which IDXDataSource leaves out of the example
        }
        int pixels = ArchitectureOnnx.inputWidth(lenet);
        Map<String, Integer> featureMapping = new HashMap<>();
        for (int i = 0; i < pixels; i++) {
            featureMapping.put(String.format("%03d", i), i);
        }
        Map<Label, Integer> outputMapping = new HashMap<>();
        for (int k = 0; k < 10; k++) {
            outputMapping.put(new Label(Integer.toString(k)), k);
        }
        List<Example<Label>> examples = new ArrayList<>();
        for (int e = 0; e < EXAMPLES; e++) {
            ArrayExample<Label> example = new ArrayExample<>(new Label("0"));
            for (int i = 0; i < pixels; i++) {
                float v = raw[e * pixels + i];
                if (v != 0) {
                    example.add(String.format("%03d", i), v);
                }
            }
            examples.add(example);
        }

        float[] expected;
        try (CompiledNetwork net = CompiledNetwork.compile(lenet,
                TrainingConfig.of(Loss.meanSquaredError(), Optimizer.sgd()).withThreads(1, 1), weights)) {
            expected = net.predict(new Images(c.scaled(raw), EXAMPLES, lenet.inputShape()));
        }
        try (ONNXExternalModel<Label> model = ONNXExternalModel.createOnnxModel(new LabelFactory(), featureMapping,
                outputMapping, new DenseTransformer(), new LabelTransformer(), new OrtSession.SessionOptions(), file,
                ArchitectureOnnx.INPUT_NAME)) {
            List<Prediction<Label>> predictions = model.predict(examples);
            for (int e = 0; e < EXAMPLES; e++) {
                Map<String, Label> scores = predictions.get(e).getOutputScores();
                int best = 0;
                for (int k = 0; k < 10; k++) {
                    double diff = Math.abs(scores.get(Integer.toString(k)).getScore() - expected[e * 10 + k]);
                    assertTrue(diff <= 1e-5, "example " + e + " class " + k + ": difference " + diff);
                    if (expected[e * 10 + k] > expected[e * 10 + best]) {
                        best = k;
                    }
                }
                assertEquals(Integer.toString(best), predictions.get(e).getOutput().getLabel(), "example " + e);
            }
        }
    }
}
