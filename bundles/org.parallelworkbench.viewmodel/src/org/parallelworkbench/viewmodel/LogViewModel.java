package org.parallelworkbench.viewmodel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.eclipse.core.databinding.observable.value.ComputedValue;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;

/**
 * The Log view's state: warnings and errors, newest first, each with its detail one selection away.
 * <p>
 * Threading: {@link #post}, {@link #postRunOutcome} and {@link #follow} may be called from any thread;
 * they never block and never touch an observable. Posted entries wait in a queue that one
 * {@link Realm#asyncExec} at a time drains into the list, at most about 60 times a second (as
 * {@link LatestValueRelay} does), so a flood of log records costs the Realm a bounded number of
 * updates. Nothing posted is lost except by the cap: the newest {@link #capacity()} entries are kept,
 * older ones are dropped and counted in {@link #droppedCount()}. Everything else is for the Realm's
 * thread.
 */
public final class LogViewModel {

    public static final int DEFAULT_CAPACITY = 1_000;
    /** Entries of the same run shown under the selected one's detail; the rest are only counted. */
    static final int MAX_RELATED_IN_DETAIL = 20;

    private final Realm realm;
    private final int capacity;
    private final WritableList<LogEntry> entries;
    private final WritableValue<LogEntry> selected;
    private final WritableValue<Integer> unseenErrors;
    private final WritableValue<Long> droppedCount;
    private final IObservableValue<String> detail;
    private final IObservableValue<String> summary;

    private final ConcurrentLinkedQueue<LogEntry> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong droppedWhilePending = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    /** Paces deliveries as the run rows are paced: one queued at a time, at most about 60 a second. */
    private final LatestValueRelay<Boolean> wakeUp;

    /** Keeps the newest {@link #DEFAULT_CAPACITY} entries. */
    public LogViewModel(Realm realm) {
        this(realm, DEFAULT_CAPACITY);
    }

    /** @param capacity how many entries are kept, at least 1 */
    public LogViewModel(Realm realm, int capacity) {
        this(realm, capacity, TimeUnit.MILLISECONDS.toNanos(LatestValueRelay.MIN_INTERVAL_MILLIS), System::nanoTime);
    }

