package org.parallelworkbench.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the messages of the warnings and errors logged under one logger name through
 * {@link System.Logger}, which the JDK hands to java.util.logging when no other logging backend is installed
 * (as in the test runtime). Collects from any thread until closed.
 */
public final class LoggedWarnings extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    /** Starts collecting what is logged under the name (and the names below it). */
    public LoggedWarnings(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    /** Starts collecting what the class logs under its own name. */
    public LoggedWarnings(Class<?> source) {
        this(source.getName());
    }

    /** The messages collected so far, oldest first. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The messages collected so far that contain the text, oldest first. */
    public List<String> containing(String text) {
        return warnings.stream().filter(warning -> warning.contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getMessage());
        }
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    /** Stops collecting; the messages collected stay readable. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
