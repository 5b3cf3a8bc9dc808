package org.tribuozoo.go;

/**
 * How much the go module reads into memory at once, so that no file, archive or compressed stream
 * (a bomb: 2.4 MB of gzip that inflates to 2.7 GB, a tar header claiming a 2 GB long name) can
 * exhaust memory: past a limit {@link org.tribuozoo.go.io.SgfFiles} reports the entry as an error
 * and reading goes on, and {@link org.tribuozoo.go.sgf.SgfParser} refuses the file.
 * <p>
 * Each limit is a system property read when it is applied (the {@code zoo} command takes them
 * through {@code ZOO_JAVA_OPTS="-Dname=value"}):
 * <ul>
 *   <li>{@value #SGF_BYTES} (default 16 MiB): one SGF file or archive entry, after decompression.
 *   A game record is a few kilobytes; the largest collections of games in one file are a few
 *   megabytes.</li>
 *   <li>{@value #TAR_HEADER_BYTES} (default 1 MiB): one tar long-name or pax extended header, which
 *   the tar reader holds in memory whole.</li>
 *   <li>{@value #SGF_NODES} (default 4,000,000): the nodes of one SGF file's game trees, each of which
 *   the parser holds as an object (about 150 bytes: 600 MB at the limit). A file of the largest size
 *   holds at most 2.8 million real move nodes ({@code ;B[pd]}, six bytes each); only a file of bare
 *   {@code ;} comes near 16 million.</li>
 * </ul>
 */
public final class SgfLimits {

    /** System property: the most bytes of one SGF file or archive entry, after decompression. */
    public static final String SGF_BYTES = "tribuozoo.limits.sgfBytes";
    /** System property: the most bytes of one tar long-name or pax header. */
    public static final String TAR_HEADER_BYTES = "tribuozoo.limits.tarHeaderBytes";

    /** System property: the most nodes of one SGF file. */
    public static final String SGF_NODES = "tribuozoo.limits.sgfNodes";

    private static final long DEFAULT_SGF_BYTES = 16L << 20;
    private static final long DEFAULT_SGF_NODES = 4_000_000;
    private static final long DEFAULT_TAR_HEADER_BYTES = 1L << 20;

    private SgfLimits() {
    }

    /** @return the most bytes of one SGF file or archive entry ({@value #SGF_BYTES}), at most what an array holds */
    public static int sgfBytes() {
        return (int) Math.min(Long.getLong(SGF_BYTES, DEFAULT_SGF_BYTES), Integer.MAX_VALUE - 9);
    }

    /** @return the most nodes of one SGF file ({@value #SGF_NODES}) */
    public static long sgfNodes() {
        return Long.getLong(SGF_NODES, DEFAULT_SGF_NODES);
    }

    /** @return the most bytes of one tar long-name or pax header ({@value #TAR_HEADER_BYTES}) */
    public static long tarHeaderBytes() {
        return Long.getLong(TAR_HEADER_BYTES, DEFAULT_TAR_HEADER_BYTES);
    }
}
