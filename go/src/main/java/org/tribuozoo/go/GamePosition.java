package org.tribuozoo.go;

import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.GameReplay;
import org.tribuozoo.go.sgf.GameRecord;

/**
 * One position of a game, ready for a policy network and for display: the 48 planes as an NHWC
 * float array (the layout the networks and the shards use), the stones on the board, who is to
 * move, and the move actually played next.
 *
 * @param source     the game's source (file name)
 * @param size       board size
 * @param moveNumber the move about to be played (1-based; 1 is the starting position)
 * @param toMove     {@link Board#BLACK} or {@link Board#WHITE}
 * @param stones     the colour of each point index ({@link Board#EMPTY}, {@code BLACK}, {@code WHITE})
 * @param planes     {@code size * size * 48} values 0/1, point {@code p}, plane {@code k} at {@code p * 48 + k}
 * @param played     the point index of the move played, or {@link GameRecord#PASS}
 */
public record GamePosition(String source, int size, int moveNumber, int toMove, int[] stones, float[] planes,
                           int played) {

    /**
     * The position before move {@code beforeMove} of the main line of the first game in an SGF file.
     *
     * @throws GoDataException when the file is missing or unreadable, is not SGF, or the game has no
     *                         such move
     */
    public static GamePosition of(java.nio.file.Path sgf, int beforeMove) {
        return of(PlanesReport.readGame(sgf), beforeMove);
    }

    /**
     * The position before move {@code beforeMove} (1-based) of a game.
     *
     * @throws GoDataException when the game has no such move
     */
    public static GamePosition of(GameRecord game, int beforeMove) {
        int moves = game.moveCount();
        if (beforeMove < 1 || beforeMove > moves) {
            throw new GoDataException(game.source() + " has " + moves + " moves; the move number must be in 1.."
                    + moves + ", got " + beforeMove);
        }
        int size = game.size();
        int points = size * size;
        Board board = new Board(size);
        long[] masks = new long[points];
        int[] stones = new int[points];
        int[] mover = {0};
        FeaturePlanes features = new FeaturePlanes();
        GameReplay.Outcome outcome = GameReplay.replay(game, board, (b, toMove, index, point) -> {
            if (index == beforeMove - 1) {
                features.compute(b, toMove, masks);
                for (int p = 0; p < points; p++) {
                    stones[p] = b.colourAt(p / size, p % size);
                }
                mover[0] = toMove;
                return false;
            }
            return true;
        });
        if (mover[0] == 0) {
            int cutAt = outcome.movesPlayed() + 1;
            throw new GoDataException(game.source() + " is cut at move " + cutAt + " ("
                    + (outcome.cut() == null ? "end" : outcome.cut().description()) + "); the move number must be in 1.."
                    + (cutAt - 1) + ", got " + beforeMove);
        }
        float[] planes = new float[points * FeaturePlanes.COUNT];
        for (int p = 0; p < points; p++) {
            for (int k = 0; k < FeaturePlanes.COUNT; k++) {
                planes[p * FeaturePlanes.COUNT + k] = (masks[p] >>> k) & 1L;
            }
        }
        return new GamePosition(game.source(), size, beforeMove, mover[0], stones, planes,
                game.points()[beforeMove - 1]);
    }
}
