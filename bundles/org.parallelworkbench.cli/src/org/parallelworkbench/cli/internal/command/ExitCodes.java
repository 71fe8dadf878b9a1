package org.parallelworkbench.cli.internal.command;

/**
 * The exit codes of the headless commands, in one place. They follow the shell's conventions: 2 for
 * bad usage (as {@code getopt} tools do), 128 + signal number for a run ended by a signal.
 */
public final class ExitCodes {

    /** The command did what was asked; for {@code run}, the run SUCCEEDED. */
    public static final int OK = 0;
    /** The run FAILED, or the platform did not come up; the reason is on stderr. */
    public static final int FAILED = 1;
    /** Bad arguments, unknown provider or invalid parameters; nothing was started. */
    public static final int USAGE = 2;
    /** The run was cancelled: 128 + SIGINT (2), what a shell reports after Ctrl+C. */
    public static final int CANCELED = 130;
    /** Ended by SIGTERM: 128 + 15. The JVM exits with it; no command returns it, the help names it. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
