package org.tribuozoo.go.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.Coordinates;

/**
 * Writes small sets of legal 19x19 games as SGF files, so training and CLI tests run in seconds
 * without the shared data. Moves are drawn at random among the legal points, from a seed.
 */
public final class RandomGames {

    private RandomGames() {
    }

    /**
     * Writes {@code games} files {@code game-000.sgf}, ... of {@code moves} moves each into {@code dir}.
     *
     * @return {@code dir}
     */
    public static Path write(Path dir, int games, int moves, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        for (int g = 0; g < games; g++) {
            Files.writeString(dir.resolve(String.format("game-%03d.sgf", g)), sgf(moves, random));
        }
        return dir;
    }

    /** One game as SGF text: random legal moves, black first. */
    public static String sgf(int moves, SplittableRandom random) {
        Board board = new Board(19);
        StringBuilder s = new StringBuilder("(;GM[1]FF[4]SZ[19]KM[6.5]RE[B+R]");
        int colour = Board.BLACK;
        for (int m = 0; m < moves; m++) {
            int point;
            do {
                point = random.nextInt(361);
            } while (!board.isLegal(board.vertexOfPoint(point), colour));
            board.play(board.vertexOfPoint(point), colour);
            s.append(';').append(colour == Board.BLACK ? 'B' : 'W').append('[')
                    .append(Coordinates.toSgf(point, 19)).append(']');
            colour = Board.opponent(colour);
        }
        return s.append(")\n").toString();
    }
}
