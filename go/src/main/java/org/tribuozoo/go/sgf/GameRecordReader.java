package org.tribuozoo.go.sgf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.Coordinates;

/**
 * Turns SGF bytes into {@link GameRecord}s: parses the collection, follows each tree's main line
 * (the first child at every branch) and normalises the real-world oddities listed in
 * {@link GameIssue}. It never throws for a bad game; each game comes back either as a record or
 * as the reason it was skipped.
 */
public final class GameRecordReader {

    /**
     * One game of a file: either {@code record} is set, or {@code skipped} says why not.
     *
     * @param source  the game's name (file, entry, and {@code #k} for the k-th game of a collection)
     * @param record  the game, or null when skipped
     * @param skipped the reason for skipping, or null
     * @param detail  a one-line explanation for a skipped game, or null
     */
    public record Outcome(String source, GameRecord record, GameIssue skipped, String detail) {
    }

    private GameRecordReader() {
    }

    /**
     * Reads every game of an SGF collection.
     *
     * @param data the file's bytes
     * @param name the file or archive entry name, used as the games' source
     * @return one outcome per game; a file with no readable game gives one skipped outcome
     */
    public static List<Outcome> read(byte[] data, String name) {
        if (isBlank(data)) {
            return List.of(new Outcome(name, null, GameIssue.NOT_SGF, name + ": empty or only NUL bytes"));
        }
        SgfParser.Result parsed;
        try {
            parsed = SgfParser.parse(data, name);
        } catch (SgfFormatException e) {
            GameIssue why = e.getMessage().contains("no SGF game tree") ? GameIssue.NOT_SGF : GameIssue.PARSE_ERROR;
            return List.of(new Outcome(name, null, why, e.getMessage()));
        }
        List<SgfNode> trees = parsed.games();
        List<Outcome> out = new ArrayList<>(trees.size());
        for (int k = 0; k < trees.size(); k++) {
            String source = trees.size() == 1 ? name : name + "#" + (k + 1);
            Set<GameIssue> notes = EnumSet.noneOf(GameIssue.class);
            if (parsed.truncated() && k == trees.size() - 1) {
                notes.add(GameIssue.TRUNCATED);
            }
            if (trees.size() > 1) {
                notes.add(GameIssue.COLLECTION);
            }
            out.add(readGame(trees.get(k), source, notes));
        }
        return out;
    }

    /**
     * Reads the first game of an SGF collection, throwing when it cannot be used.
     *
     * @throws SgfFormatException naming the file when the first game is skipped
     */
    public static GameRecord readFirst(byte[] data, String name) {
        Outcome o = read(data, name).get(0);
        if (o.record() == null) {
            throw new SgfFormatException(o.detail());
        }
        return o.record();
    }

    private static Outcome readGame(SgfNode root, String source, Set<GameIssue> notes) {
        Charset charset = charset(root.value("CA"), notes);
        int size;
        try {
            size = parseSize(root.value("SZ"));
        } catch (NumberFormatException e) {
            return new Outcome(source, null, GameIssue.UNSUPPORTED_SIZE, source + ": unreadable SZ[" + root.value("SZ") + "]");
        }
        if (size < 2 || size > 25) {
            return new Outcome(source, null, GameIssue.UNSUPPORTED_SIZE, source + ": board size " + size + " not supported");
        }
        double komi = parseKomi(root.value("KM"), notes);
        int handicap = parseIntOr(root.value("HA"), 0);
        String result = root.text("RE", charset);
        if (result == null || result.isBlank()) {
            notes.add(GameIssue.NO_RESULT);
        } else {
            String r = result.trim().toUpperCase(Locale.ROOT);
            if (r.matches("[BW]\\+(T|TIME|F|FORFEIT)\\b.*")) {
                notes.add(GameIssue.RESULT_TIME_OR_FORFEIT);
            }
        }
        String black = text(root, "PB", charset, notes);
        String white = text(root, "PW", charset, notes);
        int firstPlayer = parsePlayer(root.value("PL"));

        IntList setupB = new IntList();
        IntList setupW = new IntList();
        IntList colours = new IntList();
        IntList points = new IntList();
        GameIssue cut = null;
        for (SgfNode node = root; node != null; node = node.mainChild()) {
            if (node.children().size() > 1) {
                notes.add(GameIssue.VARIATIONS);
            }
            boolean setup = node.has("AB") || node.has("AW") || node.has("AE");
            if (setup) {
                if (colours.size() > 0) {
                    cut = GameIssue.SETUP_IN_GAME;
                    break;
                }
                if (!applySetup(node, size, setupB, setupW)) {
                    cut = GameIssue.BAD_MOVE;
                    break;
                }
            }
            boolean hasB = node.has("B");
            boolean hasW = node.has("W");
            if (hasB && hasW) {
                cut = GameIssue.SETUP_IN_GAME;
                break;
            }
            if (hasB || hasW) {
                int point = parseMove(hasB ? node.value("B") : node.value("W"), size);
                if (point == BAD) {
                    cut = GameIssue.BAD_MOVE;
                    break;
                }
                colours.add(hasB ? Board.BLACK : Board.WHITE);
                points.add(point);
            }
        }
        int[] cols = colours.toArray();
        int[] pts = points.toArray();
        // Handicap given as a leading run of black moves (no AB): make those stones setup, so
        // that they neither become targets nor look like white passing.
        int run = 0;
        while (run < cols.length && cols[run] == Board.BLACK) {
            run++;
        }
        if (setupB.size() == 0 && setupW.size() == 0 && run >= 2 && run < cols.length) {
            for (int i = 0; i < run; i++) {
                if (pts[i] != GameRecord.PASS) {
                    setupB.add(pts[i]);
                }
            }
            cols = Arrays.copyOfRange(cols, run, cols.length);
            pts = Arrays.copyOfRange(pts, run, pts.length);
            notes.add(GameIssue.HANDICAP_AS_MOVES);
        }
        GameRecord record = new GameRecord(source, size, komi, handicap, result, black, white, firstPlayer,
                setupB.toArray(), setupW.toArray(), cols, pts, cut, List.copyOf(notes));
        return new Outcome(source, record, null, null);
    }

