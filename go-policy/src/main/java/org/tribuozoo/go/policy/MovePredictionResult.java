package org.tribuozoo.go.policy;

import java.util.Locale;

/**
 * Move-prediction accuracy of a policy network on a set of positions, next to two baselines
 * computed on the very same positions.
 *
 * @param positions          positions evaluated
 * @param correct            positions whose most probable point is the move played
 * @param correctTop5        positions whose move played is among the 5 most probable points
 * @param meanLoss           mean cross-entropy of the move played (natural log)
 * @param uniformLegal       the expected accuracy of guessing uniformly among the legal moves: the
 *                           mean over positions of {@code 1 / #legal}, legal meaning any of planes
 *                           20-27 (capture size 0 .. 7+) is set, the planes' own legality test
 * @param mostFrequentPoint  the point index most often played in the training split
 * @param mostFrequentHits   positions whose move played is that point
 */
public record MovePredictionResult(long positions, long correct, long correctTop5, double meanLoss,
                                   double uniformLegal, int mostFrequentPoint, long mostFrequentHits) {

    /** The network's top-1 accuracy. */
    public double accuracy() {
        return fraction(correct);
    }

    /** The network's top-5 accuracy. */
    public double top5Accuracy() {
        return fraction(correctTop5);
    }

    /** The accuracy of always answering the most frequent training move. */
    public double mostFrequentAccuracy() {
        return fraction(mostFrequentHits);
    }

    private double fraction(long n) {
        return positions == 0 ? Double.NaN : (double) n / positions;
    }

    /** A few printable lines: the accuracy, its top-5 companion, the mean loss and the two baselines. */
    public String summary() {
        return networkSummary() + String.format(Locale.ROOT, "%n"
                        + "baseline: uniform legal   %6.2f%%  (expected accuracy, mean of 1/#legal moves)%n"
                        + "baseline: most frequent   %6.2f%%  (always %s, the most frequent training move)",
                100 * uniformLegal, 100 * mostFrequentAccuracy(), BoardLabels.label(mostFrequentPoint));
    }

    /** The network's three lines of {@link #summary}: accuracy, top-5 accuracy and mean loss. */
    public String networkSummary() {
        return String.format(Locale.ROOT,
                "move-prediction accuracy  %6.2f%%  (%,d of %,d positions)%n"
                        + "top-5 accuracy            %6.2f%%%n"
                        + "mean loss                 %.4f",
                100 * accuracy(), correct, positions, 100 * top5Accuracy(), meanLoss);
    }
}
