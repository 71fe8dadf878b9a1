package org.parallelworkbench.install;

import java.util.Objects;

/**
 * A run of a worker bundle's provider that is active while the bundle is to change: in this process (where a
 * forced change cancels it) or in another product process sharing the run journal (which cancels it itself as
 * the provider goes).
 *
 * @param providerName the provider's name where this process knows it, else its id
 * @param status       this process's run state, e.g. {@code RUNNING}; for another process's run, when it started,
 *                     e.g. {@code started 2026-12-02 10:15:30Z}
 */
public record ActiveRun(String runId, String providerId, String providerName, String status, boolean inThisProcess) {

    public ActiveRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(providerId, "providerId");
        providerName = Objects.requireNonNullElse(providerName, providerId);
        status = Objects.requireNonNullElse(status, "");
    }

    /** "3 (ticker, RUNNING)" or "7 (ticker, started 2026-12-02 10:15:30Z, in another Parallel Workbench process)". */
    public String describe() {
        return runId + " (" + providerId + ", " + status + (inThisProcess ? "" : ", in another Parallel Workbench process") + ")";
    }
}