    private static final int BAD = -2;

    /** @return a point index, {@link GameRecord#PASS}, or {@link #BAD}. */
    static int parseMove(String v, int size) {
        if (v == null) {
            return BAD;
        }
        String s = v.trim();
        if (s.isEmpty() || size <= 19 && s.equals("tt")) {
            return GameRecord.PASS;
        }
        if (s.length() != 2) {
            return BAD;
        }
        int p = Coordinates.fromSgf(s.charAt(0), s.charAt(1), size);
        return p < 0 ? BAD : p;
    }

    /** Adds AB/AW points (with compressed {@code aa:cc} rectangles) and removes AE points. */
    private static boolean applySetup(SgfNode node, int size, IntList black, IntList white) {
        IntList points = new IntList();
        for (String id : new String[] {"AB", "AW", "AE"}) {
            points.clear();
            for (String v : node.values(id)) {
                if (!expand(v.trim(), size, points)) {
                    return false;
                }
            }
            for (int i = 0; i < points.size(); i++) {
                int p = points.get(i);
                black.remove(p);
                white.remove(p);
                if (id.equals("AB")) {
                    black.add(p);
                } else if (id.equals("AW")) {
                    white.add(p);
                }
            }
        }
        return true;
    }

    /** Expands a point or a compressed rectangle {@code aa:cc}; empty values are ignored. */
    static boolean expand(String v, int size, IntList out) {
        if (v.isEmpty()) {
            return true;
        }
        if (v.length() == 5 && v.charAt(2) == ':') {
            int a = Coordinates.fromSgf(v.charAt(0), v.charAt(1), size);
            int b = Coordinates.fromSgf(v.charAt(3), v.charAt(4), size);
            if (a < 0 || b < 0) {
                return false;
            }
            int r0 = Math.min(a / size, b / size);
            int r1 = Math.max(a / size, b / size);
            int c0 = Math.min(a % size, b % size);
            int c1 = Math.max(a % size, b % size);
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    out.add(r * size + c);
                }
            }
            return true;
        }
        if (v.length() != 2) {
            return false;
        }
        int p = Coordinates.fromSgf(v.charAt(0), v.charAt(1), size);
        if (p < 0) {
            return size <= 19 && v.equals("tt"); // some editors write tt in setup lists; ignore it
        }
        out.add(p);
        return true;
    }

    static int parseSize(String v) {
        if (v == null || v.isBlank()) {
            return 19;
        }
        String s = v.trim();
        int colon = s.indexOf(':');
        if (colon >= 0) {
            int w = Integer.parseInt(s.substring(0, colon).trim());
            int h = Integer.parseInt(s.substring(colon + 1).trim());
            if (w != h) {
                return -1; // rectangular boards are not supported
            }
            return w;
        }
        return Integer.parseInt(s);
    }

    static double parseKomi(String v, Set<GameIssue> notes) {
        if (v == null || v.isBlank()) {
            return 0;
        }
        double k;
        try {
            k = Double.parseDouble(v.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return 0;
        }
        if (Math.abs(k) >= 50) {
            // No real komi is that large: some servers wrote it times 100 (KM[650] = 6.5).
            notes.add(GameIssue.KOMI_SCALED);
            return k / 100.0;
        }
        return k;
    }

    private static int parseIntOr(String v, int dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static int parsePlayer(String v) {
        // trim() drops every control character, isBlank() only whitespace: test what is left.
        String s = v == null ? "" : v.trim();
        if (s.isEmpty()) {
            return 0;
        }
        char c = Character.toUpperCase(s.charAt(0));
        return c == 'B' ? Board.BLACK : c == 'W' ? Board.WHITE : 0;
    }

    private static Charset charset(String ca, Set<GameIssue> notes) {
        if (ca == null || ca.isBlank()) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(ca.trim());
        } catch (IllegalArgumentException e) {
            notes.add(GameIssue.BAD_CHARSET);
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Decodes a text property, noting (not failing on) bytes invalid in the charset. */
    private static String text(SgfNode node, String id, Charset charset, Set<GameIssue> notes) {
        String raw = node.value(id);
        if (raw == null) {
            return null;
        }
        if (!charset.equals(StandardCharsets.ISO_8859_1)) {
            try {
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
            } catch (CharacterCodingException e) {
                notes.add(GameIssue.BAD_CHARSET);
            }
        }
        return SgfNode.decode(raw, charset);
    }

    private static boolean isBlank(byte[] data) {
        for (byte b : data) {
            if (b != 0 && b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** A growable int list, to avoid boxing while reading hundreds of moves per game. */
    static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }

        void clear() {
            n = 0;
        }

        void remove(int v) {
            for (int i = 0; i < n; i++) {
                if (a[i] == v) {
                    System.arraycopy(a, i + 1, a, i, n - i - 1);
                    n--;
                    return;
                }
            }
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
