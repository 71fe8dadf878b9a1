package org.parallelworkbench.core;

/** What observers of a run hear, in order, on an engine thread (never the UI thread). */
public sealed interface RunEvent {

    String runId();

    record StateChanged(String runId, RunState state, String reason) implements RunEvent {
    }

    /**
     * @param unitsDone  units finished so far
     * @param unitsTotal units in the run, or -1 for an open-ended run
     */
    record UnitCompleted(String runId, UnitResult result, long unitsDone, long unitsTotal) implements RunEvent {
    }
}
