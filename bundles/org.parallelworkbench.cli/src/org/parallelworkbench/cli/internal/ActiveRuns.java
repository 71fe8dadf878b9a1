package org.parallelworkbench.cli.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunRecord;

/**
 * The active runs that changing a worker bundle would end: they make an update or uninstall refuse unless
 * forced, and forcing ends them first. A Gogo command sees the runs of its own process through the
 * {@link JobService}, and those of the other product processes (the window, a headless run) through the shared
 * run journal; a headless command has no runs of its own.
 */
interface ActiveRuns {

    /**
     * One text per active run of these providers, e.g. "3 (ticker, RUNNING)" or "7 (ticker, started 2026-12-02
     * 10:15:30Z, in another Parallel Workbench process)"; empty when none.
     */
    List<String> of(Collection<String> providerIds);

    /** Ends the active runs of these providers with {@code reason}, or says how they will end; appends what happened. */
    void end(Collection<String> providerIds, String reason, StringBuilder text) throws InterruptedException;

    /** The runs of this process: cancelled with the reason, and waited for (at most {@code cancelTimeoutMillis} each). */
    static ActiveRuns inThisProcess(JobService jobs, long cancelTimeoutMillis) {
        return new ActiveRuns() {
            @Override
            public List<String> of(Collection<String> providerIds) {
                return runs(providerIds).stream().map(r -> r.id() + " (" + r.provider().id() + ", " + r.state() + ")").toList();
            }

            @Override
            public void end(Collection<String> providerIds, String reason, StringBuilder text) throws InterruptedException {
                List<RunHandle> runs = runs(providerIds);
                runs.forEach(run -> run.cancel(reason));
                for (RunHandle run : runs) {
                    try {
                        run.outcome().toCompletableFuture().get(cancelTimeoutMillis, TimeUnit.MILLISECONDS);
                        text.append("Cancelled run ").append(run.id()).append(" (").append(run.provider().id()).append("): ");
                    } catch (ExecutionException | TimeoutException e) {
                        text.append("Run ").append(run.id()).append(" (").append(run.provider().id()).append(") was asked to stop: ");
                    }
                    text.append(reason).append('\n');
                }
            }

            private List<RunHandle> runs(Collection<String> providerIds) {
                return jobs.activeRuns().stream().filter(r -> providerIds.contains(r.provider().id())).toList();
            }
        };
    }

    /** {@link #inOtherProcesses(RunHistory, Supplier)} for a process that starts no runs. */
    static ActiveRuns inOtherProcesses(RunHistory history) {
        return inOtherProcesses(history, Set::of);
    }

    /**
     * The runs of other product processes, as the run journal shows them: their process cancels them itself when
     * the provider goes ("Provider 'x' was removed"); this one cannot reach them. Run ids start with their
     * engine's start time, so those of this process ({@code ownRunIds}) are told apart by id.
     */
    static ActiveRuns inOtherProcesses(RunHistory history, Supplier<Set<String>> ownRunIds) {
        DateTimeFormatter started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
        return new ActiveRuns() {
            @Override
            public List<String> of(Collection<String> providerIds) {
                return runs(providerIds).stream()
                        .map(r -> r.runId() + " (" + r.providerId() + ", started " + started.format(r.startedAt())
                                + ", in another Parallel Workbench process)")
                        .toList();
            }

            @Override
            public void end(Collection<String> providerIds, String reason, StringBuilder text) {
                for (RunRecord run : runs(providerIds)) {
                    text.append("Run ").append(run.runId()).append(" (").append(run.providerId())
                            .append(") in another Parallel Workbench process is cancelled there as its provider goes\n");
                }
            }

            private List<RunRecord> runs(Collection<String> providerIds) {
                Set<String> own = ownRunIds.get();
                return history.records().stream().filter(r -> r.status() == RunRecord.Status.ACTIVE
                        && providerIds.contains(r.providerId()) && !own.contains(r.runId())).toList();
            }
        };
    }

    /** This process's runs first, then the others'. */
    static ActiveRuns both(ActiveRuns first, ActiveRuns second) {
        return new ActiveRuns() {
            @Override
            public List<String> of(Collection<String> providerIds) {
                return Stream.concat(first.of(providerIds).stream(), second.of(providerIds).stream()).toList();
            }

            @Override
            public void end(Collection<String> providerIds, String reason, StringBuilder text) throws InterruptedException {
                first.end(providerIds, reason, text);
                second.end(providerIds, reason, text);
            }
        };
    }
}
