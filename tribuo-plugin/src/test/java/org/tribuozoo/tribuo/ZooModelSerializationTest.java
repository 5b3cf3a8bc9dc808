package org.tribuozoo.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java serialization, which Tribuo 4.3 still offers for every {@link Model}: a ZooModel goes through
 * an object stream as its model-file bytes and comes back predicting bit for bit as before, on its own
 * and inside a Tribuo ensemble.
 */
class ZooModelSerializationTest {

    @Test
    void aModelThroughAnObjectStreamPredictsBitIdentically() throws Exception {
        MutableDataset<Label> data = SharedData.dataset("demo 300", SharedData.demo(3, 300));
        ZooModel model = ZooTrainer.builder("lenet5").epochs(1).batchSize(32).seed(5).threads(2, 1).build().train(data);
        List<Prediction<Label>> before = model.predict(data); // the session is open while it is written

        byte[] stream = javaSerialize(model);
        ZooModel back = assertInstanceOf(ZooModel.class, javaDeserialize(stream));

        // The stream holds the model file: weights (61,706 floats) and not much else.
        assertEquals(model.serialize().toByteArray().length, stream.length, 400);
        assertEquals(model.labels(), back.labels());
        assertEquals(model.architecture(), back.architecture());
        assertEquals(model.getProvenance(), back.getProvenance());
        assertSameScores(model, before, back.predict(data));
        model.close();
        back.close();
    }

    @Test
    void aTribuoEnsembleOfZooModelsSerializes() throws Exception {
        MutableDataset<Label> data = SharedData.dataset("demo 200", SharedData.demo(4, 200));
        ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(1).batchSize(32).seed(6).threads(2, 1).build();
        ZooModel a = trainer.train(data);
        ZooModel b = trainer.train(data);
        WeightedEnsembleModel<Label> ensemble = WeightedEnsembleModel.createEnsembleFromExistingModels("pair",
                List.<Model<Label>>of(a, b), new VotingCombiner());
        List<Prediction<Label>> before = ensemble.predict(data);

        @SuppressWarnings("unchecked")
        WeightedEnsembleModel<Label> back = (WeightedEnsembleModel<Label>) javaDeserialize(javaSerialize(ensemble));

        List<Prediction<Label>> after = back.predict(data);
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).getOutput().getLabel(), after.get(i).getOutput().getLabel(), "example " + i);
            assertEquals(before.get(i).getOutput().getScore(), after.get(i).getOutput().getScore(), 0.0, "example " + i);
        }
        assertTrue(back.getModels().stream().allMatch(m -> m instanceof ZooModel));
        a.close();
        b.close();
        back.getModels().forEach(m -> ((ZooModel) m).close());
    }

    private static void assertSameScores(ZooModel model, List<Prediction<Label>> a, List<Prediction<Label>> b) {
        for (int i = 0; i < a.size(); i++) {
            for (String label : model.labels()) {
                assertEquals(a.get(i).getOutputScores().get(label).getScore(),
                        b.get(i).getOutputScores().get(label).getScore(), 0.0, "example " + i + " label " + label);
            }
        }
    }

    private static byte[] javaSerialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object javaDeserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
