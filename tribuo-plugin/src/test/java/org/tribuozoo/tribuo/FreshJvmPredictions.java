package org.tribuozoo.tribuo;

import org.tribuo.Example;
import org.tribuo.classification.Label;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link ModelFileFreshJvmTest}: loads a model file and writes its
 * probabilities for the demo images of a seed, as raw floats.
 */
public final class FreshJvmPredictions {
    private FreshJvmPredictions() {
    }

    /** The probabilities of the demo examples of {@code seed}, in example order, label order. */
    static float[] probabilities(ZooModel model, long seed, int count) {
        List<Example<Label>> examples = SharedData.demo(seed, count);
        List<String> labels = model.labels();
        float[] out = new float[count * labels.size()];
        var predictions = model.predict(examples);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < labels.size(); j++) {
                out[i * labels.size() + j] = (float) predictions.get(i).getOutputScores().get(labels.get(j)).getScore();
            }
        }
        return out;
    }

    /** {@code MODEL_FILE OUT_FILE SEED COUNT}. */
    public static void main(String[] args) throws IOException {
        ZooModel model = ZooModel.load(Path.of(args[0]));
        float[] p = probabilities(model, Long.parseLong(args[2]), Integer.parseInt(args[3]));
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            for (float f : p) {
                out.writeInt(Float.floatToRawIntBits(f));
            }
        }
        model.close();
    }
}
