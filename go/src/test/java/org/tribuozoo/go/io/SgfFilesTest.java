package org.tribuozoo.go.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.go.GoDataException;
import org.tribuozoo.go.SgfLimits;

/** Streaming SGF files out of folders, tar.gz, zip and plain files. */
class SgfFilesTest {

    @TempDir
    Path tmp;

    /** Writes a ustar archive; names longer than 100 bytes get a GNU long-name entry. */
    static byte[] tar(String[] names, String[] contents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < names.length; i++) {
            byte[] data = contents[i].getBytes(StandardCharsets.UTF_8);
            byte[] name = names[i].getBytes(StandardCharsets.UTF_8);
            if (name.length > 100) {
                entry(out, "././@LongLink", 'L', appendNul(name));
            }
            entry(out, names[i].length() > 100 ? names[i].substring(0, 100) : names[i], names[i].endsWith("/") ? '5' : '0', data);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] appendNul(byte[] b) {
        byte[] r = new byte[b.length + 1];
        System.arraycopy(b, 0, r, 0, b.length);
        return r;
    }

    private static void entry(ByteArrayOutputStream out, String name, char type, byte[] data) throws IOException {
        header(out, name, type, data.length);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    /** A ustar header declaring an entry of {@code size} bytes. */
    private static void header(ByteArrayOutputStream out, String name, char type, long size) throws IOException {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.write(h);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream g = new GZIPOutputStream(bo)) {
            g.write(data);
        }
        return bo.toByteArray();
    }

