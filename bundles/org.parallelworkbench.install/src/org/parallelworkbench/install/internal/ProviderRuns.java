package org.parallelworkbench.install.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.install.ActiveRun;
import org.parallelworkbench.install.ChangeOutcome.EndedRun;

/**
 * The active runs of some providers: this process's through its engine, the other product processes' through the
 * run journal they share. Run ids start with their engine's start time, so this process's runs are told apart from
 * the journal's by id.
 */
final class ProviderRuns {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Supplier<JobService> jobs;
    private final Supplier<RunHistory> journal;

    ProviderRuns(Supplier<JobService> jobs, Supplier<RunHistory> journal) {
        this.jobs = jobs;
        this.journal = journal;
    }

    /** This process's runs first, then the others'. */
    List<ActiveRun> of(Collection<String> providerIds) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        List<ActiveRun> runs = new ArrayList<>();
        own(providerIds).forEach(run -> runs.add(activeRun(run)));
        Set<String> ownIds = ownRunIds();
        for (RunRecord run : journal()) {
            if (run.status() == RunRecord.Status.ACTIVE && providerIds.contains(run.providerId()) && !ownIds.contains(run.runId())) {
                runs.add(new ActiveRun(run.runId(), run.providerId(), providerName(run.providerId()),
                        "started " + STARTED.format(run.startedAt()), false));
            }
        }
        return runs;
    }

    /**
     * Cancels this process's active runs of the providers with the reason and waits, at most {@code timeoutMillis}
     * in all, for them to end; the other processes' runs among {@code active} (as {@link #of} found them) are
     * listed, as their process cancels them.
     */
    List<EndedRun> end(Collection<String> providerIds, List<ActiveRun> active, String reason, long timeoutMillis)
            throws InterruptedException {
        List<RunHandle> own = own(providerIds);
        own.forEach(run -> run.cancel(reason));
        CompletableFuture<?>[] outcomes = own.stream().map(run -> run.outcome().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(outcomes).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a run that has not ended in time ends as its provider goes
        }
        List<EndedRun> ended = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            ended.add(new EndedRun(activeRun(own.get(i)), outcomes[i].isDone()));
        }
        active.stream().filter(run -> !run.inThisProcess()).forEach(run -> ended.add(new EndedRun(run, false)));
        return ended;
    }

    private static ActiveRun activeRun(RunHandle run) {
        return new ActiveRun(run.id(), run.provider().id(), run.provider().name(), run.state().name(), true);
    }

    private List<RunHandle> own(Collection<String> providerIds) {
        JobService engine = jobs.get();
        return engine == null ? List.of()
                : engine.activeRuns().stream().filter(run -> providerIds.contains(run.provider().id())).toList();
    }

    private Set<String> ownRunIds() {
        JobService engine = jobs.get();
        return engine == null ? Set.of() : engine.activeRuns().stream().map(RunHandle::id).collect(Collectors.toSet());
    }

    /** The journal's records; none when there is no journal or it cannot be read (its own log says why). */
    private List<RunRecord> journal() {
        RunHistory history = journal.get();
        try {
            return history == null ? List.of() : history.records();
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    private String providerName(String providerId) {
        JobService engine = jobs.get();
        return engine == null ? providerId
                : engine.providers().stream().filter(p -> p.id().equals(providerId)).map(ProviderInfo::name).findFirst()
                        .orElse(providerId);
    }
}
