package org.tribuozoo.go.rules;

/**
 * Conversions between the three ways this module names a board point.
 *
 * <ul>
 *   <li><b>point index</b> {@code row * size + col}, row-major from the <em>top</em> row as SGF
 *       writes it: index 0 is the top-left corner. On 19x19 the indices are 0..360; this is the
 *       training target.</li>
 *   <li><b>SGF point</b>: two lowercase letters, column then row from the top left, so
 *       {@code "aa"} is index 0 and {@code "sa"} is index 18.</li>
 *   <li><b>Go coordinate</b>: a column letter A..T skipping I, then the row number counted from
 *       the <em>bottom</em>. SGF row {@code a} (point row 0) is row 19 on 19x19, so index 0 is
 *       {@code A19}, index 18 is {@code T19}, index 360 is {@code T1}, and SGF {@code "pd"} is
 *       {@code Q16}.</li>
 * </ul>
 */
public final class Coordinates {

    private static final String COLUMNS = "ABCDEFGHJKLMNOPQRSTUVWXYZ";

    private Coordinates() {
    }

    /** @return the Go coordinate (e.g. {@code Q16}) of a point index on a {@code size} board. */
    public static String toGo(int point, int size) {
        checkPoint(point, size);
        int row = point / size;
        int col = point % size;
        return COLUMNS.charAt(col) + Integer.toString(size - row);
    }

    /** @return the Go coordinate of a point index on 19x19. */
    public static String toGo(int point) {
        return toGo(point, 19);
    }

    /**
     * Parses a Go coordinate such as {@code Q16} or {@code q16} (the letter I is not used).
     *
     * @return the point index on a {@code size} board
     * @throws IllegalArgumentException when malformed or off the board
     */
    public static int fromGo(String coordinate, int size) {
        String s = coordinate.trim().toUpperCase(java.util.Locale.ROOT);
        if (s.length() < 2) {
            throw new IllegalArgumentException("not a Go coordinate: '" + coordinate + "'");
        }
        int col = COLUMNS.indexOf(s.charAt(0));
        int number;
        try {
            number = Integer.parseInt(s.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Go coordinate: '" + coordinate + "'", e);
        }
        if (col < 0 || col >= size || number < 1 || number > size) {
            throw new IllegalArgumentException("Go coordinate off a " + size + "x" + size + " board: '" + coordinate + "'");
        }
        return (size - number) * size + col;
    }

    /** @return the point index of a Go coordinate on 19x19. */
    public static int fromGo(String coordinate) {
        return fromGo(coordinate, 19);
    }

    /** @return the two-letter SGF point of a point index. */
    public static String toSgf(int point, int size) {
        checkPoint(point, size);
        return "" + sgfLetter(point % size) + sgfLetter(point / size);
    }

    /**
     * @return the point index of a two-letter SGF point, or -1 when it is not on the board
     *         (including the {@code tt} pass on boards up to 19x19)
     */
    public static int fromSgf(char colLetter, char rowLetter, int size) {
        int col = sgfValue(colLetter);
        int row = sgfValue(rowLetter);
        if (col < 0 || row < 0 || col >= size || row >= size) {
            return -1;
        }
        return row * size + col;
    }

    /** SGF letters: a..z are 0..25, A..Z are 26..51. */
    static int sgfValue(char ch) {
        if (ch >= 'a' && ch <= 'z') {
            return ch - 'a';
        }
        if (ch >= 'A' && ch <= 'Z') {
            return ch - 'A' + 26;
        }
        return -1;
    }

    private static char sgfLetter(int v) {
        return (char) (v < 26 ? 'a' + v : 'A' + v - 26);
    }

    private static void checkPoint(int point, int size) {
        if (point < 0 || point >= size * size) {
            throw new IllegalArgumentException("point index " + point + " is off a " + size + "x" + size + " board");
        }
    }
}
