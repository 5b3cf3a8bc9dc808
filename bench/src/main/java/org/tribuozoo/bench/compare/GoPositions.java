package org.tribuozoo.bench.compare;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.Targets;

/**
 * Synthetic Go positions for the {@code alphago-policy-K} throughput workload: 19x19 boards of 48
 * feature planes, each value 0 or 1, and a target point each, drawn from a seed. Throughput does not
 * depend on the values, and a file lets every framework train on the same batches in the same order.
 *
 * <p>The file: four big-endian ints (count, 19, 19, 48), then {@code count x 19 x 19 x 48} bytes of
 * planes in (position, row, column, plane) order, then {@code count} big-endian ints, the targets
 * (row x 19 + column). {@code bench/pytorch/alphago_policy_bench.py} reads the same format.
 *
 * @param planes  the planes, NHWC
 * @param targets one point per position, in [0, 361)
 */
public record GoPositions(byte[] planes, int[] targets) {

    /** Board side. */
    public static final int SIZE = 19;
    /** Feature planes per point. */
    public static final int PLANES = 48;
    /** Points on the board, the classes. */
    public static final int POINTS = SIZE * SIZE;

    /** {@code count} positions drawn from {@code seed}. */
    public static GoPositions random(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] planes = new byte[Math.multiplyExact(count, POINTS * PLANES)];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (byte) random.nextInt(2);
        }
        int[] targets = new int[count];
        for (int i = 0; i < count; i++) {
            targets[i] = random.nextInt(POINTS);
        }
        return new GoPositions(planes, targets);
    }

    /** Writes the positions in the format above. */
    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int v : new int[] {targets.length, SIZE, SIZE, PLANES}) {
                out.writeInt(v);
            }
            out.write(planes);
            for (int t : targets) {
                out.writeInt(t);
            }
        }
    }

    /** Reads a file {@link #write} wrote. */
    public static GoPositions read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            if (in.readInt() != SIZE || in.readInt() != SIZE || in.readInt() != PLANES) {
                throw new IOException(file + " does not hold 19x19x48 positions");
            }
            byte[] planes = new byte[Math.multiplyExact(count, POINTS * PLANES)];
            in.readFully(planes);
            int[] targets = new int[count];
            for (int i = 0; i < count; i++) {
                targets[i] = in.readInt();
            }
            return new GoPositions(planes, targets);
        }
    }

    /** The planes as the network's input. */
    public Images images() {
        float[] values = new float[planes.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = planes[i];
        }
        return Images.of(values, targets.length, SIZE, SIZE, PLANES);
    }

    /** The target points as classes. */
    public Targets classes() {
        return Targets.classes(targets, POINTS);
    }
}
