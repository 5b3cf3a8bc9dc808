package org.tribuozoo.go;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tribuozoo.go.features.FeaturePlanes;
import org.tribuozoo.go.features.PlaneGroup;
import org.tribuozoo.go.io.SgfFiles;
import org.tribuozoo.go.rules.Board;
import org.tribuozoo.go.rules.GameReplay;
import org.tribuozoo.go.sgf.GameRecord;
import org.tribuozoo.go.sgf.GameRecordReader;
import org.tribuozoo.go.sgf.SgfFormatException;

/**
 * The sums over the board of every feature plane for one position of one game: a quick way to
 * inspect what the features say, and a regression check against reference values.
 */
public final class PlanesReport {

    private PlanesReport() {
    }

    /**
     * Computes the report for the position before move {@code beforeMove} of the main line of the
     * first game in an SGF file. Move 1 is the first move after the setup, so {@code beforeMove = 1}
     * is the starting position. The planes are relative to the player of that move.
     *
     * @return one line per {@link PlaneGroup}, e.g. {@code liberties_after: [0, 4, 68, 289, 0, 0, 0, 0]}
     * @throws GoDataException when the file is missing or unreadable, is not SGF, or the game has
     *                         no move {@code beforeMove} (too short, or cut by an illegal move)
     */
    public static List<String> of(Path sgf, int beforeMove) {
        int[] sums = planeSums(readGame(sgf), beforeMove);
        List<String> lines = new ArrayList<>();
        for (PlaneGroup g : PlaneGroup.values()) {
            lines.add(g.line(sums));
        }
        return lines;
    }

    /** Reads the first game of an SGF file, with user-facing errors. */
    static GameRecord readGame(Path sgf) {
        byte[] data;
        try {
            data = SgfFiles.readFile(sgf);
        } catch (NoSuchFileException e) {
            throw new GoDataException("no such SGF file: " + sgf);
        } catch (AccessDeniedException e) {
            throw new GoDataException("cannot read " + sgf + ": permission denied", e);
        } catch (IOException e) {
            throw new GoDataException("cannot read " + sgf + ": " + e.getMessage(), e);
        }
        try {
            return GameRecordReader.readFirst(data, sgf.toString());
        } catch (SgfFormatException e) {
            throw new GoDataException("not a readable SGF game: " + e.getMessage(), e);
        }
    }

    /**
     * @return the 48 plane sums of the position before move {@code beforeMove} (1-based)
     * @throws GoDataException when the game has no such move
     */
    public static int[] planeSums(GameRecord game, int beforeMove) {
        int moves = game.moveCount();
        if (beforeMove < 1 || beforeMove > moves) {
            throw new GoDataException(game.source() + " has " + moves + " moves; the move number must be in 1.."
                    + moves + ", got " + beforeMove);
        }
        Board board = new Board(game.size());
        long[] planes = new long[game.size() * game.size()];
        FeaturePlanes features = new FeaturePlanes();
        boolean[] reached = {false};
        GameReplay.Outcome outcome = GameReplay.replay(game, board, (b, toMove, index, point) -> {
            if (index == beforeMove - 1) {
                features.compute(b, toMove, planes);
                reached[0] = true;
                return false;
            }
            return true;
        });
        if (!reached[0]) {
            int cutAt = outcome.movesPlayed() + 1;
            throw new GoDataException(game.source() + " is cut at move " + cutAt + " ("
                    + (outcome.cut() == null ? "end" : outcome.cut().description()) + "); the move number must be in 1.."
                    + (cutAt - 1) + ", got " + beforeMove);
        }
        return FeaturePlanes.planeSums(planes, planes.length);
    }
}
