package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Misbehaviour the engine survived (a stuck unit, an observer that threw or blocks): each is logged at
 * WARNING and the latest {@link #KEPT_INCIDENTS} are kept, so tests and diagnostics can read them.
 * <p>
 * Threading: thread-safe; {@link #report} never blocks beyond the logger.
 */
final class Incidents {

    private static final System.Logger LOG = System.getLogger(Incidents.class.getName());
    static final int KEPT_INCIDENTS = 100;

    private final Deque<String> recent = new ArrayDeque<>();

    void report(String message, Throwable cause) {
        synchronized (recent) {
            if (recent.size() == KEPT_INCIDENTS) {
                recent.removeFirst();
            }
            recent.addLast(message);
        }
        // Logged once kept, so whoever the log line wakes finds the incident in recent().
        LOG.log(Level.WARNING, message, cause);
    }

    /** The latest incidents, oldest first. */
    List<String> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
