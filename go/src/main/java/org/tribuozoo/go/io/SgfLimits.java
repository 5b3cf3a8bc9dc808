package org.tribuozoo.go.io;

/**
 * How much {@link SgfFiles} reads into memory at once, so that no file, archive or compressed
 * stream (a bomb: 2.4 MB of gzip that inflates to 2.7 GB, a tar header claiming a 2 GB long name)
 * can exhaust memory: past a limit the entry is reported as an error and reading goes on.
 * <p>
 * Each limit is a system property read when it is applied (the {@code zoo} command takes them
 * through {@code ZOO_JAVA_OPTS="-Dname=value"}):
 * <ul>
 *   <li>{@value #SGF_BYTES} (default 16 MiB): one SGF file or archive entry, after decompression.
 *   A game record is a few kilobytes; the largest collections of games in one file are a few
 *   megabytes.</li>
 *   <li>{@value #TAR_HEADER_BYTES} (default 1 MiB): one tar long-name or pax extended header, which
 *   the tar reader holds in memory whole.</li>
 * </ul>
 */
public final class SgfLimits {

    /** System property: the most bytes of one SGF file or archive entry, after decompression. */
    public static final String SGF_BYTES = "tribuozoo.limits.sgfBytes";
    /** System property: the most bytes of one tar long-name or pax header. */
    public static final String TAR_HEADER_BYTES = "tribuozoo.limits.tarHeaderBytes";

    private static final long DEFAULT_SGF_BYTES = 16L << 20;
    private static final long DEFAULT_TAR_HEADER_BYTES = 1L << 20;

    private SgfLimits() {
    }

    /** @return the most bytes of one SGF file or archive entry ({@value #SGF_BYTES}), at most what an array holds */
    public static int sgfBytes() {
        return (int) Math.min(Long.getLong(SGF_BYTES, DEFAULT_SGF_BYTES), Integer.MAX_VALUE - 9);
    }

    /** @return the most bytes of one tar long-name or pax header ({@value #TAR_HEADER_BYTES}) */
    public static long tarHeaderBytes() {
        return Long.getLong(TAR_HEADER_BYTES, DEFAULT_TAR_HEADER_BYTES);
    }
}
