package org.tribuozoo.go.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming reader of tar archives (POSIX ustar, GNU long names, pax path headers):
 * enough for archives of SGF files, without a dependency. Entries are read one after the other
 * from a stream (e.g. a {@code GZIPInputStream}), never unpacked to disk.
 */
final class TarStream {

    private static final int BLOCK = 512;

    /** A regular file in the archive. */
    record TarEntry(String name, byte[] data) {
    }

    private final DataInputStream in;
    private final byte[] header = new byte[BLOCK];
    private final long maxEntryBytes;

    /**
     * @param in            the uncompressed tar stream
     * @param maxEntryBytes entries larger than this are skipped (an SGF is kilobytes; this guards
     *                      memory against a wrong file in the archive)
     */
    TarStream(InputStream in, long maxEntryBytes) {
        this.in = new DataInputStream(in);
        this.maxEntryBytes = maxEntryBytes;
    }

    /**
     * @return the next regular file, or null at the end of the archive
     * @throws IOException on a read error or a corrupt header
     */
    TarEntry next() throws IOException {
        String longName = null;
        while (true) {
            if (!readBlock(header)) {
                return null;
            }
            if (isZero(header)) {
                return null; // end-of-archive marker
            }
            if (!checksumOk(header)) {
                throw new IOException("corrupt tar header (bad checksum)");
            }
            long size = size(header);
            char type = (char) header[156];
            String name = longName != null ? longName : name(header);
            longName = null;
            switch (type) {
                case 'L' -> longName = cString(readData(size), 0, (int) size);
                case 'x' -> {
                    String path = paxPath(readData(size));
                    if (path != null) {
                        longName = path;
                    }
                }
                case '0', '\0', '7' -> {
                    if (size > maxEntryBytes) {
                        skipData(size);
                        return new TarEntry(name, null);
                    }
                    return new TarEntry(name, readData(size));
                }
                default -> skipData(size); // directories, links, global headers
            }
        }
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = 0;
        while (n < BLOCK) {
            int r = in.read(block, n, BLOCK - n);
            if (r < 0) {
                if (n == 0) {
                    return false;
                }
                throw new EOFException("tar archive ends inside a header");
            }
            n += r;
        }
        return true;
    }

    private byte[] readData(long size) throws IOException {
        byte[] data = new byte[(int) size];
        in.readFully(data);
        skipPadding(size);
        return data;
    }

    private void skipData(long size) throws IOException {
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        skipFully(padded);
    }

    private void skipPadding(long size) throws IOException {
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        skipFully(pad);
    }

    private void skipFully(long n) throws IOException {
        while (n > 0) {
            int r = in.skipBytes((int) Math.min(n, Integer.MAX_VALUE));
            if (r <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar archive ends inside an entry");
                }
                r = 1;
            }
            n -= r;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean checksumOk(byte[] h) {
        long stored = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        return stored == sum;
    }

    private static long size(byte[] h) throws IOException {
        if ((h[124] & 0x80) != 0) {
            // GNU base-256 encoding for big sizes.
            long v = h[124] & 0x7f;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        long v = octal(h, 124, 12);
        if (v < 0) {
            throw new IOException("corrupt tar header (size)");
        }
        return v;
    }

    private static long octal(byte[] h, int off, int len) {
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        boolean any = false;
        while (i < end && h[i] >= '0' && h[i] <= '7') {
            v = v * 8 + (h[i] - '0');
            i++;
            any = true;
        }
        return any ? v : -1;
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        if (ustar && h[345] != 0) {
            name = cString(h, 345, 155) + "/" + name;
        }
        return name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /** Extracts {@code path=} from pax extended header records ({@code "len key=value\n"}). */
    private static String paxPath(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        for (String line : s.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.startsWith("path=", sp + 1)) {
                return line.substring(sp + 6);
            }
        }
        return null;
    }
}
