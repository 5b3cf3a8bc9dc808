package org.tribuozoo.go.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.tribuozoo.go.GoDataException;
import org.tribuozoo.go.SgfLimits;

/**
 * Streams SGF files out of paths that may be single files ({@code .sgf}, {@code .sgf.gz}),
 * archives ({@code .tar.gz}, {@code .tgz}, {@code .tar}, {@code .zip}) or folders of those
 * (walked recursively in name order), without unpacking anything to disk.
 *
 * <p>Entries come in a deterministic order: the paths as given, folder contents sorted by name,
 * archive entries in archive order. Inside archives only names ending in {@code .sgf} are read.
 * A corrupt archive does not stop the stream: it yields one entry carrying the error and the
 * stream goes on with the next path.
 *
 * <p>Reading is bounded ({@link SgfLimits}): a file or entry that inflates past
 * {@link SgfLimits#sgfBytes()} yields an error entry as soon as it does, and a tar long-name or pax
 * header larger than {@link SgfLimits#tarHeaderBytes()} is refused before it is read, so a
 * decompression bomb is one error entry, never an out-of-memory error.
 */
public final class SgfFiles implements Closeable {

    private static final Logger LOG = Logger.getLogger(SgfFiles.class.getName());

    /**
     * One SGF file: its bytes, or the error that prevented reading it.
     *
     * @param name  {@code path} or {@code archive!entry}
     * @param data  the file's bytes, or null when unreadable
     * @param error why it could not be read, or null
     */
    public record Entry(String name, byte[] data, String error) {
    }

    private interface EntryStream extends Closeable {
        Entry next() throws IOException;
    }

    private final Deque<Path> pending = new ArrayDeque<>();
    private EntryStream current;
    private Path currentPath;

