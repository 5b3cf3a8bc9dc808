package org.tribuozoo.tribuo;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.PositionBias;
import org.tribuozoo.dsl.SpatialSoftmax;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.data.ImageLayout;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A network whose output units are positions (a spatial softmax) keeps each label on its own unit,
 * whatever ids Tribuo's output domain gives the labels: in predictions, model files and ONNX.
 */
class UnitOrderTest {

    static final List<String> POINTS = List.of("A2", "B2", "A1", "B1");

    @Test
    void labelsFollowTheirUnitsEverywhere(@TempDir Path dir) throws Exception {
        Architecture board = Architecture.builder("tiny-policy").input(2, 2, 1)
                .add(Conv2D.filters(1).kernel(1).noBias()).add(PositionBias.create()).add(SpatialSoftmax.create())
                .build();
        Weights weights;
        TrainingConfig config = TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.adam());
        try (CompiledNetwork n = CompiledNetwork.compile(board, config)) {
            weights = Weights.builder().putAll(n.weights())
                    .put("position_bias_1/bias", board.parameters().get(1).shape(), new float[] {0f, 1f, 2f, 3f})
                    .put("conv2d_1/kernel", board.parameters().get(0).shape(), new float[] {0f}).build();
        }
        List<Example<Label>> examples = new ArrayList<>();
        for (String p : POINTS) {
            examples.add(new ArrayExample<>(new Label(p), new String[] {"0"}, new double[] {1}));
        }
        MutableDataset<Label> data = SharedData.dataset("points", examples);
        ModelProvenance provenance = new ModelProvenance(ZooModel.class.getName(), OffsetDateTime.now(),
                data.getProvenance(), ZooTrainer.builder(board).build().getProvenance());
        ZooModel model = ZooModel.ofTrainedNetwork("policy", provenance, data.getFeatureIDMap(),
                data.getOutputIDInfo(), POINTS, board, weights, new ImageLayout(2, 2, 1), 1.0, 0.0,
                new TrainingHistory(List.of(), false));

        // Unit u has logit u, so the last point wins and the softmax order is the unit order.
        Prediction<Label> p = model.predict(examples.get(0));
        assertEquals("B1", p.getOutput().getLabel());
        double[] expected = softmax(0, 1, 2, 3);
        for (int u = 0; u < 4; u++) {
            assertEquals(expected[u], p.getOutputScores().get(POINTS.get(u)).getScore(), 1e-6, POINTS.get(u));
        }

        Path file = dir.resolve("policy.model");
        model.serializeToFile(file);
        Prediction<Label> again = ZooModel.load(file).predict(examples.get(0));
        for (String point : POINTS) {
            assertEquals(p.getOutputScores().get(point).getScore(), again.getOutputScores().get(point).getScore(), 0.0);
        }

        // ONNX columns are in output-id order.
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model.exportONNXModel("org.tribuozoo", 1).toByteArray());
             OnnxTensor in = OnnxTensor.createTensor(env, new float[][] {{1, 0, 0, 0}});
             OrtSession.Result r = s.run(Map.of("input", in))) {
            float[] row = ((float[][]) r.get(0).getValue())[0];
            for (int id = 0; id < 4; id++) {
                String label = data.getOutputIDInfo().getOutput(id).getLabel();
                assertEquals(expected[POINTS.indexOf(label)], row[id], 1e-6, label);
            }
        }
    }

    @Test
    void unitLabelsMustMatchTheDomain() {
        Architecture board = Architecture.builder("tiny").input(2, 2, 1)
                .add(Conv2D.filters(1).kernel(1).noBias()).add(SpatialSoftmax.create()).build();
        List<Example<Label>> examples = new ArrayList<>();
        for (String p : POINTS) {
            examples.add(new ArrayExample<>(new Label(p), new String[] {"0"}, new double[] {1}));
        }
        MutableDataset<Label> data = SharedData.dataset("points", examples);
        assertThrows(IllegalArgumentException.class, () -> ZooModel.ofTrainedNetwork("x", null, data.getFeatureIDMap(),
                data.getOutputIDInfo(), List.of("A2", "B2", "A1", "Z9"), board, Weights.empty(),
                new ImageLayout(2, 2, 1), 1, 0, new TrainingHistory(List.of(), false)));
    }

    private static double[] softmax(double... x) {
        double sum = 0;
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = Math.exp(x[i]);
            sum += e[i];
        }
        for (int i = 0; i < x.length; i++) {
            e[i] /= sum;
        }
        return e;
    }
}
