package org.tribuozoo.tribuo;

import org.tribuozoo.tribuo.data.ImageExamples;
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
 *
 * <p>An example that does not fit the layout is refused, never misread: one whose recorded image
 * layout ({@link ImageExamples#layoutOf}, set by every tribuo-zoo data source) is another, one with
 * a feature that is not a pixel of the layout, or one with a value that is not a finite number (after
 * scaling, in float). Converting many examples, the refusal counts every example that does not fit
 * and names the first.
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
     * A converter for examples of one image layout and scaling.
     *
     * @param layout how examples hold images
     * @param scale  multiplies each raw value (1/255 brings bytes to [0, 1])
     * @param offset added after scaling
     */
    public ImageTensors(ImageLayout layout, double scale, double offset) {
        this.layout = layout;
        this.scale = (float) scale;
        this.offset = (float) offset;
    }

    /**
     * How the examples hold their images.
     *
     * @return the layout given to the constructor
     */
    public ImageLayout layout() {
        return layout;
    }

    /**
     * The images of the examples, scaled, in NHWC order.
     *
     * @param examples the examples; may be empty
     * @return one image per example, in the examples' order
     * @throws IllegalArgumentException if an example does not fit the layout (see above), counting
     *                                  those that do not and naming the first by its index
     */
    public Images images(List<? extends Example<Label>> examples) {
        int size = layout.size();
        float[] values = new float[Math.multiplyExact(examples.size(), size)];
        // Each example writes its own slice, so examples convert in parallel on every core.
        IntStream range = IntStream.range(0, examples.size());
        try {
            (examples.size() >= PARALLEL_FROM ? range.parallel() : range)
                    .forEach(e -> write(examples.get(e), values, e * size));
        } catch (IllegalArgumentException misfit) {
            throw misfits(examples);
        }
        return Images.of(values, examples.size(), layout.height(), layout.width(), layout.channels());
    }

    /**
     * One example's image, scaled.
     *
     * @param example the example
     * @return {@code layout().size()} values in HWC order; absent pixels are 0 before scaling
     * @throws IllegalArgumentException if the example does not fit the layout
     */
    public float[] image(Example<Label> example) {
        float[] values = new float[layout.size()];
        try {
            write(example, values, 0);
        } catch (IllegalArgumentException misfit) {
            throw misfits(List.of(example));
        }
        return values;
    }

    /** Writes one example's scaled image at {@code start}; absent pixels are zero before scaling. */
    private void write(Example<Label> example, float[] into, int start) {
        checkRecordedLayout(example);
        if (offset != 0f) {
            java.util.Arrays.fill(into, start, start + layout.size(), offset);
        }
        for (Feature f : example) {
            Integer idx = indexOfName.get(f.getName());
            if (idx == null) {
                idx = layout.pixelIndex(f.getName());
                indexOfName.putIfAbsent(f.getName(), idx);
            }
            float value = (float) f.getValue() * scale + offset;
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("feature '" + f.getName() + "' has value " + f.getValue()
                        + (Double.isFinite(f.getValue()) ? ", which scaled is " + value : "")
                        + "; pixel values must be finite numbers");
            }
            into[start + idx] = value;
        }
    }

    private void checkRecordedLayout(Example<?> example) {
        ImageExamples.layoutOf(example).ifPresent(recorded -> {
            if (!recorded.equals(layout)) {
                throw new IllegalArgumentException("it holds a " + recorded + " image, not a " + layout + " one");
            }
        });
    }

    /** Why an example does not fit, or null when it does. */
    private String problem(Example<Label> example) {
        try {
            write(example, new float[layout.size()], 0);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The refusal of examples of which at least one does not fit: how many, and why the first. */
    IllegalArgumentException misfits(List<? extends Example<Label>> examples) {
        int count = 0;
        int first = -1;
        String why = null;
        for (int i = 0; i < examples.size(); i++) {
            String problem = problem(examples.get(i));
            if (problem != null) {
                count++;
                if (first < 0) {
                    first = i;
                    why = problem;
                }
            }
        }
        String what = "a " + layout + " image (" + layout.size() + " pixel values named by their index, finite)";
        if (examples.size() == 1) {
            return new IllegalArgumentException("the example is not " + what + ": " + why);
        }
        return new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "%,d of %,d examples are not %s; the first, example %d: %s", count, examples.size(), what, first, why));
    }

    /**
     * The output ids of the examples' labels.
     *
     * @param examples the examples
     * @param outputs  the model's label domain
     * @return each example's label id, in the examples' order
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

    /**
     * The labels of an output domain in id order.
     *
     * @param outputs a label domain
     * @return the label names; element {@code i} has id {@code i}
     */
    public static List<String> labels(ImmutableOutputInfo<Label> outputs) {
        List<String> names = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            names.add(outputs.getOutput(i).getLabel());
        }
        return names;
    }
}