    /**
     * @param paths files, archives or folders
     * @throws GoDataException when a path does not exist
     */
    public SgfFiles(List<Path> paths) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new GoDataException("no such file or folder: " + p);
            }
            pending.add(p);
        }
    }

    /** @return whether a path names something this class reads (by its extension). */
    public static boolean isReadable(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".sgf") || n.endsWith(".sgf.gz") || n.endsWith(".tar.gz") || n.endsWith(".tgz")
                || n.endsWith(".tar") || n.endsWith(".zip");
    }

    /**
     * @return the next SGF entry, or null when all paths are exhausted
     */
    public Entry next() {
        while (true) {
            if (current != null) {
                try {
                    Entry e = current.next();
                    if (e != null) {
                        return e;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot read further in " + currentPath + ": " + reason(e));
                    closeCurrent();
                    return new Entry(currentPath.toString(), null, currentPath + ": " + reason(e));
                }
                closeCurrent();
            }
            Path p = pending.poll();
            if (p == null) {
                return null;
            }
            if (Files.isDirectory(p)) {
                expand(p);
                continue;
            }
            currentPath = p;
            try {
                current = open(p);
            } catch (IOException e) {
                return new Entry(p.toString(), null, p + ": " + reason(e));
            }
        }
    }

    private void expand(Path dir) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(SgfFiles::isReadable).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new GoDataException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
        // Keep the folder's files ahead of the remaining paths, in order.
        for (int i = files.size() - 1; i >= 0; i--) {
            pending.addFirst(files.get(i));
        }
    }

    /**
     * Reads one SGF file, decompressing it when its name ends in {@code .gz}, with the limit of
     * {@link SgfLimits#sgfBytes()} on what it holds.
     *
     * @param p the file
     * @return its (decompressed) bytes
     * @throws IOException when it cannot be read or holds more than the limit; the message says which
     */
    public static byte[] readFile(Path p) throws IOException {
        try (InputStream in = decompressed(p, new BufferedInputStream(Files.newInputStream(p), 1 << 16))) {
            return bounded(in);
        }
    }

    private static EntryStream open(Path p) throws IOException {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        InputStream raw = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        try {
            if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
                return tar(p, new BufferedInputStream(gunzip(raw), 1 << 16));
            }
            if (n.endsWith(".tar")) {
                return tar(p, raw);
            }
            if (n.endsWith(".zip")) {
                return zip(p, new ZipInputStream(raw));
            }
            return single(p, decompressed(p, raw));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream decompressed(Path p, InputStream raw) throws IOException {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz") ? gunzip(raw) : raw;
    }

    private static InputStream gunzip(InputStream raw) throws IOException {
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (EOFException e) {
            // The gzip header is read at once: an empty file ends before it.
            throw new IOException("empty or truncated gzip file", e);
        }
    }

    /**
     * Reads the rest of a stream, at most {@link SgfLimits#sgfBytes()} bytes.
     *
     * @throws EntryTooLargeException when there is more
     */
    private static byte[] bounded(InputStream in) throws IOException {
        int max = SgfLimits.sgfBytes();
        byte[] data = in.readNBytes(max + 1);
        if (data.length > max) {
            throw new EntryTooLargeException(max);
        }
        return data;
    }

    /** An entry with more bytes than the limit: reported for that entry, and the stream goes on. */
    private static final class EntryTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        EntryTooLargeException(long max) {
            super(String.format(Locale.ROOT, "more than %,d bytes, the limit for one SGF file (system property %s)",
                    max, SgfLimits.SGF_BYTES));
        }
    }

    private static Entry tooLarge(String name) {
        return tooLarge(name, new EntryTooLargeException(SgfLimits.sgfBytes()));
    }

    private static Entry tooLarge(String name, EntryTooLargeException e) {
        return new Entry(name, null, name + ": too large: " + e.getMessage());
    }

    /**
     * A tar stream that refuses a long-name or pax header larger than {@link SgfLimits#tarHeaderBytes()}:
     * commons-compress reads those into memory whole, through this stream's {@code read}, before it
     * returns the entry they describe.
     */
    private static final class BoundedTarInputStream extends TarArchiveInputStream {
        BoundedTarInputStream(InputStream in) {
            super(in, StandardCharsets.UTF_8.name());
        }

        @Override
        public int read(byte[] buf, int offset, int length) throws IOException {
            TarArchiveEntry e = getCurrentEntry();
            if (e != null && (e.isGNULongNameEntry() || e.isGNULongLinkEntry() || e.isPaxHeader()
                    || e.isGlobalPaxHeader())) {
                long max = SgfLimits.tarHeaderBytes();
                if (e.getSize() > max) {
                    throw new IOException(String.format(Locale.ROOT,
                            "tar header (a long name or pax header) of %,d bytes, more than the limit of %,d "
                                    + "(system property %s)", e.getSize(), max, SgfLimits.TAR_HEADER_BYTES));
                }
            }
            return super.read(buf, offset, length);
        }
    }

    private static EntryStream tar(Path p, InputStream in) {
        // Only read into memory, never extracted: an entry's name (even "../x.sgf") is just a label.
        TarArchiveInputStream tar = new BoundedTarInputStream(in);
        return new EntryStream() {
            @Override
            public Entry next() throws IOException {
                TarArchiveEntry te;
                while ((te = tar.getNextEntry()) != null) {
                    if (!te.isCheckSumOK()) {
                        // commons-compress reads on past a bad checksum; a damaged header means damaged sizes.
                        throw new IOException("corrupt tar header (bad checksum)");
                    }
                    if (isRegularFile(te) && isSgfName(te.getName())) {
                        String name = p + "!" + te.getName();
                        if (te.getSize() > SgfLimits.sgfBytes()) {
                            return tooLarge(name);
                        }
                        return read(tar, name);
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                tar.close();
            }
        };
    }

    /** Plain files only (old and POSIX normal, contiguous): links, devices and folders carry no game. */
    private static boolean isRegularFile(TarArchiveEntry e) {
        byte type = e.getLinkFlag();
        return type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG;
    }

    private static EntryStream zip(Path p, ZipInputStream zin) {
        return new EntryStream() {
            @Override
            public Entry next() throws IOException {
                ZipEntry ze;
                while ((ze = zin.getNextEntry()) != null) {
                    if (!ze.isDirectory() && isSgfName(ze.getName())) {
                        return read(zin, p + "!" + ze.getName());
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                zin.close();
            }
        };
    }

    private static EntryStream single(Path p, InputStream in) {
        return new EntryStream() {
            private boolean done;

            @Override
            public Entry next() throws IOException {
                if (done) {
                    return null;
                }
                done = true;
                return read(in, p.toString());
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Reads an entry: its bytes, or the error saying it is too large (the caller's stream goes on). */
    private static Entry read(InputStream in, String name) throws IOException {
        try {
            return new Entry(name, bounded(in), null);
        } catch (EntryTooLargeException e) {
            return tooLarge(name, e);
        }
    }

    /** An exception's message, never {@code null}. */
    private static String reason(Exception e) {
        if (e instanceof EOFException && e.getMessage() == null) {
            return "unexpected end of file";
        }
        return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    }

    private static boolean isSgfName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".sgf");
    }

    private void closeCurrent() {
        try {
            current.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + currentPath, e);
        }
        current = null;
    }

    @Override
    public void close() {
        if (current != null) {
            closeCurrent();
        }
        pending.clear();
    }
}
