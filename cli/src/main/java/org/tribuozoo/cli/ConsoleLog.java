package org.tribuozoo.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Shows the library's log records (java.util.logging under {@code org.tribuozoo}) on the
 * command's error stream as plain lines, one per record, instead of the JDK's default two-line
 * format with a timestamp and a class name. INFO and above are shown; {@code --verbose} adds FINE.
 * Tribuo's own records ({@code org.tribuo}) are shown the same way from WARNING up.
 *
 * <p>Installed for one {@link ZooCommand#execute} call and removed afterwards, so commands run
 * one after another in the same JVM (the tests do that) each write to their own stream.
 */
final class ConsoleLog extends Handler implements AutoCloseable {

    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the settings. */
    private static final Logger LIBRARY = Logger.getLogger("org.tribuozoo");
    /** Tribuo's own loggers: only their warnings are shown (an ill-defined metric, for example). */
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    private final PrintWriter err;
    private final Level previousLevel;
    private final boolean previousUseParent;
    private final Level previousTribuoLevel;
    private final boolean previousTribuoUseParent;

    private ConsoleLog(PrintWriter err) {
        this.err = err;
        this.previousLevel = LIBRARY.getLevel();
        this.previousUseParent = LIBRARY.getUseParentHandlers();
        this.previousTribuoLevel = TRIBUO.getLevel();
        this.previousTribuoUseParent = TRIBUO.getUseParentHandlers();
        setFormatter(new SimpleFormatter());
    }

    /** Routes the library's records to {@code err} until {@link #close()}. */
    static ConsoleLog install(PrintWriter err) {
        ConsoleLog log = new ConsoleLog(err);
        log.setLevel(Level.ALL);
        LIBRARY.setLevel(Level.INFO);
        LIBRARY.setUseParentHandlers(false);
        LIBRARY.addHandler(log);
        TRIBUO.setLevel(Level.WARNING);
        TRIBUO.setUseParentHandlers(false);
        TRIBUO.addHandler(log);
        return log;
    }

    /** With {@code --verbose}, FINE records too (data loading details, skipped files one by one). */
    static void verbose(boolean on) {
        LIBRARY.setLevel(on ? Level.FINE : Level.INFO);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = getFormatter().formatMessage(record);
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            message = "warning: " + message;
        }
        synchronized (err) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        LIBRARY.removeHandler(this);
        LIBRARY.setLevel(previousLevel);
        LIBRARY.setUseParentHandlers(previousUseParent);
        TRIBUO.removeHandler(this);
        TRIBUO.setLevel(previousTribuoLevel);
        TRIBUO.setUseParentHandlers(previousTribuoUseParent);
        err.flush();
    }
}
