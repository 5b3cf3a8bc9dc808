package org.tribuozoo.go.testutil;

import java.util.HashMap;
import java.util.Map;
import org.tribuozoo.go.rules.Board;

/**
 * A board drawn as text, in the style of RocAlphaGo's test boards: rows separated by {@code |},
 * spaces ignored, {@code B X #} black, {@code W O} white, {@code .} empty, any other character an
 * empty point marked for the test to refer to. The board is square, sized by the longer of the
 * row length and the row count. Stones are placed as setup (no captures, no move history).
 *
 * <p>RocAlphaGo indexes its boards {@code (x, y)} with {@code x} the row of such a drawing; here
 * that is (row, col), so its coordinates carry over unchanged.
 */
public final class Diagram {

    public final Board board;
    private final Map<Character, Integer> marks = new HashMap<>();

    private Diagram(Board board) {
        this.board = board;
    }

    public static Diagram parse(String text) {
        String[] rows = text.replace(" ", "").split("\\|");
        int size = rows.length;
        for (String r : rows) {
            size = Math.max(size, r.length());
        }
        // RocAlphaGo: size = max(index of the first '|', number of '|').
        Board b = new Board(size);
        Diagram d = new Diagram(b);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length(); c++) {
                char ch = rows[r].charAt(c);
                int v = b.vertex(r, c);
                switch (ch) {
                    case '.' -> { }
                    case 'B', 'X', '#' -> b.setup(v, Board.BLACK);
                    case 'W', 'O' -> b.setup(v, Board.WHITE);
                    default -> {
                        if (d.marks.put(ch, v) != null) {
                            throw new IllegalArgumentException("mark " + ch + " used twice");
                        }
                    }
                }
            }
        }
        b.finishSetup();
        return d;
    }

    /** @return the vertex of a marked point. */
    public int at(char mark) {
        Integer v = marks.get(mark);
        if (v == null) {
            throw new IllegalArgumentException("no mark " + mark);
        }
        return v;
    }
}
