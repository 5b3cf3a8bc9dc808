package org.tribuozoo.go.sgf;

/**
 * What can be wrong with a real-world game record, in three kinds: the game is <em>skipped</em>
 * (nothing of it is used), <em>cut</em> (its positions up to the offending move are used), or a
 * <em>note</em> (tolerated and repaired, everything is used). Conversion reports count games per
 * issue.
 */
public enum GameIssue {

    // ---- skipped ----
    /** The file holds no game tree at all (empty, NUL bytes, not SGF). */
    NOT_SGF(Kind.SKIPPED, "not an SGF game (empty, NUL bytes or no game tree)"),
    /** The SGF structure is broken beyond repair. */
    PARSE_ERROR(Kind.SKIPPED, "SGF syntax error"),
    /** The board is not the size being converted (19x19), or SZ is unreadable. */
    UNSUPPORTED_SIZE(Kind.SKIPPED, "board size other than 19x19"),
    /** Fewer main-line moves than the minimum asked for. */
    TOO_SHORT(Kind.SKIPPED, "too few moves"),
    /** The archive entry could not be read. */
    UNREADABLE(Kind.SKIPPED, "unreadable entry"),

    // ---- cut ----
    /** A move on an occupied point. */
    ILLEGAL_OCCUPIED(Kind.CUT, "illegal move: occupied point"),
    /** A move without liberties that captures nothing. */
    ILLEGAL_SUICIDE(Kind.CUT, "illegal move: suicide"),
    /** An immediate ko recapture. */
    ILLEGAL_KO(Kind.CUT, "illegal move: ko retake"),
    /** A move whose point is not on the board or not a point. */
    BAD_MOVE(Kind.CUT, "unreadable or off-board move"),
    /** Setup properties (AB/AW/AE) after the first move, or both B and W in one node. */
    SETUP_IN_GAME(Kind.CUT, "setup or two moves in one node after the start"),

    // ---- notes ----
    /** The same colour moved twice; a pass by the other colour was implied. */
    IMPLIED_PASS(Kind.NOTE, "same colour twice (implied pass)"),
    /** Handicap stones were given as consecutive black moves; they were made setup stones. */
    HANDICAP_AS_MOVES(Kind.NOTE, "handicap given as black moves"),
    /** KM was scaled by 100. */
    KOMI_SCALED(Kind.NOTE, "komi scaled by 100"),
    /** No RE property. */
    NO_RESULT(Kind.NOTE, "no result (RE)"),
    /** Won on time or forfeit (W+T, W+Time, B+F, ...). */
    RESULT_TIME_OR_FORFEIT(Kind.NOTE, "won on time or forfeit"),
    /** Text with bytes invalid in the declared charset (replaced), or an unknown CA. */
    BAD_CHARSET(Kind.NOTE, "invalid characters or unknown charset"),
    /** The file ended inside the game tree; what was read is used. */
    TRUNCATED(Kind.NOTE, "file ends inside the game"),
    /** Side variations (commentary) were ignored; the main line is used. */
    VARIATIONS(Kind.NOTE, "variations ignored"),
    /** The collection held more than one game. */
    COLLECTION(Kind.NOTE, "several games in one file");

    /** The consequence of an issue for the game. */
    public enum Kind { SKIPPED, CUT, NOTE }

    private final Kind kind;
    private final String description;

    GameIssue(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }
}
