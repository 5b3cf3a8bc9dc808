package org.tribuozoo.graph;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The native thread counts TensorFlow may be asked for. TensorFlow starts every thread of its pools
 * when a session is created and aborts the process (a native {@code pthread_create} failure, exit
 * 134) when one cannot be started, or spends minutes starting tens of thousands; so a count is
 * checked before any session exists:
 * <ul>
 *   <li>each count (intra-op, inter-op) is at least 1 and at most {@link #maximum()}: {@value #PER_CORE}
 *       per available core, never fewer than {@value #ALWAYS_ALLOWED} (so that a run recorded on a
 *       larger machine can be reproduced with its counts on a smaller one) and never more than
 *       {@value #MAX_THREADS};</li>
 *   <li>on Linux, when the user's limit on processes and threads ({@code ulimit -u}) is finite, the
 *       threads a new session would start must fit in what the user's running tasks leave of it
 *       ({@link #checkCanStart}).</li>
 * </ul>
 */
public final class ThreadLimits {

    /** The most threads one count may ask for, on any machine. */
    public static final int MAX_THREADS = 1024;
    /** Threads per available core a count may ask for. */
    public static final int PER_CORE = 4;
    /** A count up to this is allowed on any machine, however few its cores. */
    public static final int ALWAYS_ALLOWED = 64;

    private ThreadLimits() {
    }

    /**
     * The most threads one count may ask for on this machine.
     *
     * @return {@value #PER_CORE} per available core, at least {@value #ALWAYS_ALLOWED}, at most
     *         {@value #MAX_THREADS}
     */
    public static int maximum() {
        long perCore = (long) PER_CORE * Runtime.getRuntime().availableProcessors();
        return (int) Math.min(MAX_THREADS, Math.max(ALWAYS_ALLOWED, perCore));
    }

    /**
     * Why {@code count} threads cannot be asked for, to follow the setting's name; empty when they can.
     * For example {@code "must be at most 64 on this machine (4 per core of its 2 cores, at least 64,
     * never more than 1024), got 5000"}.
     *
     * @param count a requested thread count
     * @return the reason, starting with {@code must be}; empty when the count is allowed
     */
    public static Optional<String> problem(long count) {
        if (count < 1) {
            return Optional.of("must be at least 1, got " + count);
        }
        int max = maximum();
        if (count > max) {
            int cores = Runtime.getRuntime().availableProcessors();
            return Optional.of("must be at most " + max + " on this machine (" + PER_CORE + " per core of its "
                    + cores + (cores == 1 ? " core" : " cores") + ", at least " + ALWAYS_ALLOWED
                    + ", never more than " + MAX_THREADS + "), got " + count);
        }
        return Optional.empty();
    }

    /**
     * Checks one thread count.
     *
     * @param name  the setting, as the user knows it ({@code intraOpThreads}, {@code --threads})
     * @param count the requested thread count
     * @return the count
     * @throws IllegalArgumentException naming the setting and the allowed range
     */
    public static int check(String name, int count) {
        Optional<String> problem = problem(count);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(name + " " + problem.get());
        }
        return count;
    }

    /**
     * Checks that {@code newThreads} more threads can be started by this user: on Linux, when the
     * limit on the user's processes and threads ({@code ulimit -u}) is finite and applies (not to
     * root), the user's running tasks plus the new threads must stay below it. Elsewhere, or when the
     * limit cannot be read, nothing is checked.
     *
     * @param newThreads the threads a new session would start
     * @throws IllegalArgumentException saying how many threads would be started and what the limit leaves
     */
    public static void checkCanStart(int newThreads) {
        OptionalLong limit = processLimit(Path.of("/proc/self"));
        if (limit.isEmpty() || isRoot(Path.of("/proc/self"))) {
            return;
        }
        long used = userTasks(Path.of("/proc"), realUid(Path.of("/proc/self")));
        if (used + newThreads >= limit.getAsLong()) {
            throw new IllegalArgumentException("TensorFlow would start " + newThreads + " threads, but this user may "
                    + "run " + limit.getAsLong() + " processes and threads in all (ulimit -u) and runs " + used
                    + " already: use fewer threads, or raise the limit");
        }
    }

    /** The soft limit on the user's processes and threads, from {@code proc/PID/limits}; empty if unlimited. */
    static OptionalLong processLimit(Path process) {
        try {
            for (String line : Files.readAllLines(process.resolve("limits"))) {
                if (line.startsWith("Max processes")) {
                    String[] fields = line.substring("Max processes".length()).trim().split("\\s+");
                    return fields[0].equals("unlimited") ? OptionalLong.empty()
                            : OptionalLong.of(Long.parseLong(fields[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: nothing to check against.
        }
        return OptionalLong.empty();
    }

    private static boolean isRoot(Path process) {
        return realUid(process) == 0;
    }

    /** The real uid of a process ({@code Uid:} line of its status), or -1 when unknown. */
    private static long realUid(Path process) {
        return statusField(process, "Uid:");
    }

    private static long statusField(Path process, String field) {
        try {
            for (String line : Files.readAllLines(process.resolve("status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended, or no such file.
        }
        return -1;
    }

    /** The tasks (threads of every process) the user runs: what the kernel counts against {@code ulimit -u}. */
    static long userTasks(Path proc, long uid) {
        long tasks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path process : processes) {
                if (statusField(process, "Uid:") == uid) {
                    tasks += Math.max(1, statusField(process, "Threads:"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return tasks;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
