package org.tribuozoo.tribuo;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuozoo.graph.TrainingCheckpoint;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.protos.CheckpointProtos.EarlyStoppingState;
import org.tribuozoo.tribuo.protos.CheckpointProtos.EpochProgress;
import org.tribuozoo.tribuo.protos.CheckpointProtos.TrainingCheckpointData;

import java.time.Duration;
import java.util.Optional;

/**
 * The protobuf form of a checkpoint file: a {@link TrainingCheckpointData} message
 * ({@code src/main/proto/tribuozoo/checkpoint.proto}) holding a {@link TrainingCheckpoint} and the key
 * of the run it belongs to. Tensors, history and optimizer state are the model file's messages
 * ({@link ZooModelFormat}), so the two formats store them alike.
 *
 * <p>Protobuf rather than a format of tf-graph's own: the schema is written down in a {@code .proto}
 * file, evolves by field numbers as the model file's does, and shares the model file's tensor and
 * optimizer messages (a model file can carry the same optimizer state).
 */
final class CheckpointFormat {

    /** Written into every checkpoint. */
    static final String FORMAT = "tribuo-zoo-checkpoint";
    /** The current format version; a reader refuses a higher one. */
    static final int VERSION = 1;

    private CheckpointFormat() {
    }

    /**
     * A checkpoint and the run it belongs to.
     *
     * @param runKey     what decides the run (see {@link CheckpointFolder#fit})
     * @param checkpoint where the run was
     */
    record Stored(String runKey, TrainingCheckpoint checkpoint) {
    }

    static TrainingCheckpointData toProto(String runKey, TrainingCheckpoint c) {
        TrainingCheckpointData.Builder b = TrainingCheckpointData.newBuilder()
                .setFormat(FORMAT).setVersion(VERSION).setRunKey(runKey)
                .setEpoch(c.epoch()).setChunksDone(c.chunksDone())
                .setProgress(EpochProgress.newBuilder().setExamples(c.progress().examples())
                        .setLossSum(c.progress().lossSum()).setCorrect(c.progress().correct())
                        .setBatches(c.progress().batches()).setSeconds(c.progress().seconds()))
                .setOptimizer(ZooModelFormat.optimizerState(c.optimizer()))
                .setLearningRate(c.learningRate())
                .setExamplesTrained(c.examplesTrained()).setElapsedNanos(c.elapsed().toNanos())
                .setFinished(c.finished()).setStoppedEarly(c.stoppedEarly());
        c.weights().asMap().forEach((key, t) -> b.addWeights(ZooModelFormat.tensor(key, t)));
        c.history().forEach(r -> b.addHistory(ZooModelFormat.epoch(r)));
        TrainingCheckpoint.EarlyStoppingState es = c.earlyStopping();
        EarlyStoppingState.Builder eb = EarlyStoppingState.newBuilder().setBestValue(es.bestValue())
                .setBestEpoch(es.bestEpoch()).setEpochsWithoutImprovement(es.epochsWithoutImprovement())
                .setHasBestWeights(es.bestWeights().isPresent());
        es.bestWeights().ifPresent(w -> w.asMap().forEach((key, t) -> eb.addBestWeights(ZooModelFormat.tensor(key, t))));
        return b.setEarlyStopping(eb).build();
    }

    /**
     * @throws InvalidProtocolBufferException if the message is not a whole, consistent checkpoint of a
     *                                        version this build reads
     */
    static Stored fromProto(TrainingCheckpointData m) throws InvalidProtocolBufferException {
        if (!m.getFormat().equals(FORMAT)) {
            throw new InvalidProtocolBufferException("not a tribuo-zoo checkpoint");
        }
        if (m.getVersion() < 1 || m.getVersion() > VERSION) {
            throw new InvalidProtocolBufferException("checkpoint format version " + m.getVersion()
                    + ", this build reads 1 to " + VERSION);
        }
        EarlyStoppingState es = m.getEarlyStopping();
        Optional<Weights> best = es.getHasBestWeights()
                ? Optional.of(ZooModelFormat.weights(es.getBestWeightsList())) : Optional.empty();
        try {
            return new Stored(m.getRunKey(), new TrainingCheckpoint(m.getEpoch(), m.getChunksDone(),
                    new TrainingCheckpoint.EpochProgress(m.getProgress().getExamples(), m.getProgress().getLossSum(),
                            m.getProgress().getCorrect(), m.getProgress().getBatches(), m.getProgress().getSeconds()),
                    ZooModelFormat.weights(m.getWeightsList()), ZooModelFormat.optimizerState(m.getOptimizer()),
                    m.getLearningRate(), ZooModelFormat.epochs(m.getHistoryList()),
                    new TrainingCheckpoint.EarlyStoppingState(es.getBestValue(), es.getBestEpoch(),
                            es.getEpochsWithoutImprovement(), best),
                    m.getExamplesTrained(), Duration.ofNanos(m.getElapsedNanos()), m.getFinished(),
                    m.getStoppedEarly()));
        } catch (IllegalArgumentException e) {
            throw new InvalidProtocolBufferException("an inconsistent checkpoint: " + e.getMessage());
        }
    }
}
