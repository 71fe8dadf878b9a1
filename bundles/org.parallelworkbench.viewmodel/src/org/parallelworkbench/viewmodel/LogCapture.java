package org.parallelworkbench.viewmodel;

import java.util.Objects;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forwards java.util.logging records, where {@link System.Logger} goes in this product, to a
 * {@link LogViewModel}: WARNING and above by default ({@link #setLevel} changes it), the thrown
 * exception's stack trace as detail. An engine record about a run ("Run mibx3k2a-0003 (Primes run #3):
 * RUNNING -> FAILED (reason)") becomes an entry about that run, with the run's name as its source.
 * <p>
 * Threading: {@link #publish} is called on whatever thread logs; it never blocks (the model's
 * {@link LogViewModel#post} only queues) and never throws: a failure goes to the handler's
 * {@link ErrorManager}. {@link #install} and {@link #close} may be called from any thread.
 */
public final class LogCapture extends Handler {

    /**
     * What {@code Run#toString} in the engine writes: "Run", the id (base-36 time, '-', counter), and the
     * run's name, which ends in " run #" and its number (the provider's name before it may hold parentheses).
     */
    private static final Pattern RUN_MESSAGE = Pattern.compile("Run ([0-9a-z]+-[0-9a-z]+) \\((.+? run #\\d+)\\):? (.*)",
            Pattern.DOTALL);

    private final LogViewModel log;
    private final Logger logger;
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture(LogViewModel log, Logger logger) {
        this.log = Objects.requireNonNull(log, "log");
        this.logger = Objects.requireNonNull(logger, "logger");
        setLevel(Level.WARNING);
    }

    /**
     * Starts forwarding what reaches the logger (the root logger {@code Logger.getLogger("")} for
     * everything) until {@link #close()}. The logger's own level still filters first.
     */
    public static LogCapture install(LogViewModel log, Logger logger) {
        LogCapture capture = new LogCapture(log, logger);
        logger.addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        try {
            if (record != null && isLoggable(record)) {
                forward(record);
            }
        } catch (RuntimeException e) {
            reportError("The Log view could not take a log record", e, ErrorManager.WRITE_FAILURE);
        }
    }

    private void forward(LogRecord record) {
        String text = String.valueOf(formatter.formatMessage(record));
        String source = shortName(record.getLoggerName());
        String message = text;
        String runId = "";
        Matcher run = RUN_MESSAGE.matcher(text);
        if (run.matches()) {
            runId = run.group(1);
            source = run.group(2);
            message = run.group(3);
        }
        StringBuilder detail = new StringBuilder(text).append("\n\nLogger: ")
                .append(Objects.toString(record.getLoggerName(), "(none)"));
        if (record.getThrown() != null) {
            detail.append("\n\n").append(LogViewModel.stackTrace(record.getThrown()));
        }
        log.post(record.getInstant(), severity(record.getLevel()), source, firstLine(message), detail.toString(), runId);
    }

    /** System.Logger's ERROR arrives as SEVERE, its WARNING as WARNING. */
    static LogEntry.Severity severity(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            return LogEntry.Severity.ERROR;
        }
        return level.intValue() >= Level.WARNING.intValue() ? LogEntry.Severity.WARNING : LogEntry.Severity.INFO;
    }

    /** "org.parallelworkbench.engine.internal.Engine" shows as "Engine". */
    static String shortName(String loggerName) {
        if (loggerName == null || loggerName.isEmpty()) {
            return "";
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).stripTrailing();
    }

    @Override
    public void flush() {
        // nothing buffered here: the model's queue drains on its own
    }

    /** Stops forwarding; entries already posted stay. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
