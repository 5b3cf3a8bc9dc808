package org.tribuozoo.tribuo;

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
import org.tribuozoo.tribuo.data.PixelFeatureNames;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trained ZooModel exported to ONNX gives the same predictions in ONNX Runtime, through Tribuo's
 * ONNXExternalModel built with the model's own feature and output mappings (the round trip of
 * docs/tribuo.md).
 */
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

        // The maps ONNXExternalModel needs, from the model: column i of the input is the pixel named i,
        // column j of the output the label with output id j.
        Map<String, Integer> features = model.onnxFeatureMapping();
        Map<Label, Integer> outputs = model.onnxOutputMapping();
        int pixels = model.imageLayout().size();            // 784 for lenet5: "000" .. "783"
        assertEquals(pixels, features.size());
        assertEquals(0, features.get(PixelFeatureNames.name(0, pixels)));
        assertEquals(pixels - 1, features.get(PixelFeatureNames.name(pixels - 1, pixels)));
        assertEquals(model.labels().size(), outputs.size());
        for (int id = 0; id < model.labels().size(); id++) {
            assertEquals(id, outputs.get(new Label(model.labels().get(id))));
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
