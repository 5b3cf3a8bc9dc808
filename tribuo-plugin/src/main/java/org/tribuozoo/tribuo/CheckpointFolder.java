package org.tribuozoo.tribuo;

import com.google.protobuf.CodedInputStream;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.tribuozoo.graph.CheckpointWriter;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.FitOptions;
import org.tribuozoo.graph.TrainingCheckpoint;
import org.tribuozoo.graph.TrainingData;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.protos.CheckpointProtos.TrainingCheckpointData;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * A folder that keeps a training run's latest checkpoint (one file, {@value #FILE_NAME}), so that a
 * run killed at any moment can be continued from its last finished epoch, bit for bit as if it had
 * never stopped: {@link ZooTrainer#withCheckpoints} and the Go policy trainer train through
 * {@link #fit}, which continues the run the folder holds, or starts it.
 *
 * <pre>{@code
 * ZooTrainer trainer = ZooTrainer.builder("lenet5").epochs(30).seed(1).build()
 *         .withCheckpoints(CheckpointFolder.of(Path.of("lenet5-checkpoints")));
 * ZooModel model = trainer.train(mnist);   // killed in epoch 12? the same call again continues from epoch 12
 * }</pre>
 *
 * <p>A checkpoint is written after every epoch (and, with {@link #every}, between the chunks of a long
 * streamed epoch) into a temporary file that is forced to disk and renamed over the last one, so the
 * folder always holds one whole checkpoint: a kill loses at most the work since it. It holds the
 * weights, the optimizer's step counter and slots, the learning rate, early stopping's state with
 * the best weights, the history and the position in the data (epoch and chunk: the data replay their
 * order from their seeds). It also holds a key of the run (a digest of the configuration, the data
 * and the starting weights), and a checkpoint of another run is refused rather than continued. The
 * format is protobuf, {@code src/main/proto/tribuozoo/checkpoint.proto}; no Java serialization.
 *
 * <p>The checkpoint stays after training ends (so that calling the same training again returns the
 * same result at once, by training nothing); {@link #delete} removes it.
 */
public final class CheckpointFolder {

    private static final Logger LOG = Logger.getLogger(CheckpointFolder.class.getName());

    /** The checkpoint's file name in the folder. */
    public static final String FILE_NAME = "checkpoint.pb";
    private static final String TEMPORARY = FILE_NAME + ".tmp";

    private final Path folder;
    private final Duration interval;

    private CheckpointFolder(Path folder, Duration interval) {
        this.folder = folder;
        this.interval = interval;
    }

    /**
     * Checkpoints after every epoch in a folder (created when the first is written).
     *
     * @param folder the folder; it may hold the checkpoint of an earlier, interrupted run
     * @return the checkpoint folder, without checkpoints within an epoch
     * @throws NullPointerException if {@code folder} is null
     */
    public static CheckpointFolder of(Path folder) {
        return new CheckpointFolder(Objects.requireNonNull(folder, "folder"), null);
    }

    /**
     * The same folder, also checkpointing between two chunks of an epoch once {@code interval} has
     * passed since the last checkpoint: for streamed data, whose epochs can last hours (data held in
     * memory train an epoch as one chunk).
     *
     * @param value the least time between two checkpoints; zero for one after every chunk
     * @return a checkpoint folder of the same folder with the interval set
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public CheckpointFolder every(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("the checkpoint interval must not be negative, got " + value);
        }
        return new CheckpointFolder(folder, value);
    }

    /**
     * The folder the checkpoint is kept in.
     *
     * @return the folder as given; it need not exist yet
     */
    public Path folder() {
        return folder;
    }

    /**
     * The checkpoint file.
     *
     * @return {@value #FILE_NAME} in the folder; it need not exist
     */
    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    /**
     * The interval of checkpoints within an epoch, if any.
     *
     * @return the interval set with {@link #every}; empty for checkpoints after epochs only
     */
    public Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    /**
     * Whether a folder holds a checkpoint.
     *
     * @param folder any folder; one that does not exist holds none
     * @return true when the folder has a {@value #FILE_NAME} file (its content is not checked)
     */
    public static boolean holdsCheckpoint(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE_NAME));
    }

    /**
     * The checkpoint in the folder, whatever run it belongs to.
     *
     * @return the checkpoint; empty when the folder holds none
     * @throws IllegalArgumentException if the file is not a readable checkpoint
     */
    public Optional<TrainingCheckpoint> latest() {
        return read().map(CheckpointFormat.Stored::checkpoint);
    }

    /**
     * Trains as {@link CompiledNetwork#fit} does with a checkpoint after every epoch in this folder, or,
     * when the folder holds a checkpoint of this run, continues from it ({@link CompiledNetwork#resume}).
     *
     * @param network a network compiled as the run's was (its starting weights are replaced when the run
     *                continues)
     * @param data    the run's data (a new source: it replays its order to the checkpoint)
     * @param options the run's options; the checkpoints are added to them
     * @param runKey  what decides the run, bit for bit: a digest ({@link RunKey}) of everything that
     *                makes two runs train alike (configuration, data, starting weights)
     * @return the whole run's history
     * @throws IllegalArgumentException if the folder holds an unreadable checkpoint or one of another run
     * @throws UncheckedIOException     if a checkpoint cannot be written
     */
    public TrainingHistory fit(CompiledNetwork network, TrainingData data, FitOptions options, String runKey) {
        Objects.requireNonNull(runKey, "runKey");
        CheckpointWriter writer = c -> write(runKey, c);
        FitOptions checkpointed = interval == null ? options.withCheckpoints(writer)
                : options.withCheckpoints(writer, interval);
        Optional<CheckpointFormat.Stored> stored = read();
        if (stored.isEmpty()) {
            return network.fit(data, checkpointed);
        }
        if (!stored.get().runKey().equals(runKey)) {
            throw new IllegalArgumentException("checkpoint " + file() + " belongs to another run (another "
                    + "configuration, other data or other starting weights); delete it to start this run afresh");
        }
        TrainingCheckpoint c = stored.get().checkpoint();
        LOG.info(() -> "continuing " + network.architecture().name() + " from its checkpoint " + c.position());
        return network.resume(data, checkpointed, c);
    }

    /** Deletes the checkpoint (and a temporary file a kill left), if there is one. */
    public void delete() {
        try {
            Files.deleteIfExists(folder.resolve(TEMPORARY));
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint " + file() + ": " + e.getMessage(), e);
        }
    }

    /** Writes a checkpoint atomically: a forced temporary file renamed over the last checkpoint. */
    void write(String runKey, TrainingCheckpoint checkpoint) {
        Path temporary = folder.resolve(TEMPORARY);
        try {
            Files.createDirectories(folder);
            TrainingCheckpointData message = CheckpointFormat.toProto(runKey, checkpoint);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                message.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException if the file is not a readable checkpoint
     */
    Optional<CheckpointFormat.Stored> read() {
        Path file = file();
        TrainingCheckpointData message;
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            message = TrainingCheckpointData.parseFrom(coded);
            return Optional.of(CheckpointFormat.fromProto(message));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is not a readable tribuo-zoo checkpoint "
                    + "(corrupt, truncated or of another format): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CheckpointFolder(" + folder + (interval == null ? "" : ", every " + interval) + ")";
    }

    /**
     * A run's key: a SHA-256 over everything given, each part told apart from the next, so that two
     * runs get the same key only when they train alike.
     */
    public static final class RunKey {
        private final MessageDigest sha = ProvenanceUtil.HashType.SHA256.getDigest();

        /**
         * Adds a description: a configuration's text, a name.
         *
         * @param part the text, hashed as UTF-8 after its length
         * @return this key
         */
        public RunKey add(String part) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha.update(bytes);
            return this;
        }

        /**
         * Adds values bit for bit.
         *
         * @param values the values, hashed after their count
         * @return this key
         */
        public RunKey add(float[] values) {
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(values.length).array());
            ByteBuffer buffer = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < values.length; from += 4096) {
                int n = Math.min(4096, values.length - from);
                buffer.clear();
                buffer.asFloatBuffer().put(values, from, n);
                sha.update(buffer.array(), 0, 4 * n);
            }
            return this;
        }

        /**
         * Adds weights bit for bit, in key order.
         *
         * @param weights the weights; each key, shape and values are hashed, keys sorted
         * @return this key
         */
        public RunKey add(Weights weights) {
            for (String key : new TreeSet<>(weights.keys())) {
                add(key).add(weights.tensor(key).shape().toString()).add(weights.values(key));
            }
            return this;
        }

        /**
         * The key, as hexadecimal. Ends the key: call it once.
         *
         * @return the SHA-256 of everything added, 64 hexadecimal digits
         */
        public String digest() {
            return ProvenanceUtil.bytesToHexString(sha.digest());
        }
    }
}
