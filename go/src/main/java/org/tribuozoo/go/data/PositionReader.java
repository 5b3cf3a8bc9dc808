package org.tribuozoo.go.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.tribuozoo.go.GoDataException;

/**
 * Streams positions back from {@code .gop} shards as {@link Batch}es of floats (NHWC) and int
 * targets, for a training loop. Optionally each position is transformed by one of the 8 board
 * symmetries (chosen at random, seeded, or fixed), and records can be shuffled through a buffer.
 *
 * <p>One pass over the shards is one epoch; {@link #reset()} starts another. Not thread-safe.
 */
public final class PositionReader implements Closeable {

    /**
     * How positions are read.
     *
     * @param randomSymmetry apply a random symmetry (of 8) to each position
     * @param fixedSymmetry  the symmetry to apply when not random (IDENTITY for none)
     * @param shuffleBuffer  records held for shuffling (0: file order)
     * @param seed           seeds symmetry choice and shuffling
     */
    public record Options(boolean randomSymmetry, Symmetry fixedSymmetry, int shuffleBuffer, long seed) {

        /** File order, no augmentation. */
        public static Options sequential() {
            return new Options(false, Symmetry.IDENTITY, 0, 0L);
        }

        /** Random symmetry per position and a shuffle buffer, for training. */
        public static Options training(int shuffleBuffer, long seed) {
            return new Options(true, Symmetry.IDENTITY, shuffleBuffer, seed);
        }

        /** File order with one fixed symmetry, e.g. to average predictions over all 8. */
        public static Options fixed(Symmetry symmetry) {
            return new Options(false, symmetry, 0, 0L);
        }
    }

    /** Float values of the 8 bits of a byte, least significant bit first. */
    private static final float[][] BITS = new float[256][8];

    static {
        for (int b = 0; b < 256; b++) {
            for (int j = 0; j < 8; j++) {
                BITS[b][j] = (b >>> j) & 1;
            }
        }
    }

    private final List<Path> shards;
    private final Options options;
    private final int size;
    private final int recordBytes;
    private final long total;
    private final int[][] symmetryTables = new int[8][];
    private final byte[][] buffer;
    private final byte[] sequentialRecord;
    private SplittableRandom random;
    private int buffered;
    private int shardIndex;
    private DataInputStream in;
    private long leftInShard;

