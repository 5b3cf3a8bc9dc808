package org.tribuozoo.cli;

/**
 * A command whose run {@code zoo resume} can continue: {@code zoo resume} parses the command line
 * recorded in the run's partial folder ({@link ResumeRecord}) into the command, then calls
 * {@link #resume()} instead of {@code call()}. The command does what it always does, except that it
 * reopens its partial folder ({@link RunFolder#reopen}) rather than creating one, and its trainer
 * continues from the checkpoint there.
 */
public interface ResumableCommand {

    /**
     * Continues the killed run and finishes it.
     *
     * @return the exit code
     */
    Integer resume() throws Exception;

    /**
     * The run folder the command writes, as its {@code --out} names it (where {@code zoo resume}
     * checks that the recorded run is the one asked for).
     */
    java.nio.file.Path target();
}
