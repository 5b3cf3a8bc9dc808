package org.tribuozoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.graph.InferenceOutputs;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.ImageLayout;

/**
 * An imported Keras model as a Tribuo model: its scores are the Keras outputs (probabilities after a
 * softmax, logits after a linear layer, never a softmax added), it survives a model file and an ONNX
 * export, and its provenance names the file by SHA-256 with the import options.
 */
class KerasImporterTest {

    @TempDir
    Path dir;

    @Test
    void aSoftmaxModelScoresAsKerasDoes() {
        ZooModel model = importer("moonflower-mnist-cnn.keras", List.of()).importModel();
        assertEquals(InferenceOutputs.AS_COMPUTED, model.outputs());
        assertEquals(KerasImporter.defaultLabels(10), model.labels());
        assertEquals(new ImageLayout(28, 28, 1), model.imageLayout());
        assertAgrees(model, KerasReference.load("moonflower-mnist-cnn.keras.json"), model.labels());
    }

    @Test
    void functionalModelsScoreAsKerasDoes() {
        // A residual CIFAR-10 network, and a channels_first graph (generated) ending in logits, given NHWC pixels.
        ZooModel resnet = importer("mlcommons-tiny-cifar-resnet.h5", List.of()).importModel();
        assertEquals(new ImageLayout(32, 32, 3), resnet.imageLayout());
        assertAgrees(resnet, KerasReference.load("mlcommons-tiny-cifar-resnet.h5.json"), resnet.labels());
        ZooModel channelsFirst = importer("generated-channels-first-graph.h5", List.of()).importModel();
        assertEquals(new ImageLayout(8, 6, 3), channelsFirst.imageLayout());
        assertAgrees(channelsFirst, KerasReference.load("generated-channels-first-graph.h5.json"),
                channelsFirst.labels());
        resnet.close();
        channelsFirst.close();
    }

    @Test
    void aLinearModelScoresItsLogits() {
        ZooModel model = importer("dl4j-mnist-mlp-logits.h5", List.of()).importModel();
        KerasReference ref = KerasReference.load("dl4j-mnist-mlp-logits.h5.json");
        float[] scores = assertAgrees(model, ref, model.labels());
        double sum = 0;
        for (int j = 0; j < 10; j++) {
            sum += scores[j];
        }
        // Logits: a softmax would have made them sum to 1.
        assertTrue(Math.abs(sum - 1) > 0.1, "scores sum to " + sum);
    }

    @Test
    void survivesItsModelFile() throws Exception {
        List<String> names = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        ZooModel model = importer("moonflower-mnist-cnn.h5", names).importModel();
        Path file = dir.resolve("model.tribuo");
        model.serializeToFile(file);
        try (ZooModel loaded = ZooModel.load(file)) {
            assertEquals(InferenceOutputs.AS_COMPUTED, loaded.outputs());
            assertEquals(model.labels(), loaded.labels());
            assertAgrees(loaded, KerasReference.load("moonflower-mnist-cnn.h5.json"), names);
        }
        model.close();
    }

    @Test
    void provenanceNamesTheFileAndTheOptions() throws Exception {
        Path keras = KerasReference.file("moonflower-mnist-cnn.keras", dir);
        ZooModel model = new KerasImporter(keras, 1.0, List.of()).importModel();
        ModelProvenance p = model.getProvenance();
        KerasFileProvenance source = assertInstanceOf(KerasFileProvenance.class,
                p.getDatasetProvenance().getSourceProvenance());
        assertEquals("moonflower-mnist-cnn.keras", source.fileName());
        assertEquals("236dd5f1948cbb6a34f128012bcef315ae94a6fa4c60287eb27050e66fa4e89c", source.sha256());
        assertEquals("3.1.1", source.kerasVersion());
        KerasImporterProvenance importer = assertInstanceOf(KerasImporterProvenance.class,
                p.getTrainerProvenance());
        assertEquals("1.0", importer.getConfiguredParameters().get("pixelScale").toString());
        assertEquals(keras.toString(), importer.getConfiguredParameters().get("kerasFile").toString());
        // Written and read back as every provenance of the zoo is.
        Path json = dir.resolve("provenance.json");
        ProvenanceJson.write(p, json);
        assertEquals(p, ProvenanceJson.read(json));
        model.close();
    }

