package org.parallelworkbench.core;

/** The life of a run. Transitions only go forward; the last three states are final. */
public enum RunState {
    SCHEDULED, RUNNING, SUCCEEDED, FAILED, CANCELED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
