package org.parallelworkbench.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One run in the history: what ran with which parameters, when, and how it ended.
 *
 * @param endedAt null while the run is active or when it was interrupted
 */
public record RunRecord(String runId, String providerId, String providerVersion, Parameters parameters,
        Instant startedAt, Instant endedAt, Status status, String summary, String reason) {

    public enum Status {
        ACTIVE, SUCCEEDED, FAILED, CANCELED,
        /** The product stopped (crashed, was killed) while the run was active. */
        INTERRUPTED;

        public static Status of(RunState state) {
            return switch (state) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case CANCELED -> CANCELED;
            case SCHEDULED, RUNNING -> ACTIVE;
            };
        }
    }

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        providerVersion = providerVersion == null ? "" : providerVersion;
        summary = summary == null ? "" : summary;
        reason = reason == null ? "" : reason;
    }
}
