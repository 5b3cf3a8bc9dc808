package org.tribuozoo.go.sgf;

import java.util.List;
import org.tribuozoo.go.rules.Board;

/**
 * The main line of one SGF game, reduced to what replaying it needs.
 *
 * @param source     where the game came from ({@code archive.tar.gz!dir/file.sgf#2} for the second
 *                   game of a collection)
 * @param size       the board size (SZ, default 19)
 * @param komi       komi (KM); a value of 50 or more in magnitude is read as scaled by 100
 *                   ({@code KM[650]} is 6.5)
 * @param handicap   HA, informational (the stones come from AB or leading black moves); 0 if absent
 * @param result     RE as written, or null when absent
 * @param blackName  PB, decoded with the CA charset, or null
 * @param whiteName  PW, or null
 * @param firstPlayer PL of the root: {@code Board.BLACK}, {@code Board.WHITE}, or 0 if absent
 * @param setupBlack point indices of AB stones of the root node
 * @param setupWhite point indices of AW stones of the root node
 * @param colours    the colour of each main-line move ({@code Board.BLACK}/{@code Board.WHITE})
 * @param points     the point index of each main-line move, {@link #PASS} for a pass
 * @param cut        why the main line was cut while reading it, or null when read to the end;
 *                   the moves before the cut are kept
 * @param notes      what was tolerated while reading (e.g. komi scaled, truncated file)
 */
public record GameRecord(String source, int size, double komi, int handicap, String result,
                         String blackName, String whiteName, int firstPlayer,
                         int[] setupBlack, int[] setupWhite, int[] colours, int[] points,
                         GameIssue cut, List<GameIssue> notes) {

    /** The point value of a pass. */
    public static final int PASS = -1;

    /** @return the number of main-line moves (passes included). */
    public int moveCount() {
        return points.length;
    }

    /** @return the winner from RE: {@code Board.BLACK}, {@code Board.WHITE}, or 0 (draw, void, unknown). */
    public int winner() {
        if (result == null || result.isEmpty()) {
            return 0;
        }
        String r = result.trim();
        char c = r.isEmpty() ? '?' : Character.toUpperCase(r.charAt(0));
        return c == 'B' ? Board.BLACK : c == 'W' ? Board.WHITE : 0;
    }

    @Override
    public String toString() {
        return source + " (" + size + "x" + size + ", " + points.length + " moves, RE " + result + ")";
    }
}
