package org.tribuozoo.tribuo.data;

import org.tribuo.ConfigurableDataSource;
import org.tribuo.Dataset;
import org.tribuo.Output;
import org.tribuo.dataset.DatasetView;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic train/validation/test splits.
 * <p>
 * Two rules, both reproducible:
 * <ul>
 *   <li>{@link #lastFraction}: the last fraction F of the examples, in file order, is the test
 *   part (the command line's {@code --test-split F}); e.g. 0.2 of MNIST's t10k file keeps the
 *   first 8,000 images for training and the last 2,000 for testing.</li>
 *   <li>{@link #seeded}: examples are permuted by a seed, then cut; the same seed always gives
 *   the same parts.</li>
 * </ul>
 * Part sizes are {@code round(n * fraction)}; the training part gets the rest. Inside each part
 * examples stay in file order. Source splits return {@link SplitDataSource}s whose provenance
 * rebuilds them; {@link #holdOut} splits an in-memory {@link Dataset} into Tribuo
 * {@link DatasetView}s by the same rule, for a validation split inside a trainer.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * The three parts of one split. A part whose fraction was 0 is empty.
     *
     * @param train      the training part
     * @param validation the validation part
     * @param test       the test part
     * @param <T>        the output type
     */
    public record Parts<T extends Output<T>>(SplitDataSource<T> train, SplitDataSource<T> validation,
                                             SplitDataSource<T> test) {
    }

    /**
     * A dataset split into training and held-out views.
     *
     * @param train   the training view
     * @param heldOut the held-out view
     * @param <T>     the output type
     */
    public record Views<T extends Output<T>>(DatasetView<T> train, DatasetView<T> heldOut) {
    }

    /**
     * Keeps the last {@code testFraction} of the examples, in file order, as the test part.
     *
     * @param source       the source
     * @param testFraction in (0, 1)
     * @param <T>          the output type
     * @return the parts; validation is empty
     */
    public static <T extends Output<T>> Parts<T> lastFraction(ConfigurableDataSource<T> source, double testFraction) {
        return split(source, 0.0, testFraction, false, 0L);
    }

    /**
     * Permutes the examples by {@code seed}, then cuts validation and test parts.
     *
     * @param source             the source
     * @param validationFraction in [0, 1)
     * @param testFraction       in [0, 1)
     * @param seed               the permutation seed
     * @param <T>                the output type
     * @return the parts
     */
    public static <T extends Output<T>> Parts<T> seeded(ConfigurableDataSource<T> source, double validationFraction,
                                                        double testFraction, long seed) {
        return split(source, validationFraction, testFraction, true, seed);
    }

    private static <T extends Output<T>> Parts<T> split(ConfigurableDataSource<T> source, double validationFraction,
                                                       double testFraction, boolean shuffle, long seed) {
        return new Parts<>(
                new SplitDataSource<>(source, SplitDataSource.Part.TRAIN, validationFraction, testFraction, shuffle, seed),
                new SplitDataSource<>(source, SplitDataSource.Part.VALIDATION, validationFraction, testFraction, shuffle, seed),
                new SplitDataSource<>(source, SplitDataSource.Part.TEST, validationFraction, testFraction, shuffle, seed));
    }

    /**
     * Splits a dataset into training and held-out views, for a validation split inside a trainer.
     *
     * @param dataset  the dataset
     * @param fraction the held-out fraction, in (0, 1)
     * @param shuffle  permute by {@code seed} first, or hold out the last examples
     * @param seed     the permutation seed
     * @param <T>      the output type
     * @return the views; their indices refer to {@code dataset}
     */
    public static <T extends Output<T>> Views<T> holdOut(Dataset<T> dataset, double fraction, boolean shuffle, long seed) {
        int[][] parts = partition(dataset.size(), 0.0, fraction, shuffle, seed);
        return new Views<>(new DatasetView<>(dataset, parts[0], "train"),
                new DatasetView<>(dataset, parts[2], "held-out"));
    }

    /**
     * The index sets of a split of {@code n} examples; the rule behind every method here.
     * <p>
     * With {@code shuffle}, indices are permuted by a Fisher-Yates shuffle driven by
     * {@code new SplittableRandom(seed)}; the test part takes the last {@code round(n * testFraction)}
     * positions of that order, validation the {@code round(n * validationFraction)} before them, and
     * training the rest. Without {@code shuffle} the order is 0..n-1. Each returned set is sorted.
     *
     * @param n                  the number of examples
     * @param validationFraction in [0, 1)
     * @param testFraction       in [0, 1)
     * @param shuffle            permute first
     * @param seed               the permutation seed
     * @return {@code {train, validation, test}} index arrays, each ascending
     * @throws IllegalArgumentException if a fraction is out of range, a positive fraction selects
     *                                  nothing, or nothing is left for training
     */
    public static int[][] partition(int n, double validationFraction, double testFraction, boolean shuffle, long seed) {
        checkFraction("validation", validationFraction);
        checkFraction("test", testFraction);
        int nTest = (int) Math.round(n * testFraction);
        int nValidation = (int) Math.round(n * validationFraction);
        if (testFraction > 0 && nTest == 0) {
            throw new IllegalArgumentException("test fraction " + testFraction + " of " + n + " examples selects none");
        }
        if (validationFraction > 0 && nValidation == 0) {
            throw new IllegalArgumentException("validation fraction " + validationFraction + " of " + n
                    + " examples selects none");
        }
        int nTrain = n - nTest - nValidation;
        if (nTrain < 1) {
            throw new IllegalArgumentException("validation fraction " + validationFraction + " and test fraction "
                    + testFraction + " leave no training data out of " + n + " examples");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        int[] train = Arrays.copyOfRange(order, 0, nTrain);
        int[] validation = Arrays.copyOfRange(order, nTrain, nTrain + nValidation);
        int[] test = Arrays.copyOfRange(order, nTrain + nValidation, n);
        Arrays.sort(train);
        Arrays.sort(validation);
        Arrays.sort(test);
        return new int[][] {train, validation, test};
    }

    private static void checkFraction(String name, double fraction) {
        if (!(fraction >= 0.0 && fraction < 1.0)) {
            throw new IllegalArgumentException(name + " fraction must be in [0, 1), got " + fraction);
        }
    }
}