    @Test
    void refusesLabelsThatDoNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importer("moonflower-mnist-cnn.keras", List.of("a", "b")).importModel());
        assertEquals("--labels gives 2 labels but the model has 10 outputs", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> importer("moonflower-mnist-cnn.keras", List.of("a", "a")));
        KerasImportException flat = assertThrows(KerasImportException.class,
                () -> importer("dl4j-examples-functional-mlp.h5", List.of()).importModel());
        assertTrue(flat.getMessage().contains("is not an image"), flat.getMessage());
    }

    @Test
    void itsOnnxExportAgrees() throws Exception {
        for (String file : List.of("moonflower-mnist-cnn.keras", "dl4j-mnist-mlp-logits.h5",
                "mlcommons-tiny-cifar-resnet.h5", "generated-channels-first-graph.h5",
                "generated-keras3-functional.keras")) {
            ZooModel model = importer(file, List.of()).importModel();
            Path onnxFile = dir.resolve(file + ".onnx");
            model.saveONNXModel("org.tribuozoo", 1, onnxFile);
            ImageLayout layout = model.imageLayout();
            Map<String, Integer> features = new HashMap<>();
            for (int i = 0; i < layout.size(); i++) {
                features.put(layout.featureName(i), i);
            }
            Map<Label, Integer> outputs = new HashMap<>();
            for (int i = 0; i < model.labels().size(); i++) {
                outputs.put(new Label(model.labels().get(i)), i);
            }
            List<Example<Label>> examples = examples(layout, KerasReference.pixels(21, 12, layout.size()), 12);
            try (ONNXExternalModel<Label> onnx = ONNXExternalModel.createOnnxModel(new LabelFactory(), features,
                    outputs, new DenseTransformer(), new LabelTransformer(false), new OrtSession.SessionOptions(),
                    onnxFile, "input")) {
                List<Prediction<Label>> ours = model.predict(examples);
                List<Prediction<Label>> theirs = onnx.predict(examples);
                for (int i = 0; i < examples.size(); i++) {
                    assertEquals(ours.get(i).getOutput().getLabel(), theirs.get(i).getOutput().getLabel());
                    for (String label : model.labels()) {
                        double a = ours.get(i).getOutputScores().get(label).getScore();
                        double b = theirs.get(i).getOutputScores().get(label).getScore();
                        assertEquals(a, b, 1e-5 * Math.max(1, Math.abs(a)), file + " example " + i + " " + label);
                    }
                }
            }
            model.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private KerasImporter importer(String file, List<String> labels) {
        try {
            // A folder of its own: a test may import the same file twice.
            Path own = java.nio.file.Files.createTempDirectory(dir, "keras");
            return new KerasImporter(KerasReference.file(file, own), KerasImporter.DEFAULT_PIXEL_SCALE, labels);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The model's scores on the reference's images, given as Tribuo examples of raw pixels, column
     * {@code j} the score of the label of Keras's output unit {@code j}.
     */
    private static float[] assertAgrees(ZooModel model, KerasReference ref, List<String> unitLabels) {
        ImageLayout layout = model.imageLayout();
        List<Prediction<Label>> predictions = model.predict(examples(layout, ref.pixels(layout.size()), ref.count()));
        float[] scores = new float[ref.count() * ref.units()];
        for (int e = 0; e < ref.count(); e++) {
            for (int j = 0; j < ref.units(); j++) {
                scores[e * ref.units() + j] = (float) predictions.get(e).getOutputScores()
                        .get(unitLabels.get(j)).getScore();
            }
        }
        ref.assertAgrees(scores, model.getName());
        return scores;
    }

    /** Examples whose feature named {@code i} is the raw value of pixel {@code i}. */
    static List<Example<Label>> examples(ImageLayout layout, int[] pixels, int count) {
        List<Example<Label>> out = new ArrayList<>();
        int size = layout.size();
        for (int e = 0; e < count; e++) {
            String[] names = new String[size];
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                names[i] = layout.featureName(i);
                values[i] = pixels[e * size + i];
            }
            out.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values));
        }
        return out;
    }
}
