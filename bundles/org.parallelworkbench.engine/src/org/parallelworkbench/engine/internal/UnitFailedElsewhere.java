package org.parallelworkbench.engine.internal;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * What a unit threw in another JVM (a worker process, a cluster member), as that JVM described it: the exception's
 * class name, its message and its stack trace as printed there. Logged and reported like the exception itself.
 */
final class UnitFailedElsewhere extends Exception {

    private static final long serialVersionUID = 1L;
    private final String remoteType;
    private final String remoteStackTrace;

    /** @param where appended to the message, e.g. " (on cluster member 10.0.0.2:5701)"; may be empty */
    UnitFailedElsewhere(String remoteType, String message, String remoteStackTrace, String where) {
        super((message.isBlank() ? remoteType : message) + where, null, false, false);
        this.remoteType = remoteType;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** The class name of what the unit threw. */
    String remoteType() {
        return remoteType;
    }

    @Override
    public String toString() {
        return remoteType + ": " + getMessage();
    }

    @Override
    public void printStackTrace(PrintWriter out) {
        out.println(remoteStackTrace.isBlank() ? toString() : remoteStackTrace.strip());
    }

    @Override
    public void printStackTrace(PrintStream out) {
        out.println(remoteStackTrace.isBlank() ? toString() : remoteStackTrace.strip());
    }
}
