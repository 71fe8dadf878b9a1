package org.parallelworkbench.viewmodel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One line of the Log view: when, how bad, from where, what, and the full story ({@code detail}: a
 * stack trace or a failed run's whole reason). {@code runId} names the run the entry is about, empty
 * when it is about none. {@code sequence} is the entry's place in its log, from 1, assigned by the
 * {@link LogViewModel} that took it; it keeps two entries with the same text apart.
 */
public record LogEntry(long sequence, Instant time, Severity severity, String source, String message, String detail,
        String runId) {

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** How bad: the Log view shows warnings and errors, INFO only for what a caller posts on purpose. */
    public enum Severity {
        INFO, WARNING, ERROR
    }

    public LogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(severity, "severity");
        source = source == null ? "" : source;
        message = message == null ? "" : message;
        detail = detail == null ? "" : detail;
        runId = runId == null ? "" : runId;
    }

    /** The time in this machine's zone, "14:03:27". */
    public String timeOfDay() {
        return TIME_OF_DAY.format(time.atZone(ZoneId.systemDefault()));
    }

    public boolean isAboutRun() {
        return !runId.isEmpty();
    }
}