    LogViewModel(Realm realm, int capacity, long minIntervalNanos, LongSupplier nanoClock) {
        this.realm = Objects.requireNonNull(realm, "realm");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        wakeUp = new LatestValueRelay<>(realm, ignored -> deliver(), minIntervalNanos, nanoClock);
        entries = new WritableList<>(realm, new ArrayList<>(), LogEntry.class);
        selected = new WritableValue<>(realm, null, LogEntry.class);
        unseenErrors = new WritableValue<>(realm, 0, Integer.class);
        droppedCount = new WritableValue<>(realm, 0L, Long.class);
        detail = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                return describeWithRun(selected.getValue());
            }
        };
        summary = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                return summarize();
            }
        };
    }

    public int capacity() {
        return capacity;
    }

    /** Newest first; at most {@link #capacity()} entries. */
    public IObservableList<LogEntry> entries() {
        return entries;
    }

    /** The entry whose detail is shown; null when none. The view binds its selection to it. */
    public IObservableValue<LogEntry> selected() {
        return selected;
    }

    /**
     * The selected entry in full: time, severity, source, message and detail; for an entry about a run,
     * the run's other entries (oldest first) follow, so the cause of a failure is in one place.
     * Empty when nothing is selected.
     */
    public IObservableValue<String> detail() {
        return detail;
    }

    /** ERROR entries that arrived since {@link #markErrorsSeen()} or {@link #clear()}, for a status line. */
    public IObservableValue<Integer> unseenErrors() {
        return unseenErrors;
    }

    /** Entries dropped by the cap since the last {@link #clear()}. */
    public IObservableValue<Long> droppedCount() {
        return droppedCount;
    }

    /** One line about the whole log, e.g. "3 entries (1 error), 240 older entries dropped". */
    public IObservableValue<String> summary() {
        return summary;
    }

    /**
     * Adds an entry. Any thread; never blocks, never throws for null texts (they become empty).
     *
     * @param runId the run the entry is about; null or empty when none
     */
    public void post(Instant time, LogEntry.Severity severity, String source, String message, String detail, String runId) {
        pending.add(new LogEntry(sequence.incrementAndGet(), time, severity, source, message, detail, runId));
        // Bounded also while the Realm is busy: the oldest waiting entry makes room.
        if (pendingCount.incrementAndGet() > capacity && pending.poll() != null) {
            pendingCount.decrementAndGet();
            droppedWhilePending.incrementAndGet();
        }
        wakeUp.offer(Boolean.TRUE);
    }

    /**
     * Posts a FAILED outcome as an ERROR entry about the run, its reason in the message and the detail;
     * other outcomes are not warnings and are ignored. Any thread; never blocks.
     */
    public void postRunOutcome(RunHandle handle, RunOutcome outcome) {
        if (outcome.state() == RunState.FAILED) {
            postRunFailure(handle, outcome.reason(), describeRun(handle, outcome.reason())
                    + "\nElapsed: " + outcome.elapsed().toMillis() + " ms, " + outcome.results().size() + " unit results");
        }
    }

    /**
     * Posts the run's outcome once it ends: an ERROR entry if it failed, or if its outcome completed
     * exceptionally (with the stack trace as detail). So a failed run has an entry even when logging is
     * configured off. Any thread; never blocks.
     */
    public void follow(RunHandle handle) {
        handle.outcome().whenComplete((outcome, failure) -> {
            if (outcome != null) {
                postRunOutcome(handle, outcome);
            } else {
                String reason = String.valueOf(failure);
                postRunFailure(handle, reason, describeRun(handle, reason) + "\n\n" + stackTrace(failure));
            }
        });
    }

    /** Empties the log, including entries posted but not yet shown. */
    public void clear() {
        checkRealm();
        while (pending.poll() != null) {
            pendingCount.decrementAndGet();
        }
        droppedWhilePending.set(0);
        selected.setValue(null);
        entries.clear();
        unseenErrors.setValue(0);
        droppedCount.setValue(0L);
    }

    public void markErrorsSeen() {
        checkRealm();
        unseenErrors.setValue(0);
    }

    /** The entries about the run, oldest first; empty when none is kept. */
    public List<LogEntry> entriesForRun(String runId) {
        checkRealm();
        List<LogEntry> found = new ArrayList<>();
        for (LogEntry entry : entries) {
            if (entry.runId().equals(runId)) {
                found.add(entry);
            }
        }
        Collections.reverse(found);
        return found;
    }

    /**
     * Selects the newest ERROR entry about the run, or its newest entry when it has no error, so a
     * failed run's row can show why it failed. Returns whether there was one; the selection stays as it
     * was when not.
     */
    public boolean selectRun(String runId) {
        checkRealm();
        LogEntry newest = null;
        for (LogEntry entry : entries) {
            if (entry.runId().equals(runId)) {
                if (entry.severity() == LogEntry.Severity.ERROR) {
                    newest = entry;
                    break;
                }
                newest = newest == null ? entry : newest;
            }
        }
        if (newest != null) {
            selected.setValue(newest);
        }
        return newest != null;
    }

    /** The full text of a throwable's stack trace, causes included. */
    public static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            thrown.printStackTrace(writer);
        }
        return text.toString();
    }

    private void postRunFailure(RunHandle handle, String reason, String detail) {
        post(Instant.now(), LogEntry.Severity.ERROR, handle.provider().name(),
                "Run " + handle.id() + " failed" + (reason.isEmpty() ? "" : ": " + reason), detail, handle.id());
    }

    private static String describeRun(RunHandle handle, String reason) {
        return "Run " + handle.id() + " of " + handle.provider().name() + " ('" + handle.provider().id() + "') failed"
                + "\nReason: " + (reason.isEmpty() ? "(none given)" : reason)
                + "\nParameters: " + handle.parameters().values();
    }

    private void deliver() {
        List<LogEntry> batch = new ArrayList<>();
        LogEntry next;
        while ((next = pending.poll()) != null) {
            pendingCount.decrementAndGet();
            batch.add(next);
        }
        long dropped = droppedWhilePending.getAndSet(0);
        if (batch.isEmpty() && dropped == 0) {
            return;
        }
        // Threads may enqueue slightly out of the order they were numbered in.
        batch.sort(Comparator.comparingLong(LogEntry::sequence));
        if (batch.size() > capacity) {
            dropped += batch.size() - capacity;
            batch = batch.subList(batch.size() - capacity, batch.size());
        }
        int excess = entries.size() + batch.size() - capacity;
        if (excess > 0) {
            entries.removeAll(new ArrayList<>(entries.subList(entries.size() - excess, entries.size())));
            dropped += excess;
        }
        List<LogEntry> newestFirst = new ArrayList<>(batch);
        Collections.reverse(newestFirst);
        entries.addAll(0, newestFirst);
        int errors = (int) batch.stream().filter(entry -> entry.severity() == LogEntry.Severity.ERROR).count();
        if (errors > 0) {
            unseenErrors.setValue(unseenErrors.getValue() + errors);
        }
        if (dropped > 0) {
            droppedCount.setValue(droppedCount.getValue() + dropped);
        }
    }

    private String describeWithRun(LogEntry entry) {
        if (entry == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(describe(entry));
        if (entry.isAboutRun()) {
            List<LogEntry> related = entriesForRun(entry.runId());
            related.remove(entry);
            if (!related.isEmpty()) {
                text.append("\n\n--- Also logged about run ").append(entry.runId()).append(" ---");
                related.stream().limit(MAX_RELATED_IN_DETAIL).forEach(other -> text.append("\n\n").append(describe(other)));
                if (related.size() > MAX_RELATED_IN_DETAIL) {
                    text.append("\n\n... and ").append(related.size() - MAX_RELATED_IN_DETAIL).append(" more");
                }
            }
        }
        return text.toString();
    }

    private static String describe(LogEntry entry) {
        return entry.timeOfDay() + "  " + entry.severity() + "  " + entry.source() + "\n" + entry.message()
                + (entry.detail().isEmpty() ? "" : "\n\n" + entry.detail());
    }

    private String summarize() {
        int shown = entries.size();
        long errors = entries.stream().filter(entry -> entry.severity() == LogEntry.Severity.ERROR).count();
        long dropped = droppedCount.getValue();
        if (shown == 0 && dropped == 0) {
            return "No warnings or errors";
        }
        return plural(shown, "entry", "entries") + " (" + plural(errors, "error", "errors") + ")"
                + (dropped == 0 ? "" : ", " + plural(dropped, "older entry", "older entries") + " dropped");
    }

    private static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("LogViewModel must be used inside its Realm");
        }
    }
}
