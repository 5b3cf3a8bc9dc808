package org.tribuozoo.go.rules;

import org.tribuozoo.go.sgf.GameIssue;
import org.tribuozoo.go.sgf.GameRecord;

/**
 * Replays a {@link GameRecord} on a {@link Board}, showing every position before a move to a
 * visitor.
 *
 * <p>Setup stones are placed first. When the same colour moves twice in a row, a pass by the
 * other colour is implied (it ages the stones like any pass). An illegal move (occupied point,
 * suicide, ko retake) ends the replay: the positions before it have been visited (the position
 * whose move is illegal is not) and the outcome names the reason.
 */
public final class GameReplay {

    /** Receives each position before a move; the board must not be modified. */
    @FunctionalInterface
    public interface PositionVisitor {
        /**
         * @param board     the position before the move
         * @param toMove    the colour about to move
         * @param moveIndex the 0-based index of the move in {@link GameRecord#points()}
         * @param point     the point index about to be played, or {@link GameRecord#PASS}
         * @return false to stop the replay here
         */
        boolean position(Board board, int toMove, int moveIndex, int point);
    }

    /**
     * How a replay ended.
     *
     * @param movesPlayed  moves played (passes included, implied passes excluded)
     * @param cut          the issue that cut the game (illegal move, or the record's own cut), or null
     * @param impliedPasses how many passes were implied by a colour moving twice
     */
    public record Outcome(int movesPlayed, GameIssue cut, int impliedPasses) {
    }

    private GameReplay() {
    }

    /** Clears {@code board} and places the record's setup stones on it. */
    public static void setUp(GameRecord game, Board board) {
        if (board.size() != game.size()) {
            throw new IllegalArgumentException("board is " + board.size() + "x" + board.size() + ", game is " + game.size());
        }
        board.clear();
        for (int p : game.setupBlack()) {
            board.setup(board.vertexOfPoint(p), Board.BLACK);
        }
        for (int p : game.setupWhite()) {
            board.setup(board.vertexOfPoint(p), Board.WHITE);
        }
        board.finishSetup();
    }

    /**
     * Replays a game from its setup.
     *
     * @param visitor called before each move; may be null to only replay
     */
    public static Outcome replay(GameRecord game, Board board, PositionVisitor visitor) {
        setUp(game, board);
        int[] colours = game.colours();
        int[] points = game.points();
        int previous = 0;
        int implied = 0;
        for (int i = 0; i < points.length; i++) {
            int colour = colours[i];
            if (colour == previous) {
                board.pass();
                implied++;
            }
            int vertex = points[i] == GameRecord.PASS ? -1 : board.vertexOfPoint(points[i]);
            if (vertex >= 0) {
                // Checked before the visit: a position whose move is illegal is no training example.
                int legality = board.check(vertex, colour);
                if (legality < 0) {
                    return new Outcome(i, issueOf(legality), implied);
                }
            }
            if (visitor != null && !visitor.position(board, colour, i, points[i])) {
                return new Outcome(i, null, implied);
            }
            if (vertex < 0) {
                board.pass();
            } else {
                board.play(vertex, colour);
            }
            previous = colour;
        }
        return new Outcome(points.length, game.cut(), implied);
    }

    /** @return the issue for a negative {@link Board#play} result. */
    public static GameIssue issueOf(int playResult) {
        return switch (playResult) {
            case Board.ILLEGAL_OCCUPIED -> GameIssue.ILLEGAL_OCCUPIED;
            case Board.ILLEGAL_SUICIDE -> GameIssue.ILLEGAL_SUICIDE;
            case Board.ILLEGAL_KO -> GameIssue.ILLEGAL_KO;
            default -> throw new IllegalArgumentException("not an illegal-move code: " + playResult);
        };
    }
}
