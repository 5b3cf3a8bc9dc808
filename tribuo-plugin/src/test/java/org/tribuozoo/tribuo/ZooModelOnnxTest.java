package org.tribuozoo.tribuo;

import org.tribuozoo.tribuo.data.ImageLayout;

import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trained ZooModel exported to ONNX gives the same predictions in ONNX Runtime, through Tribuo. */
class ZooModelOnnxTest {

    @Test
    void onnxRuntimeAgreesWithTheModel(@TempDir Path dir) throws Exception {
        List<Example<Label>> mnist = SharedData.demo(3, 1500);
        ZooModel model = ZooTrainer.builder("lenet5").epochs(1).seed(2).threads(2, 1).build()
                .train(SharedData.dataset("first 1000", mnist.subList(0, 1000)));
        assertOnnxAgrees(model, mnist.subList(1000, 1500), dir.resolve("lenet5.onnx"));
        model.close();
    }

    /**
     * Exports the model to {@code file} and checks, through Tribuo's {@link ONNXExternalModel}, that ONNX
     * Runtime predicts the same labels for {@code test} with probabilities at most 1e-5 apart, and reads back
     * the model's trainer provenance.
     */
    static void assertOnnxAgrees(ZooModel model, List<Example<Label>> test, Path file) throws Exception {
        model.saveONNXModel("org.tribuozoo", 1, file);

        // Column i of the ONNX input is the pixel whose feature is named i.
        ImageLayout layout = model.imageLayout();
        Map<String, Integer> features = new HashMap<>();
        for (int i = 0; i < layout.size(); i++) {
            features.put(layout.featureName(i), i);
        }
        Map<Label, Integer> outputs = new HashMap<>();
        for (int i = 0; i < model.labels().size(); i++) {
            outputs.put(new Label(model.labels().get(i)), i);
        }
        try (ONNXExternalModel<Label> onnx = ONNXExternalModel.createOnnxModel(new LabelFactory(), features, outputs,
                new DenseTransformer(), new LabelTransformer(true), new OrtSession.SessionOptions(), file, "input")) {
            List<Prediction<Label>> ours = model.predict(test);
            List<Prediction<Label>> theirs = onnx.predict(test);
            double maxDiff = 0;
            for (int i = 0; i < test.size(); i++) {
                assertEquals(ours.get(i).getOutput().getLabel(), theirs.get(i).getOutput().getLabel(), "example " + i);
                for (String label : model.labels()) {
                    maxDiff = Math.max(maxDiff, Math.abs(ours.get(i).getOutputScores().get(label).getScore()
                            - theirs.get(i).getOutputScores().get(label).getScore()));
                }
            }
            assertTrue(maxDiff <= 1e-5, "max probability difference " + maxDiff);
            // Tribuo reads the provenance back from the ONNX metadata, as for its own exports.
            var provenance = onnx.getTribuoProvenance().orElseThrow();
            assertEquals(ZooTrainer.class.getName(), provenance.getTrainerProvenance().getClassName());
            assertEquals(model.getProvenance().getTrainerProvenance(), provenance.getTrainerProvenance());
        }
    }
}
