package org.tribuozoo.cli.go;

import java.util.List;

import org.tribuozoo.go.GamePosition;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.Coordinates;

/**
 * A Go position as text: columns A..T without I, rows 19..1 from the top, {@code X} black,
 * {@code O} white, {@code .} empty, the candidate moves as their rank {@code 1}..{@code 9}
 * ({@code *} beyond 9), and the move actually played in brackets.
 */
final class AsciiBoard {

    private static final String COLUMNS = "ABCDEFGHJKLMNOPQRST";

    private AsciiBoard() {
    }

    /**
     * @param position   the position
     * @param candidates Go coordinates, best first
     * @param played     the point index of the move played, or -1
     */
    static String draw(GamePosition position, List<String> candidates, int played) {
        int size = position.size();
        char[] marks = new char[size * size];
        for (int p = 0; p < marks.length; p++) {
            marks[p] = switch (position.stones()[p]) {
                case Board.BLACK -> 'X';
                case Board.WHITE -> 'O';
                default -> '.';
            };
        }
        for (int i = candidates.size() - 1; i >= 0; i--) {
            marks[Coordinates.fromGo(candidates.get(i), size)] = i < 9 ? (char) ('1' + i) : '*';
        }
        StringBuilder b = new StringBuilder();
        String header = "   " + String.join(" ", COLUMNS.substring(0, size).split("")) + System.lineSeparator();
        b.append(header);
        for (int row = 0; row < size; row++) {
            int number = size - row;
            b.append(String.format("%2d", number));
            for (int col = 0; col < size; col++) {
                int p = row * size + col;
                boolean isPlayed = p == played;
                boolean afterPlayed = col > 0 && p - 1 == played;
                b.append(isPlayed ? '[' : afterPlayed ? ']' : ' ').append(marks[p]);
            }
            b.append(col(size - 1, row, size) == played ? "]" : " ");
            b.append(String.format("%d", number)).append(System.lineSeparator());
        }
        b.append(header);
        b.append("X black, O white, 1-").append(Math.min(9, candidates.size()))
                .append(" the network's candidates by rank").append(played >= 0 ? ", [ ] the move played" : "")
                .append(System.lineSeparator());
        return b.toString();
    }

    private static int col(int col, int row, int size) {
        return row * size + col;
    }
}
