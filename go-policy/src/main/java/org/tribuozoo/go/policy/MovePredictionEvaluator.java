package org.tribuozoo.go.policy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiFunction;

import org.tribuozoo.go.GoData;
import org.tribuozoo.go.data.Batch;
import org.tribuozoo.go.data.PositionReader;
import org.tribuozoo.go.data.Split;
import org.tribuozoo.go.features.FeaturePlanes;

/**
 * Scores a policy network on every position a reader yields: top-1 and top-5 accuracy, the mean
 * cross-entropy of the move played, and the two baselines of {@link MovePredictionResult} on the
 * same positions. Works on any function from a batch of NHWC planes to probabilities, so a
 * {@code CompiledNetwork} and a loaded {@code ZooModel} are scored by the same code.
 */
public final class MovePredictionEvaluator {

    /** Planes per point. */
    private static final int PLANES = FeaturePlanes.COUNT;
    /** The first of the eight capture-size planes: set exactly on legal moves. */
    private static final int LEGAL_FIRST = FeaturePlanes.CAPTURE_SIZE;
    private static final int TOP = 5;
    /** Positions per predictor call. */
    static final int CHUNK = 1024;

    private MovePredictionEvaluator() {
    }

    /**
     * Evaluates the first positions of a split of a converted folder, read in file order without
     * augmentation, {@value #CHUNK} per predictor call.
     *
     * @param predictor         maps (NHWC planes, all 48, of {@code n} positions, n) to {@code n x 361}
     *                          probabilities in point order
     * @param data              a converted folder
     * @param split             which split (normally the test split)
     * @param maxPositions      at most this many positions (0: the whole split)
     * @param mostFrequentPoint the most frequent training move, for the second baseline
     */
    public static MovePredictionResult evaluate(BiFunction<float[], Integer, float[]> predictor, Path data,
                                                Split split, long maxPositions, int mostFrequentPoint) {
        try (PositionReader reader = GoData.reader(data, split, PositionReader.Options.sequential())) {
            return evaluate(predictor, reader, CHUNK, maxPositions, mostFrequentPoint);
        }
    }

    /**
     * Evaluates the positions of the reader from where it stands to the end of its epoch, or the first
     * {@code maxPositions} of them.
     *
     * @param predictor         maps (NHWC planes of {@code n} positions, n) to {@code n x 361} probabilities
     * @param reader            the positions, normally a test split read sequentially
     * @param chunk             positions per predictor call
     * @param maxPositions      at most this many positions (0: no limit)
     * @param mostFrequentPoint the most frequent training move, for the second baseline
     */
    public static MovePredictionResult evaluate(BiFunction<float[], Integer, float[]> predictor, PositionReader reader,
                                                int chunk, long maxPositions, int mostFrequentPoint) {
        if (maxPositions < 0) {
            throw new IllegalArgumentException("maxPositions must not be negative, got " + maxPositions);
        }
        long limit = maxPositions == 0 ? Long.MAX_VALUE : maxPositions;
        Batch batch = reader.newBatch(chunk);
        Tally tally = new Tally(batch.boardSize() * batch.boardSize(), mostFrequentPoint);
        for (int n = reader.next(batch); n > 0 && tally.positions < limit; n = reader.next(batch)) {
            n = (int) Math.min(n, limit - tally.positions);
            tally.add(batch, n, predictor.apply(inputs(batch, n), n));
        }
        return tally.result();
    }

