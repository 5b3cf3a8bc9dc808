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

    public ReferenceResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(note, "note");
    }

    public static ReferenceResult accuracy(String dataset, double value) {
        return new ReferenceResult(dataset, "accuracy", value, "");
    }

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
