package org.parallelworkbench.cli.internal;

/**
 * The exit codes of the headless commands, in one place. They follow the shell's conventions: 2 for
 * bad usage (as {@code getopt} tools do), 128 + signal number for a run ended by a signal.
 */
final class ExitCodes {

    /** The command did what was asked; for {@code run}, the run SUCCEEDED. */
    static final int OK = 0;
    /** The run FAILED, or the platform did not come up; the reason is on stderr. */
    static final int FAILED = 1;
    /** Bad arguments, unknown provider or invalid parameters; nothing was started. */
    static final int USAGE = 2;
    /** The run was cancelled: 128 + SIGINT (2), what a shell reports after Ctrl+C. */
    static final int CANCELED = 130;

    private ExitCodes() {
    }
}