    /**
     * Opens all shards of a split in a converted folder ({@code <split>-*.gop}, in name order).
     *
     * @throws GoDataException when the folder holds no shard of that split or a shard is invalid
     */
    public static PositionReader open(Path dir, String split, Options options) {
        List<Path> shards = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(split + "-") && n.endsWith(ShardFormat.EXTENSION);
            }).sorted().forEach(shards::add);
        } catch (IOException e) {
            throw new GoDataException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (shards.isEmpty()) {
            throw new GoDataException("no " + split + " shards (" + split + "-*" + ShardFormat.EXTENSION + ") in " + dir);
        }
        return new PositionReader(shards, options);
    }

    /**
     * @param shards  shard files, read in this order
     * @param options symmetry, shuffling, seed
     */
    public PositionReader(List<Path> shards, Options options) {
        this.shards = List.copyOf(shards);
        this.options = options;
        int sz = -1;
        long n = 0;
        for (Path p : shards) {
            try (DataInputStream d = new DataInputStream(Files.newInputStream(p))) {
                ShardFormat.Header h = ShardFormat.readHeader(d, p.toString());
                if (sz >= 0 && h.size() != sz) {
                    throw new GoDataException(p + " has board size " + h.size() + ", others " + sz);
                }
                sz = h.size();
                n += h.count();
            } catch (IOException e) {
                throw new GoDataException("cannot read shard " + p + ": " + e.getMessage(), e);
            }
        }
        this.size = sz < 0 ? 19 : sz;
        this.total = n;
        this.recordBytes = ShardFormat.recordBytes(size);
        for (Symmetry s : Symmetry.values()) {
            symmetryTables[s.ordinal()] = s.table(size);
        }
        this.buffer = new byte[Math.max(1, options.shuffleBuffer())][];
        this.sequentialRecord = new byte[recordBytes];
        reset();
    }

    /** @return the number of positions in all shards (one epoch). */
    public long size() {
        return total;
    }

    /** @return the board size. */
    public int boardSize() {
        return size;
    }

    /** @return a batch sized for this reader's board. */
    public Batch newBatch(int capacity) {
        return new Batch(capacity, size);
    }

    /** Rewinds to the first shard for another epoch (shuffling continues from the seeded stream). */
    public void reset() {
        closeShard();
        shardIndex = 0;
        buffered = 0;
        leftInShard = 0;
        if (random == null) {
            random = new SplittableRandom(options.seed());
        }
    }

    /**
     * Moves past whole epochs without reading them, to where reading them would have left the reader:
     * its generator makes the draws reading would have made (a buffer slot and a symmetry per
     * position, which depend on the counts alone), and the reader stands at the start of the epoch
     * after them. For a training run resumed at a later epoch; cheap (no file is read).
     *
     * @param epochs whole epochs to pass
     * @throws IllegalStateException if the reader is not at the start of an epoch
     */
    public void skipEpochs(int epochs) {
        if (shardIndex != 0 || buffered != 0) {
            throw new IllegalStateException("epochs can only be skipped from the start of an epoch");
        }
        boolean shuffled = options.shuffleBuffer() > 1;
        for (int e = 0; e < epochs; e++) {
            for (long i = 0; i < total; i++) {
                if (shuffled) {
                    // The buffer holds min(buffer size, positions left) records when position i is drawn.
                    random.nextInt((int) Math.min(buffer.length, total - i));
                }
                if (options.randomSymmetry()) {
                    random.nextInt(8);
                }
            }
        }
    }

    /**
     * Passes over positions exactly as {@link #next} would (reading them through the shuffle buffer and
     * drawing their symmetries) without decoding them: a resumed run moves to the chunk it stopped at.
     *
     * @return how many positions were passed (fewer at the end of the epoch)
     */
    public long skip(long positions) {
        long n = 0;
        while (n < positions && nextRecord() != null) {
            if (options.randomSymmetry()) {
                random.nextInt(8);
            }
            n++;
        }
        return n;
    }

    /**
     * Fills a batch with the next positions.
     *
     * @return how many positions were filled; 0 at the end of the epoch
     */
    public int next(Batch batch) {
        int perPosition = batch.inputsPerPosition();
        if (batch.boardSize() != size) {
            throw new IllegalArgumentException("batch is for " + batch.boardSize() + "x" + batch.boardSize() + " boards, shards for " + size);
        }
        int n = 0;
        while (n < batch.capacity()) {
            byte[] rec = nextRecord();
            if (rec == null) {
                break;
            }
            int sym = options.randomSymmetry() ? random.nextInt(8) : options.fixedSymmetry().ordinal();
            int target = ((rec[4] & 0xff) << 8) | (rec[5] & 0xff);
            batch.gameIds[n] = ((rec[0] & 0xff) << 24) | ((rec[1] & 0xff) << 16) | ((rec[2] & 0xff) << 8) | (rec[3] & 0xff);
            batch.targets[n] = symmetryTables[sym][target];
            batch.symmetries[n] = sym;
            decode(rec, 6, symmetryTables[sym], batch.inputs, n * perPosition);
            n++;
        }
        batch.count(n);
        return n;
    }

    /** Expands the packed planes of a record into NHWC floats, moving point p to table[p]. */
    private void decode(byte[] rec, int offset, int[] table, float[] out, int base) {
        int points = size * size;
        int k = offset;
        for (int p = 0; p < points; p++) {
            int o = base + table[p] * 48;
            for (int b = 0; b < ShardFormat.BYTES_PER_POINT; b++) {
                System.arraycopy(BITS[rec[k++] & 0xff], 0, out, o + 8 * b, 8);
            }
        }
    }

    /** @return the next raw record through the shuffle buffer, or null at the end. */
    private byte[] nextRecord() {
        if (options.shuffleBuffer() <= 1) {
            return readRecord(sequentialRecord);
        }
        while (buffered < buffer.length) {
            byte[] r = readRecord(null);
            if (r == null) {
                break;
            }
            buffer[buffered++] = r;
        }
        if (buffered == 0) {
            return null;
        }
        int i = random.nextInt(buffered);
        byte[] out = buffer[i];
        byte[] refill = readRecord(null);
        if (refill != null) {
            buffer[i] = refill;
        } else {
            buffer[i] = buffer[--buffered];
            buffer[buffered] = null;
        }
        return out;
    }

    private byte[] readRecord(byte[] reuse) {
        try {
            while (leftInShard == 0) {
                closeShard();
                if (shardIndex >= shards.size()) {
                    return null;
                }
                Path p = shards.get(shardIndex++);
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 20));
                leftInShard = ShardFormat.readHeader(in, p.toString()).count();
            }
            byte[] rec = reuse != null ? reuse : new byte[recordBytes];
            in.readFully(rec);
            leftInShard--;
            return rec;
        } catch (EOFException e) {
            throw new GoDataException("shard " + shards.get(shardIndex - 1) + " is shorter than its header says", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeShard() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            in = null;
        }
    }

    @Override
    public void close() {
        closeShard();
    }
}
