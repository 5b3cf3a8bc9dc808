package org.tribuozoo.tribuo;

import org.tribuozoo.tribuo.data.ImageLayout;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuozoo.graph.Images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Turns Tribuo examples into dense image tensors by parsing each feature's name into its pixel
 * position (never by feature-map id: a dataset's feature map holds only the pixels that are
 * non-zero somewhere, so ids do not line up with positions).
 */
public final class ImageTensors {

    /** Below this many examples a parallel conversion costs more than it saves. */
    private static final int PARALLEL_FROM = 512;

    private final ImageLayout layout;
    private final float scale;
    private final float offset;
    /** Feature name to pixel index, filled lazily: each distinct name is parsed once, by any thread. */
    private final Map<String, Integer> indexOfName = new ConcurrentHashMap<>();

    /**
     * @param layout how examples hold images
     * @param scale  multiplies each raw value (1/255 brings bytes to [0, 1])
     * @param offset added after scaling
     */
    public ImageTensors(ImageLayout layout, double scale, double offset) {
        this.layout = layout;
        this.scale = (float) scale;
        this.offset = (float) offset;
    }

    public ImageLayout layout() {
        return layout;
    }

    /** The images of the examples, scaled, in NHWC order. */
    public Images images(List<? extends Example<Label>> examples) {
        int size = layout.size();
        float[] values = new float[Math.multiplyExact(examples.size(), size)];
        // Each example writes its own slice, so examples convert in parallel on every core.
        IntStream range = IntStream.range(0, examples.size());
        (examples.size() >= PARALLEL_FROM ? range.parallel() : range)
                .forEach(e -> write(examples.get(e), values, e * size));
        return Images.of(values, examples.size(), layout.height(), layout.width(), layout.channels());
    }

    /** One example's image, scaled. */
    public float[] image(Example<Label> example) {
        float[] values = new float[layout.size()];
        write(example, values, 0);
        return values;
    }

    /** Writes one example's scaled image at {@code start}; absent pixels are zero before scaling. */
    void write(Example<Label> example, float[] into, int start) {
        if (offset != 0f) {
            java.util.Arrays.fill(into, start, start + layout.size(), offset);
        }
        for (Feature f : example) {
            Integer idx = indexOfName.get(f.getName());
            if (idx == null) {
                idx = layout.pixelIndex(f.getName());
                indexOfName.putIfAbsent(f.getName(), idx);
            }
            into[start + idx] = (float) f.getValue() * scale + offset;
        }
    }

    /**
     * The output ids of the examples' labels.
     *
     * @throws IllegalArgumentException naming a label the output domain does not hold
     */
    public static int[] labelIds(List<? extends Example<Label>> examples, ImmutableOutputInfo<Label> outputs) {
        int[] ids = new int[examples.size()];
        for (int i = 0; i < ids.length; i++) {
            Label l = examples.get(i).getOutput();
            int id = outputs.getID(l);
            if (id < 0) {
                throw new IllegalArgumentException("example " + i + " has label '" + l.getLabel()
                        + "', which the model was not trained on (labels: " + labels(outputs) + ")");
            }
            ids[i] = id;
        }
        return ids;
    }

    /** The labels of an output domain in id order. */
    public static List<String> labels(ImmutableOutputInfo<Label> outputs) {
        List<String> names = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            names.add(outputs.getOutput(i).getLabel());
        }
        return names;
    }
}
