package org.tribuozoo.cli;

import org.tribuozoo.graph.ThreadLimits;

/**
 * The one rule for every {@code --threads} option: a count within {@link ThreadLimits} (at least 1,
 * at most four per core with never fewer than 64 nor more than 1024 allowed, and within the user's
 * {@code ulimit -u}), checked before anything starts a thread, so that a count the machine cannot run
 * is one line rather than a native abort.
 */
public final class ThreadsOption {

    private ThreadsOption() {
    }

    /**
     * Checks a count option that is not a thread count but has the same range ({@code --replicas}).
     *
     * @param count  the value given
     * @param option the option's name, for the message
     * @throws UserException naming the option and the allowed range
     */
    public static void check(int count, String option) {
        ThreadLimits.problem(count).ifPresent(problem -> {
            throw new UserException(option + " " + problem);
        });
    }

    /**
     * Checks a {@code --threads} value.
     *
     * @param threads the value given; null when the option was not given
     * @throws UserException naming the option and the allowed range
     */
    public static void check(Integer threads) {
        if (threads != null) {
            ThreadLimits.problem(threads).ifPresent(problem -> {
                throw new UserException("--threads " + problem);
            });
            try {
                // TensorFlow's two pools, each of this size: checked now rather than once the data are read.
                ThreadLimits.checkCanStart(2 * threads);
            } catch (IllegalArgumentException e) {
                throw new UserException("--threads " + threads + ": " + e.getMessage(), e);
            }
        }
    }
}
