package org.tribuozoo.go.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.rules.Coordinates;
import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.tribuo.data.PixelFeatureNames;

/**
 * How a 19x19 policy network meets Tribuo: its input is an image of 19 x 19 x 48 planes whose
 * features are named by {@link PixelFeatureNames} ({@code "00000"} .. {@code "17327"}), and its 361
 * output units are board points labelled by their Go coordinates ({@code A19} .. {@code T1}) in
 * point-index order, so Tribuo's evaluations and confusion matrices read naturally.
 */
public final class BoardLabels {

    /** The board size the AlphaGo networks are built for. */
    public static final int SIZE = 19;
    /** Board points, hence output units. */
    public static final int POINTS = SIZE * SIZE;
    /** The network input: the 48 feature planes of every point, channels last. */
    public static final ImageLayout LAYOUT = new ImageLayout(SIZE, SIZE, FeaturePlanes.COUNT);

    private static final List<String> UNIT_LABELS;

    static {
        List<String> labels = new ArrayList<>(POINTS);
        for (int p = 0; p < POINTS; p++) {
            labels.add(Coordinates.toGo(p, SIZE));
        }
        UNIT_LABELS = Collections.unmodifiableList(labels);
    }

    private BoardLabels() {
    }

    /** The Go coordinate of every output unit, in point-index order (unit 0 is {@code A19}). */
    public static List<String> unitLabels() {
        return UNIT_LABELS;
    }

    /** The label of one point index. */
    public static String label(int point) {
        return UNIT_LABELS.get(point);
    }

    /**
     * A feature map holding every pixel feature name of a network input (17,328 for all 48 planes),
     * each observed as 0 and 1 (the values the planes take), so that the model's feature domain
     * describes every input the network reads.
     */
    public static ImmutableFeatureMap featureMap(ImageLayout layout) {
        MutableFeatureMap features = new MutableFeatureMap();
        for (String name : PixelFeatureNames.names(layout)) {
            features.add(name, 0.0);
            features.add(name, 1.0);
        }
        return new ImmutableFeatureMap(features);
    }

    /** An output domain holding the 361 point labels, each observed once. */
    public static ImmutableOutputInfo<Label> outputInfo() {
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        for (String label : UNIT_LABELS) {
            info.observe(new Label(label));
        }
        return info.generateImmutableOutputInfo();
    }
}
