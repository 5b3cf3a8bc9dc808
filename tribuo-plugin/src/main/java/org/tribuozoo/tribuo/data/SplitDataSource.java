package org.tribuozoo.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.provenance.ConfiguredDataSourceProvenance;
import org.tribuo.provenance.DataSourceProvenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One part (train, validation or test) of a deterministic split of another configurable source.
 * <p>
 * The inner source's examples are numbered in its iteration order ("file order"). With
 * {@code shuffle} off, the test part is the last {@code testFraction} of them, the validation
 * part the {@code validationFraction} before that, and the training part the rest: this is the
 * {@code --test-split F} rule. With {@code shuffle} on, the numbers are first permuted by
 * {@code seed} (see {@link Splits#partition}). Either way each part keeps its examples in file
 * order, and the part is a pure function of the inner source and these settings, which are all
 * OLCUT configuration: the split is rebuilt exactly from its provenance.
 * <p>
 * Build parts with {@link Splits}, which creates the three parts of one split together.
 *
 * @param <T> the output type
 */
public final class SplitDataSource<T extends Output<T>> implements ConfigurableDataSource<T> {

    /** Which part of the split a source yields. */
    public enum Part {
        /** The training part: everything not in the other two. */
        TRAIN,
        /** The validation part. */
        VALIDATION,
        /** The test part. */
        TEST
    }

    @Config(mandatory = true, description = "The source to split.")
    private ConfigurableDataSource<T> source;

    @Config(mandatory = true, description = "Which part this source yields.")
    private Part part;

    @Config(description = "Fraction of the examples in the validation part.")
    private double validationFraction = 0.0;

    @Config(description = "Fraction of the examples in the test part.")
    private double testFraction = 0.0;

    @Config(description = "If true the examples are permuted by the seed before cutting; if false the cut is in file order.")
    private boolean shuffle = true;

    @Config(description = "Seed of the permutation; unused without shuffle.")
    private long seed = 1L;

    private List<Example<T>> examples;
    private int sourceSize;
    private SplitProvenance provenance;

    /** For OLCUT. */
    private SplitDataSource() {
    }

    /**
     * Reads the inner source and keeps one part of it.
     *
     * @param source             the source to split
     * @param part               which part to keep
     * @param validationFraction fraction for the validation part, in [0, 1)
     * @param testFraction       fraction for the test part, in [0, 1)
     * @param shuffle            permute by {@code seed} before cutting, or cut in file order
     * @param seed               the permutation seed
     * @throws IllegalArgumentException if the fractions leave no training data or select nothing
     */
    public SplitDataSource(ConfigurableDataSource<T> source, Part part, double validationFraction,
                           double testFraction, boolean shuffle, long seed) {
        this.source = source;
        this.part = part;
        this.validationFraction = validationFraction;
        this.testFraction = testFraction;
        this.shuffle = shuffle;
        this.seed = seed;
        postConfig();
    }

    /** Reads the inner source and selects the part; called by OLCUT and by the constructor. */
    @Override
    public void postConfig() {
        List<Example<T>> all = new ArrayList<>();
        for (Example<T> e : source) {
            all.add(e);
        }
        int[][] parts = Splits.partition(all.size(), validationFraction, testFraction, shuffle, seed);
        int[] chosen = parts[part.ordinal()];
        List<Example<T>> kept = new ArrayList<>(chosen.length);
        for (int i : chosen) {
            kept.add(all.get(i));
        }
        this.sourceSize = all.size();
        this.examples = Collections.unmodifiableList(kept);
    }

    /** @return the number of examples in this part */
    public int size() {
        return examples.size();
    }

    /** @return the number of examples in the source that was split */
    public int sourceSize() {
        return sourceSize;
    }

    /** @return which part this is */
    public Part part() {
        return part;
    }

    /** @return the source that was split */
    public ConfigurableDataSource<T> source() {
        return source;
    }

    @Override
    public OutputFactory<T> getOutputFactory() {
        return source.getOutputFactory();
    }

    @Override
    public Iterator<Example<T>> iterator() {
        return examples.iterator();
    }

    @Override
    public synchronized DataSourceProvenance getProvenance() {
        if (provenance == null) {
            provenance = new SplitProvenance(this);
        }
        return provenance;
    }

    @Override
    public String toString() {
        return "SplitDataSource(part=" + part + ",validationFraction=" + validationFraction + ",testFraction="
                + testFraction + ",shuffle=" + shuffle + ",seed=" + seed + ",source=" + source + ")";
    }

    /** Provenance of a {@link SplitDataSource}: the inner source's provenance and the split settings. */
    public static final class SplitProvenance extends ZooSourceProvenance implements ConfiguredDataSourceProvenance {
        private static final long serialVersionUID = 1L;
        /** Key of the number of examples in the part. */
        public static final String EXAMPLE_COUNT = "example-count";
        private static final List<String> KEYS = List.of(EXAMPLE_COUNT);

        <T extends Output<T>> SplitProvenance(SplitDataSource<T> host) {
            super(host, List.<PrimitiveProvenance<?>>of(new IntProvenance(EXAMPLE_COUNT, host.examples.size())));
        }

        /**
         * Deserialisation constructor, used by OLCUT.
         *
         * @param map the marshalled provenance
         */
        public SplitProvenance(Map<String, Provenance> map) {
            super(map, KEYS);
        }
    }
}
