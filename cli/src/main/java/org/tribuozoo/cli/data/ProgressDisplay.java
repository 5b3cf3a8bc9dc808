package org.tribuozoo.cli.data;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.text.DecimalFormat;

/** Shows how far each file's download has got. */
public interface ProgressDisplay {

    /** The display of one file's transfer; {@link #at} is called from the HTTP client's threads, one call at a time. */
    interface Transfer extends AutoCloseable {
        /** The file now holds this many bytes. */
        void at(long bytes);

        @Override
        void close();
    }

    /**
     * Starts showing a transfer.
     *
     * @param label        what is downloaded, e.g. {@code mnist/train-images-idx3-ubyte.gz}
     * @param initialBytes bytes already on disk (a resumed download)
     * @param totalBytes   the file's full size, or -1 when the server does not say
     */
    Transfer start(String label, long initialBytes, long totalBytes);

    /** Shows nothing (the fetcher still prints one line per file when it is done). */
    static ProgressDisplay none() {
        return (label, initialBytes, totalBytes) -> new Transfer() {
            @Override
            public void at(long bytes) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** A progress bar per file in megabytes, with the speed, redrawn in place on a terminal. */
    static ProgressDisplay consoleBar(PrintStream terminal) {
        return (label, initialBytes, totalBytes) -> {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(label)
                    .setInitialMax(totalBytes)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" MB", 1_000_000)
                    .showSpeed(new DecimalFormat("0.0"))
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setUpdateIntervalMillis(250)
                    .startsFrom(initialBytes, Duration.ZERO)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal))
                    .build();
            return new Transfer() {
                @Override
                public void at(long bytes) {
                    bar.stepTo(bytes);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        };
    }

    /** A bar when standard error is a terminal, else nothing, so logs and pipes never fill with redraws. */
    static ProgressDisplay forStandardError() {
        return System.console() != null ? consoleBar(System.err) : none();
    }
}