    private static List<SgfFiles.Entry> all(List<Path> paths) {
        List<SgfFiles.Entry> out = new ArrayList<>();
        try (SgfFiles f = new SgfFiles(paths)) {
            for (SgfFiles.Entry e = f.next(); e != null; e = f.next()) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void readsTarGzEntriesInOrderSkippingOtherFiles() throws IOException {
        String longName = "games/" + "x".repeat(120) + ".sgf";
        byte[] tar = tar(new String[] {"games/", "games/a.sgf", "games/readme.txt", longName, "games/b.SGF"},
                new String[] {"", "(;B[aa])", "not sgf", "(;B[bb])", "(;B[cc])"});
        Path archive = tmp.resolve("set.tar.gz");
        Files.write(archive, gzip(tar));
        List<SgfFiles.Entry> entries = all(List.of(archive));
        assertEquals(3, entries.size());
        assertEquals(archive + "!games/a.sgf", entries.get(0).name());
        assertArrayEquals("(;B[aa])".getBytes(StandardCharsets.UTF_8), entries.get(0).data());
        assertEquals(archive + "!" + longName, entries.get(1).name(), "GNU long names");
        assertEquals("(;B[cc])", new String(entries.get(2).data(), StandardCharsets.UTF_8));
    }

    @Test
    void readsZipFoldersAndPlainFiles() throws IOException {
        Path zip = tmp.resolve("b.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("one.sgf"));
            z.write("(;B[aa])".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("x".getBytes(StandardCharsets.UTF_8));
        }
        Path dir = Files.createDirectories(tmp.resolve("dir/sub"));
        Files.writeString(dir.resolve("c.sgf"), "(;B[cc])");
        Files.writeString(tmp.resolve("dir/a.sgf"), "(;B[dd])");
        Files.writeString(tmp.resolve("dir/ignored.txt"), "x");
        Files.write(tmp.resolve("dir/z.sgf.gz"), gzip("(;B[ee])".getBytes(StandardCharsets.UTF_8)));
        List<SgfFiles.Entry> entries = all(List.of(zip, tmp.resolve("dir")));
        List<String> texts = new ArrayList<>();
        entries.forEach(e -> texts.add(new String(e.data(), StandardCharsets.UTF_8)));
        assertEquals(List.of("(;B[aa])", "(;B[dd])", "(;B[cc])", "(;B[ee])"), texts, "zip, then the folder sorted by path");
    }

    @Test
    void corruptArchiveYieldsAnErrorEntryAndTheStreamGoesOn() throws IOException {
        Path bad = tmp.resolve("bad.tar.gz");
        byte[] good = gzip(tar(new String[] {"a.sgf"}, new String[] {"(;B[aa])"}));
        byte[] truncated = new byte[good.length / 2];
        System.arraycopy(good, 0, truncated, 0, truncated.length);
        Files.write(bad, truncated);
        Path next = tmp.resolve("next.sgf");
        Files.writeString(next, "(;B[bb])");
        List<SgfFiles.Entry> entries = all(List.of(bad, next));
        assertNull(entries.get(0).data());
        assertNotNull(entries.get(0).error());
        assertTrue(entries.get(0).error().contains("bad.tar.gz"));
        assertEquals("(;B[bb])", new String(entries.get(entries.size() - 1).data(), StandardCharsets.UTF_8));
    }

    /** One pax extended-header record, {@code "LEN key=value\n"}, LEN counting the whole record. */
    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.length();
        while (String.valueOf(len).length() + body.length() != len) {
            len = String.valueOf(len).length() + body.length();
        }
        return (len + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsPlainTarWithPaxNamesAndOnlyRegularFiles() throws IOException {
        String paxName = "games/" + "p".repeat(150) + ".sgf";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, "PaxHeaders/long", 'x', paxRecord("path", paxName));
        entry(out, "games/short-name-replaced-by-pax.sgf", '0', utf8("(;B[aa])"));
        entry(out, "games/link.sgf", '2', new byte[0]);
        entry(out, "games/hard.sgf", '1', new byte[0]);
        entry(out, "games/contiguous.sgf", '7', utf8("(;B[bb])"));
        entry(out, "games/old-style.sgf", '\0', utf8("(;B[cc])"));
        out.write(new byte[1024]);
        entry(out, "after-the-end.sgf", '0', utf8("(;B[dd])"));
        Path archive = tmp.resolve("set.tar");
        Files.write(archive, out.toByteArray());
        List<SgfFiles.Entry> entries = all(List.of(archive));
        List<String> names = new ArrayList<>();
        entries.forEach(e -> names.add(e.name().substring(archive.toString().length() + 1)));
        assertEquals(List.of(paxName, "games/contiguous.sgf", "games/old-style.sgf"), names,
                "pax path, no links, nothing after the end-of-archive blocks");
        assertEquals("(;B[cc])", new String(entries.get(2).data(), StandardCharsets.UTF_8));
    }

    @Test
    void truncatedOrCorruptTarYieldsAnErrorEntry() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, "a.sgf", '0', utf8("(;B[aa])"));
        entry(out, "b.sgf", '0', utf8("(;" + "B[bb];".repeat(300) + ")"));
        out.write(new byte[1024]);
        byte[] whole = out.toByteArray();

        Path truncated = tmp.resolve("truncated.tar");
        Files.write(truncated, java.util.Arrays.copyOf(whole, 1024 + 512 + 600));
        List<SgfFiles.Entry> entries = all(List.of(truncated));
        assertEquals(2, entries.size());
        assertEquals(truncated + "!a.sgf", entries.get(0).name());
        assertNull(entries.get(1).data(), "the game cut off by the end of the file is not returned in part");
        assertTrue(entries.get(1).error().startsWith(truncated + ": "), entries.get(1).error());

        byte[] corrupt = whole.clone();
        corrupt[1024 + 100 + 3] ^= 1; // b.sgf's mode changes, so its header no longer matches its checksum
        Path bad = tmp.resolve("corrupt.tar");
        Files.write(bad, corrupt);
        entries = all(List.of(bad));
        assertEquals(2, entries.size());
        assertNull(entries.get(1).data());
        assertEquals(bad + ": corrupt tar header (bad checksum)", entries.get(1).error());
    }

    @Test
    void tarEntryOverSixteenMebibytesIsReportedNotRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, "huge.sgf", '0', new byte[(16 << 20) + 1]);
        entry(out, "next.sgf", '0', utf8("(;B[aa])"));
        out.write(new byte[1024]);
        Path archive = tmp.resolve("huge.tar");
        Files.write(archive, out.toByteArray());
        List<SgfFiles.Entry> entries = all(List.of(archive));
        assertEquals(2, entries.size());
        assertNull(entries.get(0).data());
        assertEquals(archive + "!huge.sgf: too large: more than 16,777,216 bytes, "
                + "the limit for one SGF file (system property tribuozoo.limits.sgfBytes)", entries.get(0).error());
        assertEquals("(;B[aa])", new String(entries.get(1).data(), StandardCharsets.UTF_8), "skipped past, not stopped");
    }

    /** The probe's bomb: a small .sgf.gz inflating far past the limit is one error entry, read no further. */
    @Test
    void aGzipBombIsAnErrorEntryAndTheStreamGoesOn() throws IOException {
        Path bomb = tmp.resolve("bomb.sgf.gz");
        try (OutputStream g = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            g.write(utf8("(;GM[1]"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 17; i++) {
                g.write(spaces);
            }
        }
        Path next = Files.writeString(tmp.resolve("next.sgf"), "(;B[aa])");
        List<SgfFiles.Entry> entries = all(List.of(bomb, next));
        assertEquals(2, entries.size());
        assertNull(entries.get(0).data());
        assertEquals(bomb + ": too large: more than 16,777,216 bytes, the limit for one SGF file "
                        + "(system property tribuozoo.limits.sgfBytes)",
                entries.get(0).error());
        assertEquals("(;B[aa])", new String(entries.get(1).data(), StandardCharsets.UTF_8));
        System.setProperty(SgfLimits.SGF_BYTES, "5");
        try {
            assertEquals(next + ": too large: more than 5 bytes, the limit for one SGF file "
                            + "(system property tribuozoo.limits.sgfBytes)",
                    all(List.of(next)).get(0).error());
        } finally {
            System.clearProperty(SgfLimits.SGF_BYTES);
        }
    }

    /** A long-name or pax header claiming 2 GB is refused from its header, before commons-compress reads it. */
    @Test
    void tarHeadersClaimingGigabytesAreRefusedUnread() throws IOException {
        for (char type : new char[] {'L', 'x', 'g'}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            header(out, "././@LongLink", type, 2L << 30);
            out.write(new byte[4096]);
            Path archive = tmp.resolve("header-" + (int) type + ".tar.gz");
            Files.write(archive, gzip(out.toByteArray()));
            List<SgfFiles.Entry> entries = all(List.of(archive));
            assertEquals(1, entries.size());
            assertEquals(archive + ": tar header (a long name or pax header) of 2,147,483,648 bytes, more than the limit "
                    + "of 1,048,576 (system property tribuozoo.limits.tarHeaderBytes)", entries.get(0).error());
        }
    }

    @Test
    void anEmptyGzipFileSaysSo() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.sgf.gz"));
        assertEquals(empty + ": empty or truncated gzip file", all(List.of(empty)).get(0).error());
        IOException e = assertThrows(IOException.class, () -> SgfFiles.readFile(empty));
        assertEquals("empty or truncated gzip file", e.getMessage());
    }

    /** A device that never ends is read up to the limit and no further. */
    @Test
    void readingAFileStopsAtTheLimit() throws IOException {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero));
        IOException e = assertThrows(IOException.class, () -> SgfFiles.readFile(zero));
        assertEquals("more than 16,777,216 bytes, the limit for one SGF file (system property tribuozoo.limits.sgfBytes)",
                e.getMessage());
        assertEquals("(;B[aa])", new String(SgfFiles.readFile(Files.writeString(tmp.resolve("a.sgf"), "(;B[aa])")),
                StandardCharsets.UTF_8));
    }

    @Test
    void missingPathIsAUserError() {
        GoDataException e = assertThrows(GoDataException.class, () -> new SgfFiles(List.of(tmp.resolve("nope.sgf"))));
        assertTrue(e.getMessage().contains("nope.sgf"));
    }
}
