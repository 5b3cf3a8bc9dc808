package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import org.tensorflow.types.TFloat32;
import org.tribuozoo.dsl.training.EarlyStopping;

/**
 * The one training loop: epochs of chunks of batches, validation after each epoch, early stopping
 * with Keras's semantics, the best epoch's weights restored when asked, example and time limits,
 * listeners. {@link CompiledNetwork#fit} runs it; every trainer of the project goes through it.
 */
final class TrainingLoop {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class.getName());

    private final CompiledNetwork network;
    private final TrainingData data;
    private final FitOptions options;
    private final long started = System.nanoTime();
    private long trained;

    private TrainingLoop(CompiledNetwork network, TrainingData data, FitOptions options) {
        this.network = network;
        this.data = data;
        this.options = options;
    }

    static TrainingHistory run(CompiledNetwork network, TrainingData data, FitOptions options) {
        return new TrainingLoop(network, data, options).run();
    }

    private TrainingHistory run() {
        int batchSize = options.batchSize();
        int batchesPerEpoch = Math.toIntExact((data.examplesPerEpoch() + batchSize - 1) / batchSize);
        EarlyStopper stopper = new EarlyStopper(options.earlyStopping());
        List<EpochResult> results = new ArrayList<>();
        boolean stopped = false;
        TrainingListener listener = options.listener();
        listener.trainingStarted(network.architecture().name(), options.epochs(), batchesPerEpoch);
        try (TensorCache tensors = new TensorCache()) {
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                EpochSums sums = new EpochSums();
                boolean atLimit = trainEpoch(epoch, batchesPerEpoch, sums, tensors);
                if (sums.examples == 0) {
                    stopped = atLimit;
                    break;
                }
                EpochResult result = new EpochResult(epoch, sums.lossSum / sums.examples,
                        sums.correct / sums.examples, Double.NaN, Double.NaN, network.currentLearningRate(),
                        sums.seconds, Math.toIntExact(sums.examples));
                if (options.validation().isPresent()) {
                    Evaluation v = options.validation().get().evaluate(network);
                    result = new EpochResult(result.epoch(), result.loss(), result.accuracy(), v.loss(), v.accuracy(),
                            result.learningRate(), result.seconds(), result.examples());
                }
                results.add(result);
                EpochResult done = result;
                LOG.info(() -> network.architecture().name() + " " + done);
                listener.epochFinished(result, network);
                boolean goOn = stopper.goOn(result, network);
                if (atLimit || !goOn) {
                    stopped = atLimit || epoch < options.epochs();
                    break;
                }
            }
            if (stopper.best != null && !results.isEmpty()
                    && stopper.bestEpoch != results.get(results.size() - 1).epoch()) {
                network.setWeights(stopper.best);
                LOG.info(() -> "restored the weights of epoch " + stopper.bestEpoch);
            }
        } finally {
            listener.trainingFinished();
        }
        return new TrainingHistory(results, stopped);
    }

    /**
     * Trains the chunks of one epoch into {@code sums}.
     *
     * @return true when a limit ended the epoch before its data did
     */
    private boolean trainEpoch(int epoch, int batchesPerEpoch, EpochSums sums, TensorCache tensors) {
        Iterator<TrainingData.Chunk> chunks = data.epoch(epoch);
        int batchSize = options.batchSize();
        int chunkNumber = 0;
        while (chunks.hasNext()) {
            if (overLimit()) {
                return true;
            }
            TrainingData.Chunk chunk = chunks.next();
            network.checkData(chunk.images(), chunk.targets(), "training");
            int n = chunk.order().length;
            if (options.maxExamples().isPresent()) {
                n = (int) Math.min(n, options.maxExamples().getAsLong() - trained);
            }
            TFloat32 x = tensors.images(chunk.images());
            TFloat32 y = tensors.targets(chunk.targets());
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += batchSize) {
                int k = Math.min(batchSize, n - from);
                float[] lossAndCorrect = network.step(x, y, Arrays.copyOfRange(chunk.order(), from, from + k),
                        chunk.seed());
                if (!Float.isFinite(lossAndCorrect[0])) {
                    throw new TrainingDivergedException(epoch, sums.batches + 1, lossAndCorrect[0]);
                }
                sums.lossSum += (double) lossAndCorrect[0] * k;
                sums.correct += lossAndCorrect[1];
                sums.examples += k;
                sums.batches++;
                options.listener().batchFinished(epoch, sums.batches, batchesPerEpoch, sums.lossSum / sums.examples,
                        sums.correct / sums.examples);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            sums.seconds += seconds;
            trained += n;
            chunkNumber++;
            if (chunkNumber > 1 || chunks.hasNext()) {
                // Streamed epochs can last hours: say how far each chunk got.
                int number = chunkNumber;
                int chunkSize = n;
                LOG.info(() -> String.format(Locale.ROOT, "epoch %d, chunk %d: %,d/%,d examples, epoch loss %.4f "
                                + "accuracy %.4f, %.0f examples/s", epoch, number, sums.examples,
                        data.examplesPerEpoch(), sums.lossSum / sums.examples, sums.correct / sums.examples,
                        chunkSize / seconds));
            }
        }
        return false;
    }

    private boolean overLimit() {
        if (options.maxExamples().isPresent() && trained >= options.maxExamples().getAsLong()) {
            return true;
        }
        return options.maxTime().isPresent()
                && System.nanoTime() - started >= options.maxTime().get().toNanos();
    }

    /** Running figures of the current epoch. */
    private static final class EpochSums {
        long examples;
        double lossSum;
        double correct;
        int batches;
        double seconds;
    }

    /**
     * Keras's EarlyStopping: an epoch improves when the monitored figure beats the best so far by more
     * than {@code minDelta}; training stops once {@code patience} epochs in a row have not improved.
     */
    private static final class EarlyStopper {
        private final Optional<EarlyStopping> rule;
        private double bestValue = Double.NaN;
        private int bestEpoch;
        private int wait;
        private Weights best;

        EarlyStopper(Optional<EarlyStopping> rule) {
            this.rule = rule;
        }

        boolean goOn(EpochResult r, CompiledNetwork network) {
            if (rule.isEmpty()) {
                return true;
            }
            EarlyStopping es = rule.get();
            double value = switch (es.monitor()) {
                case LOSS -> r.loss();
                case ACCURACY -> r.accuracy();
                case VAL_LOSS -> r.validationLoss();
                case VAL_ACCURACY -> r.validationAccuracy();
            };
            double sign = es.monitor().higherIsBetter() ? 1 : -1;
            if (Double.isNaN(bestValue) || sign * (value - bestValue) > es.minDelta()) {
                bestValue = value;
                bestEpoch = r.epoch();
                wait = 0;
                if (es.restoreBestWeights()) {
                    best = network.weights();
                }
                return true;
            }
            wait++;
            if (wait >= es.patience()) {
                LOG.info(() -> String.format(Locale.ROOT,
                        "early stopping after epoch %d: %s has not improved by more than %s since epoch %d",
                        r.epoch(), es.monitor().configName(), es.minDelta(), bestEpoch));
                return false;
            }
            return true;
        }
    }

    /** The native copies of the chunks' data, kept while a source hands out the same arrays again. */
    private static final class TensorCache implements AutoCloseable {
        private Images images;
        private TFloat32 imageTensor;
        private Targets targets;
        private TFloat32 targetTensor;

        TFloat32 images(Images wanted) {
            if (wanted != images) {
                close(imageTensor);
                imageTensor = null;
                imageTensor = CompiledNetwork.toTensor(wanted);
                images = wanted;
            }
            return imageTensor;
        }

        TFloat32 targets(Targets wanted) {
            if (wanted != targets) {
                close(targetTensor);
                targetTensor = null;
                targetTensor = CompiledNetwork.toTensor(wanted);
                targets = wanted;
            }
            return targetTensor;
        }

        private static void close(TFloat32 t) {
            if (t != null) {
                t.close();
            }
        }

        @Override
        public void close() {
            close(imageTensor);
            close(targetTensor);
        }
    }
}
