package org.tribuozoo.zoo;

import java.util.Locale;
import java.util.Objects;

/**
 * A published result for a zoo entry's reference recipe.
 *
 * @param dataset the dataset, for example {@code MNIST test}
 * @param metric  the metric, for example {@code accuracy}
 * @param value   the value, a fraction for accuracies (0.9910 for 99.10%)
 * @param note    anything else the reference reports (may be empty)
 */
public record ReferenceResult(String dataset, String metric, double value, String note) {

    /**
     * Checks that no text is null.
     *
     * @param dataset the dataset, for example {@code MNIST test}
     * @param metric  the metric, for example {@code accuracy}
     * @param value   the value, a fraction for accuracies (0.9910 for 99.10%)
     * @param note    anything else the reference reports; empty for nothing
     * @throws NullPointerException if the dataset, metric or note is null
     */
    public ReferenceResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(note, "note");
    }

    /**
     * An accuracy without a note.
     *
     * @param dataset the dataset, for example {@code MNIST test}
     * @param value   the accuracy as a fraction, 0.9910 for 99.10%
     * @return the result
     * @throws NullPointerException if the dataset is null
     */
    public static ReferenceResult accuracy(String dataset, double value) {
        return new ReferenceResult(dataset, "accuracy", value, "");
    }

    /**
     * The same result with a note, replacing any earlier one.
     *
     * @param n what else the reference reports, for example the number of epochs it took; not null
     * @return the changed result
     */
    public ReferenceResult withNote(String n) {
        return new ReferenceResult(dataset, metric, value, n);
    }

    @Override
    public String toString() {
        String v = metric.contains("accuracy") ? String.format(Locale.ROOT, "%.2f%%", value * 100)
                : String.format(Locale.ROOT, "%.4f", value);
        return dataset + " " + metric + " " + v + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
