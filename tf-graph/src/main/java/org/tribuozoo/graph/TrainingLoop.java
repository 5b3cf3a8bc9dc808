package org.tribuozoo.graph;

import java.time.Duration;
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
 * listeners, checkpoints. {@link CompiledNetwork#fit} runs it, {@link CompiledNetwork#resume}
 * continues it from a checkpoint; every trainer of the project goes through it.
 */
final class TrainingLoop {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class.getName());

    private final CompiledNetwork network;
    private final TrainingData data;
    private final FitOptions options;
    private final EarlyStopper stopper;
    private final List<EpochResult> results = new ArrayList<>();
    /** When the run began, on this process's clock (earlier than now by a resumed run's elapsed time). */
    private final long started;
    private long trained;
    private long lastCheckpoint = System.nanoTime();

    private TrainingLoop(CompiledNetwork network, TrainingData data, FitOptions options, TrainingCheckpoint from) {
        this.network = network;
        this.data = data;
        this.options = options;
        this.stopper = new EarlyStopper(options.earlyStopping(),
                from == null ? TrainingCheckpoint.EarlyStoppingState.START : from.earlyStopping());
        this.started = System.nanoTime() - (from == null ? 0 : from.elapsed().toNanos());
        if (from != null) {
            results.addAll(from.history());
            trained = from.examplesTrained();
        }
    }

    /**
     * Trains.
     *
     * @param from the checkpoint to continue from, whose weights and optimizer state the network
     *             already holds; null for a new run
     */
    static TrainingHistory run(CompiledNetwork network, TrainingData data, FitOptions options,
                               TrainingCheckpoint from) {
        return new TrainingLoop(network, data, options, from).run(from);
    }

    private TrainingHistory run(TrainingCheckpoint from) {
        int batchSize = options.batchSize();
        int batchesPerEpoch = Math.toIntExact((data.examplesPerEpoch() + batchSize - 1) / batchSize);
        int firstEpoch = from == null ? 1 : from.epoch();
        boolean finished = from != null && from.finished();
        boolean stopped = from != null && from.stoppedEarly();
        TrainingListener listener = options.listener();
        listener.trainingStarted(network.architecture().name(), options.epochs(), batchesPerEpoch);
        try (TensorCache tensors = new TensorCache()) {
            for (int epoch = firstEpoch; !finished && epoch <= options.epochs(); epoch++) {
                boolean resumed = from != null && epoch == from.epoch();
                EpochSums sums = resumed ? EpochSums.of(from.progress()) : new EpochSums();
                boolean atLimit = trainEpoch(epoch, resumed ? from.chunksDone() : 0, batchesPerEpoch, sums, tensors);
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
                finished = atLimit || !goOn || epoch == options.epochs();
                stopped = (atLimit || !goOn) && (atLimit || epoch < options.epochs());
                // After the listener (which may change the learning rate) and early stopping.
                checkpoint(epoch + 1, 0, new EpochSums(), finished, stopped);
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
     * @param chunksDone chunks of the epoch trained before a resumed run began
     * @return true when a limit ended the epoch before its data did
     */
    private boolean trainEpoch(int epoch, int chunksDone, int batchesPerEpoch, EpochSums sums, TensorCache tensors) {
        Iterator<TrainingData.Chunk> chunks = chunksDone == 0 ? data.epoch(epoch) : data.epochFrom(epoch, chunksDone);
        int batchSize = options.batchSize();
        int chunkNumber = chunksDone;
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
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += batchSize) {
                int k = Math.min(batchSize, n - from);
                float[] lossAndCorrect = network.step(chunk, tensors, Arrays.copyOfRange(chunk.order(), from,
                        from + k));
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
            boolean more = chunks.hasNext();
            if (chunkNumber > 1 || more) {
                // Streamed epochs can last hours: say how far each chunk got.
                int number = chunkNumber;
                int chunkSize = n;
                LOG.info(() -> String.format(Locale.ROOT, "epoch %d, chunk %d: %,d/%,d examples, epoch loss %.4f "
                                + "accuracy %.4f, %.0f examples/s", epoch, number, sums.examples,
                        data.examplesPerEpoch(), sums.lossSum / sums.examples, sums.correct / sums.examples,
                        chunkSize / seconds));
            }
            if (more && checkpointDue()) {
                checkpoint(epoch, chunkNumber, sums, false, false);
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

    private boolean checkpointDue() {
        return options.checkpointInterval().isPresent()
                && System.nanoTime() - lastCheckpoint >= options.checkpointInterval().get().toNanos();
    }

    /** Hands the run's state to the checkpoint writer, if there is one. */
    private void checkpoint(int epoch, int chunksDone, EpochSums sums, boolean finished, boolean stoppedEarly) {
        if (options.checkpoints().isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        TrainingCheckpoint c = new TrainingCheckpoint(epoch, chunksDone, sums.progress(), network.weights(),
                network.optimizerState(), network.learningRate(), results, stopper.state(), trained,
                Duration.ofNanos(t0 - started), finished, stoppedEarly);
        options.checkpoints().get().write(c);
        lastCheckpoint = System.nanoTime();
        LOG.fine(() -> String.format(Locale.ROOT, "checkpoint at epoch %d, chunk %d written in %.2f s", epoch,
                chunksDone, (lastCheckpoint - t0) / 1e9));
    }

    /** Running figures of the current epoch. */
    private static final class EpochSums {
        long examples;
        double lossSum;
        double correct;
        int batches;
        double seconds;

        static EpochSums of(TrainingCheckpoint.EpochProgress p) {
            EpochSums s = new EpochSums();
            s.examples = p.examples();
            s.lossSum = p.lossSum();
            s.correct = p.correct();
            s.batches = p.batches();
            s.seconds = p.seconds();
            return s;
        }

        TrainingCheckpoint.EpochProgress progress() {
            return new TrainingCheckpoint.EpochProgress(examples, lossSum, correct, batches, seconds);
        }
    }

    /**
     * Keras's EarlyStopping: an epoch improves when the monitored figure beats the best so far by more
     * than {@code minDelta}; training stops once {@code patience} epochs in a row have not improved.
     */
    private static final class EarlyStopper {
        private final Optional<EarlyStopping> rule;
        private double bestValue;
        private int bestEpoch;
        private int wait;
        private Weights best;

        EarlyStopper(Optional<EarlyStopping> rule, TrainingCheckpoint.EarlyStoppingState state) {
            this.rule = rule;
            this.bestValue = state.bestValue();
            this.bestEpoch = state.bestEpoch();
            this.wait = state.epochsWithoutImprovement();
            this.best = state.bestWeights().orElse(null);
        }

        TrainingCheckpoint.EarlyStoppingState state() {
            return new TrainingCheckpoint.EarlyStoppingState(bestValue, bestEpoch, wait, Optional.ofNullable(best));
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
    static final class TensorCache implements AutoCloseable {
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