    /**
     * The predictor's figures alone and averaged over the 8 symmetries ({@link SymmetryEnsemble}), in
     * one pass over the split: the average's identity orientation is the predictor's own output, so
     * each chunk takes 8 predictor calls rather than the 9 of two separate evaluations, and both
     * results are exactly theirs.
     *
     * @param predictor         as {@link #evaluate(BiFunction, Path, Split, long, int)}'s
     * @param data              a converted folder
     * @param split             which split (normally the test split)
     * @param maxPositions      at most this many positions (0: the whole split)
     * @param mostFrequentPoint the most frequent training move, for the second baseline
     * @return the single-orientation result and the symmetry-averaged one
     */
    public static WithSymmetries evaluateWithSymmetries(BiFunction<float[], Integer, float[]> predictor, Path data,
                                                        Split split, long maxPositions, int mostFrequentPoint) {
        if (maxPositions < 0) {
            throw new IllegalArgumentException("maxPositions must not be negative, got " + maxPositions);
        }
        long limit = maxPositions == 0 ? Long.MAX_VALUE : maxPositions;
        try (PositionReader reader = GoData.reader(data, split, PositionReader.Options.sequential())) {
            Batch batch = reader.newBatch(CHUNK);
            int size = batch.boardSize();
            Tally single = new Tally(size * size, mostFrequentPoint);
            Tally averaged = new Tally(size * size, mostFrequentPoint);
            for (int n = reader.next(batch); n > 0 && single.positions < limit; n = reader.next(batch)) {
                n = (int) Math.min(n, limit - single.positions);
                float[] inputs = inputs(batch, n);
                float[] identity = predictor.apply(inputs, n);
                single.add(batch, n, identity);
                averaged.add(batch, n, SymmetryEnsemble.average(predictor, inputs, n, size, PLANES, identity));
            }
            return new WithSymmetries(single.result(), averaged.result());
        }
    }

    /**
     * A policy's figures on one split, alone and averaged over the 8 symmetries.
     *
     * @param single   the network's own orientation
     * @param averaged the average over the 8 symmetries
     */
    public record WithSymmetries(MovePredictionResult single, MovePredictionResult averaged) {
    }

    /** The batch's first {@code n} positions' planes. */
    private static float[] inputs(Batch batch, int n) {
        return n == batch.capacity() ? batch.inputs : Arrays.copyOf(batch.inputs, n * batch.inputsPerPosition());
    }

    /** Running sums of the figures over the positions scored so far. */
    private static final class Tally {
        private final int points;
        private final int mostFrequentPoint;
        long positions;
        private long correct;
        private long top5;
        private long frequentHits;
        private double lossSum;
        private double uniformSum;

        Tally(int points, int mostFrequentPoint) {
            this.points = points;
            this.mostFrequentPoint = mostFrequentPoint;
        }

        void add(Batch batch, int n, float[] probabilities) {
            for (int i = 0; i < n; i++) {
                int target = batch.targets[i];
                int offset = i * points;
                float p = probabilities[offset + target];
                int above = 0;
                for (int q = 0; q < points; q++) {
                    // Ties count against the network: a point only wins when strictly more probable.
                    if (q != target && probabilities[offset + q] >= p) {
                        above++;
                    }
                }
                correct += above == 0 ? 1 : 0;
                top5 += above < TOP ? 1 : 0;
                lossSum += -Math.log(Math.max(p, 1e-30f));
                int legal = legalMoves(batch.inputs, i * batch.inputsPerPosition(), points);
                uniformSum += legal == 0 ? 0 : 1.0 / legal;
                frequentHits += target == mostFrequentPoint ? 1 : 0;
                positions++;
            }
        }

        MovePredictionResult result() {
            return new MovePredictionResult(positions, correct, top5, positions == 0 ? Double.NaN : lossSum / positions,
                    positions == 0 ? Double.NaN : uniformSum / positions, mostFrequentPoint, frequentHits);
        }
    }

    /** Points of one position with any capture-size plane (20-27) set: the legal moves. */
    static int legalMoves(float[] inputs, int base, int points) {
        int legal = 0;
        for (int q = 0; q < points; q++) {
            int o = base + q * PLANES + LEGAL_FIRST;
            for (int k = 0; k < 8; k++) {
                if (inputs[o + k] != 0f) {
                    legal++;
                    break;
                }
            }
        }
        return legal;
    }
}
