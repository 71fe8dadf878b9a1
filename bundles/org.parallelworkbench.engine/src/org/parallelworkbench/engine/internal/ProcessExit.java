package org.parallelworkbench.engine.internal;

import java.util.List;
import java.util.Map;

/** How a worker process ended, in words a user understands. */
final class ProcessExit {

    /** Signals a worker may end by, as a Java {@link Process} reports them: 128 + the signal's number. */
    private static final Map<Integer, String> SIGNALS = Map.of(
            1, "SIGHUP, hung up",
            2, "SIGINT, interrupted",
            6, "SIGABRT, aborted: the JVM crashed, see its hs_err_pid file",
            9, "SIGKILL, killed, e.g. by the kernel's out-of-memory killer",
            11, "SIGSEGV, a segmentation fault in native code",
            15, "SIGTERM, terminated");

    private ProcessExit() {
    }

    /** E.g. "exit code 3" or "signal 9 (SIGKILL, killed, e.g. by the kernel's out-of-memory killer)". */
    static String describe(int exitValue) {
        if (exitValue > 128 && exitValue < 128 + 64) {
            int signal = exitValue - 128;
            String name = SIGNALS.get(signal);
            return "signal " + signal + (name == null ? "" : " (" + name + ")");
        }
        return "exit code " + exitValue;
    }

    /** "; its last output: a | b" or "" when it wrote nothing. */
    static String lastOutput(List<String> lines) {
        return lines.isEmpty() ? "" : "; its last output: " + String.join(" | ", lines);
    }
}
