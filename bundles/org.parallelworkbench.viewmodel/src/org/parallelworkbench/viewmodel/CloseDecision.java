package org.parallelworkbench.viewmodel;

/** What the window should do when the user asks to close it. */
public sealed interface CloseDecision {

    /** Nothing is running: close. */
    record Close() implements CloseDecision {
    }

    /** Runs are active: ask the user whether to cancel them and exit, or keep running. */
    record AskUser(int activeRuns, String question) implements CloseDecision {
    }
}
