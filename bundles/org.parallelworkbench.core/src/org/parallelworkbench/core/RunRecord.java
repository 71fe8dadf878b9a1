package org.parallelworkbench.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run in the history: what ran with which parameters, when, and how it ended.
 *
 * @param endedAt null while the run is active or when it was interrupted
 * @param target     where the run's units executed (since 0.4)
 * @param executedBy for a run on the cluster, the members that executed its units (see
 *                   {@link RunHandle#executedBy()}); empty otherwise (since 0.5)
 */
public record RunRecord(String runId, String providerId, String providerVersion, Parameters parameters,
        Instant startedAt, Instant endedAt, Status status, String summary, String reason, ExecutionTarget target,
        List<String> executedBy) {

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
        target = target == null ? ExecutionTarget.THREADS : target;
        executedBy = executedBy == null ? List.of() : List.copyOf(executedBy);
    }

    /** A record without the members that executed it, as every record was before 0.5. */
    public RunRecord(String runId, String providerId, String providerVersion, Parameters parameters,
            Instant startedAt, Instant endedAt, Status status, String summary, String reason, ExecutionTarget target) {
        this(runId, providerId, providerVersion, parameters, startedAt, endedAt, status, summary, reason, target,
                List.of());
    }

    /** A record of a run on threads, as every run was before 0.4. */
    public RunRecord(String runId, String providerId, String providerVersion, Parameters parameters,
            Instant startedAt, Instant endedAt, Status status, String summary, String reason) {
        this(runId, providerId, providerVersion, parameters, startedAt, endedAt, status, summary, reason,
                ExecutionTarget.THREADS);
    }
}
