package org.tribuozoo.go.data;

/** The three disjoint parts of a converted data set; games, not positions, are assigned to them. */
public enum Split {
    TRAIN("train"),
    VALIDATION("validation"),
    TEST("test");

    private final String fileName;

    Split(String fileName) {
        this.fileName = fileName;
    }

    /** @return the shard file prefix, e.g. {@code train}. */
    public String fileName() {
        return fileName;
    }

    /**
     * Assigns a game to a split, deterministically from the seed and the game id alone, so the
     * assignment does not depend on threads, limits or the other games.
     */
    public static Split assign(long seed, int gameId, double validationFraction, double testFraction) {
        double u = (mix(seed * 0x9E3779B97F4A7C15L + gameId) >>> 11) * 0x1.0p-53;
        if (u < testFraction) {
            return TEST;
        }
        if (u < testFraction + validationFraction) {
            return VALIDATION;
        }
        return TRAIN;
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
