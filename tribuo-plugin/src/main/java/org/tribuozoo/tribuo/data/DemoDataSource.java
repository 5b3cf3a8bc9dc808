package org.tribuozoo.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.ConfiguredDataSourceProvenance;
import org.tribuo.provenance.DataSourceProvenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A built-in data set generated in code, so that training works offline on a fresh machine:
 * 28x28x1 images of ten line-drawn shapes ({@code circle, disk, square, diamond, triangle, plus,
 * cross, equals, corner, star}) with random rotation (up to 15 degrees), size, aspect, position,
 * stroke width, brightness, pixel noise and stray strokes.
 * <p>
 * The images are a pure function of {@code seed} and {@code size}; the classes are balanced
 * (every block of ten consecutive examples holds each class once, in a seeded order). Use
 * {@link #train()} and {@link #test()} for the standard parts, which use different seeds and so
 * share no image. Feature names and values follow {@link PixelFeatureNames}, like MNIST's.
 */
public final class DemoDataSource implements ConfigurableDataSource<Label> {

    /** Seed of the standard training part. */
    public static final long TRAIN_SEED = 1;
    /** Seed of the standard test part. */
    public static final long TEST_SEED = 2;
    /** Size of the standard training part. */
    public static final int TRAIN_SIZE = 6000;
    /** Size of the standard test part. */
    public static final int TEST_SIZE = 1000;

    @Config(description = "Seed of the image generator.")
    private long seed = TRAIN_SEED;

    @Config(description = "Number of images.")
    private int size = TRAIN_SIZE;

    private final LabelFactory outputFactory = new LabelFactory();
    private List<Example<Label>> examples;
    private DemoProvenance provenance;

    /** For OLCUT. */
    private DemoDataSource() {
    }

    /**
     * Generates {@code size} images from {@code seed}.
     *
     * @param seed the seed
     * @param size the number of images, at least 1
     */
    public DemoDataSource(long seed, int size) {
        this.seed = seed;
        this.size = size;
        postConfig();
    }

    /** @return the standard training part: 6,000 images from seed 1 */
    public static DemoDataSource train() {
        return new DemoDataSource(TRAIN_SEED, TRAIN_SIZE);
    }

    /** @return the standard test part: 1,000 images from seed 2 */
    public static DemoDataSource test() {
        return new DemoDataSource(TEST_SEED, TEST_SIZE);
    }

    /** @return the class names, index 0 to 9 */
    public static List<String> classNames() {
        return DemoShapes.CLASSES;
    }

    /** @return the image layout, 28x28x1 */
    public static ImageLayout layout() {
        return DemoShapes.LAYOUT;
    }

    /** Generates the images; called by OLCUT after configuration and by the constructor. */
    @Override
    public void postConfig() {
        if (size < 1) {
            throw new IllegalArgumentException("demo data set size must be at least 1, got " + size);
        }
        SplittableRandom master = new SplittableRandom(seed);
        int classes = DemoShapes.CLASSES.size();
        int[] order = new int[classes];
        List<Example<Label>> generated = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (i % classes == 0) {
                shuffledClasses(order, master);
            }
            int cls = order[i % classes];
            // One independent stream per image: an image does not depend on how many random
            // numbers earlier images used.
            SplittableRandom rng = master.split();
            int[] pixels = DemoShapes.draw(cls, rng);
            generated.add(ImageExamples.toExample(new Label(DemoShapes.CLASSES.get(cls)), pixels, DemoShapes.LAYOUT));
        }
        this.examples = Collections.unmodifiableList(generated);
    }

    private static void shuffledClasses(int[] order, SplittableRandom rng) {
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        for (int k = order.length - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int tmp = order[k];
            order[k] = order[j];
            order[j] = tmp;
        }
    }

    /** @return the number of images */
    public int size() {
        return examples.size();
    }

    /** @return the seed the images were generated from */
    public long seed() {
        return seed;
    }

    @Override
    public OutputFactory<Label> getOutputFactory() {
        return outputFactory;
    }

    @Override
    public Iterator<Example<Label>> iterator() {
        return examples.iterator();
    }

    @Override
    public synchronized DataSourceProvenance getProvenance() {
        if (provenance == null) {
            provenance = new DemoProvenance(this);
        }
        return provenance;
    }

    @Override
    public String toString() {
        return "DemoDataSource(seed=" + seed + ",size=" + size + ")";
    }

    /** Provenance of a {@link DemoDataSource}: the seed and size determine every image. */
    public static final class DemoProvenance extends ZooSourceProvenance implements ConfiguredDataSourceProvenance {
        private static final long serialVersionUID = 1L;

        DemoProvenance(DemoDataSource host) {
            super(host, List.<PrimitiveProvenance<?>>of());
        }

        /**
         * Deserialisation constructor, used by OLCUT.
         *
         * @param map the marshalled provenance
         */
        public DemoProvenance(Map<String, Provenance> map) {
            super(map, List.of());
        }
    }
}
