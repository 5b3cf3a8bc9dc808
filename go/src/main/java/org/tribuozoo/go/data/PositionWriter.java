package org.tribuozoo.go.data;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes positions of one split ({@code train}, {@code validation}, {@code test}) as bit-packed
 * shards {@code <split>-00000.gop}, {@code <split>-00001.gop}, ... of at most
 * {@code shardPositions} records each, in the {@link ShardFormat} layout.
 */
public final class PositionWriter implements Closeable {

    private final Path dir;
    private final String split;
    private final int size;
    private final long shardPositions;
    private final byte[] record;
    private final List<Path> shards = new ArrayList<>();
    private final long[] targetCounts;

    private DataOutputStream out;
    private Path current;
    private long inShard;
    private long written;

    /**
     * @param dir            the output folder (must exist)
     * @param split          the file-name prefix
     * @param size           the board size
     * @param shardPositions records per shard before a new one is started
     */
    public PositionWriter(Path dir, String split, int size, long shardPositions) {
        if (shardPositions < 1) {
            throw new IllegalArgumentException("shardPositions must be positive");
        }
        this.dir = dir;
        this.split = split;
        this.size = size;
        this.shardPositions = shardPositions;
        this.record = new byte[size * size * ShardFormat.BYTES_PER_POINT];
        this.targetCounts = new long[size * size];
    }

    /**
     * How often each point was the target of the positions written so far.
     *
     * @return a copy, one count per point index
     */
    public long[] targetCounts() {
        return targetCounts.clone();
    }

    /**
     * Appends one position.
     *
     * @param gameId the game it comes from
     * @param target the point index of the move played
     * @param planes one 48-bit plane mask per point, as {@code FeaturePlanes.compute} writes them
     */
    public void write(int gameId, int target, long[] planes) throws IOException {
        write(gameId, target, planes, 0);
    }

    /** Appends one position whose planes are {@code planes[offset .. offset + size * size)}. */
    public void write(int gameId, int target, long[] planes, int offset) throws IOException {
        if (target < 0 || target >= size * size) {
            throw new IllegalArgumentException("target " + target + " is not a point");
        }
        if (out == null || inShard == shardPositions) {
            startShard();
        }
        int points = size * size;
        int k = 0;
        for (int p = 0; p < points; p++) {
            long bits = planes[offset + p];
            for (int b = 0; b < ShardFormat.BYTES_PER_POINT; b++) {
                record[k++] = (byte) (bits >>> (8 * b));
            }
        }
        out.writeInt(gameId);
        out.writeShort(target);
        out.write(record);
        targetCounts[target]++;
        inShard++;
        written++;
    }

    /** @return positions written so far. */
    public long written() {
        return written;
    }

    /** @return the shard files started so far. */
    public List<Path> shards() {
        return List.copyOf(shards);
    }

    private void startShard() throws IOException {
        finishShard();
        current = dir.resolve(String.format("%s-%05d%s", split, shards.size(), ShardFormat.EXTENSION));
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(current), 1 << 20));
        out.write(ShardFormat.MAGIC);
        out.writeInt(ShardFormat.VERSION);
        out.writeInt(size);
        out.writeInt(48);
        out.writeLong(0L); // patched with the record count when the shard is finished
        out.writeInt(0);
        shards.add(current);
        inShard = 0;
    }

    private void finishShard() throws IOException {
        if (out == null) {
            return;
        }
        out.close();
        out = null;
        try (RandomAccessFile raf = new RandomAccessFile(current.toFile(), "rw")) {
            raf.seek(ShardFormat.MAGIC.length + 12);
            raf.writeLong(inShard);
        }
    }

    @Override
    public void close() throws IOException {
        finishShard();
    }
}
