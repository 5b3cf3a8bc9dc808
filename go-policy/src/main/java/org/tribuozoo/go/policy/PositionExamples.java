package org.tribuozoo.go.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuozoo.go.GoData;
import org.tribuozoo.go.data.Batch;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Split;
import org.tribuozoo.tribuo.data.PixelFeatureNames;

/**
 * Positions as ordinary Tribuo examples, for the places where a Tribuo {@code Dataset} is wanted
 * (a {@code LabelEvaluator}, a confusion matrix): the first positions of a split, read in file
 * order without augmentation. Each example holds the non-zero plane values of one position under
 * their {@link PixelFeatureNames} names (1,700 to 1,800 of the 17,328 are non-zero), and its label is
 * the Go coordinate of the move played. Meant for a few thousand positions: training streams
 * positions instead (see {@link PolicyTrainer}).
 */
public final class PositionExamples {

    private PositionExamples() {
    }

    /**
     * The first {@code limit} positions of a split as a dataset.
     *
     * @param data  a converted folder
     * @param split which split
     * @param limit at most this many positions
     */
    public static MutableDataset<Label> dataset(Path data, Split split, int limit) {
        return dataset(data, split, limit, InputPlanes.ALL);
    }

    /**
     * The first {@code limit} positions of a split as a dataset of the planes a network reads (a
     * network trained with {@code planes(4)} is evaluated on examples of 19 x 19 x 4 values).
     *
     * @param data   a converted folder
     * @param split  which split
     * @param limit  at most this many positions
     * @param planes which planes each example holds
     */
    public static MutableDataset<Label> dataset(Path data, Split split, int limit, InputPlanes planes) {
        ShardFolderProvenance source = ShardFolderProvenance.of(data);
        LabelFactory factory = new LabelFactory();
        List<Example<Label>> examples = new ArrayList<>();
        try (PositionReader reader = GoData.reader(data, split, PositionReader.Options.sequential())) {
            Batch batch = reader.newBatch(Math.max(1, Math.min(limit, 1024)));
            while (examples.size() < limit) {
                int n = reader.next(batch);
                if (n == 0) {
                    break;
                }
                float[] selected = planes.select(batch.inputs, n);
                int size = planes.layout().size();
                for (int i = 0; i < n && examples.size() < limit; i++) {
                    examples.add(example(selected, i * size, size, BoardLabels.label(batch.targets[i])));
                }
            }
        }
        return new MutableDataset<>(examples, source, factory);
    }

    /** One position of a batch as a sparse example (zeros left out), labelled with the move played. */
    public static Example<Label> example(Batch batch, int i) {
        return example(batch.inputs, i * batch.inputsPerPosition(), batch.inputsPerPosition(),
                BoardLabels.label(batch.targets[i]));
    }

    /**
     * One position's planes as a sparse example (zeros left out).
     *
     * @param inputs NHWC planes of one or more positions
     * @param base   where the position starts in {@code inputs}
     * @param size   values per position (17,328 on 19x19)
     * @param label  the example's label (the move played, or any point when unknown)
     */
    public static Example<Label> example(float[] inputs, int base, int size, String label) {
        int nonZero = 0;
        for (int k = 0; k < size; k++) {
            if (inputs[base + k] != 0f) {
                nonZero++;
            }
        }
        String[] names = new String[nonZero];
        double[] values = new double[nonZero];
        int j = 0;
        for (int k = 0; k < size; k++) {
            float v = inputs[base + k];
            if (v != 0f) {
                names[j] = PixelFeatureNames.name(k, size);
                values[j++] = v;
            }
        }
        return new ArrayExample<>(new Label(label), names, values);
    }
}
