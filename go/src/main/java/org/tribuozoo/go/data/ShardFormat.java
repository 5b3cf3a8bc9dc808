package org.tribuozoo.go.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The layout of a position shard file ({@code .gop}).
 *
 * <pre>
 * header, 32 bytes, big-endian:
 *   8 bytes  magic "GOPLANES"
 *   int      format version (1)
 *   int      board size (19)
 *   int      planes per point (48)
 *   long     number of records
 *   4 bytes  zero
 * records, {@link #recordBytes()} bytes each:
 *   int      game id (see games.tsv)
 *   short    target: point index of the move played, row-major from the top row (0..360)
 *   size*size*6 bytes   the planes, point by point in point-index order; the 6 bytes of a point
 *            hold its 48 plane bits, byte k bit j (least significant first) being plane 8k+j
 * </pre>
 *
 * Point-major order makes the bits of a record, read in order, exactly the channels-last
 * (NHWC) layout {@code [row][col][plane]} of the network input.
 */
public final class ShardFormat {

    /** The file magic. */
    public static final byte[] MAGIC = "GOPLANES".getBytes(StandardCharsets.US_ASCII);
    /** The format version written. */
    public static final int VERSION = 1;
    /** The header length. */
    public static final int HEADER_BYTES = 32;
    /** Bytes of plane bits per point (48 planes). */
    public static final int BYTES_PER_POINT = 6;
    /** The shard file extension. */
    public static final String EXTENSION = ".gop";

    private ShardFormat() {
    }

    /** @return bytes per record on a 19x19 board: 4 + 2 + 361 * 6 = 2172. */
    public static int recordBytes() {
        return recordBytes(19);
    }

    /** @return bytes per record on a {@code size} board. */
    public static int recordBytes(int size) {
        return 4 + 2 + size * size * BYTES_PER_POINT;
    }

    /** The parsed header of a shard. */
    record Header(int size, int planes, long count) {
    }

    static Header readHeader(DataInputStream in, String name) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(name + " is not a position shard (bad magic)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(name + " has format version " + version + ", expected " + VERSION);
        }
        int size = in.readInt();
        int planes = in.readInt();
        long count = in.readLong();
        in.readInt();
        if (planes != 48 || size < 2 || size > 25) {
            throw new IOException(name + " has an unsupported layout: size " + size + ", planes " + planes);
        }
        return new Header(size, planes, count);
    }
}
