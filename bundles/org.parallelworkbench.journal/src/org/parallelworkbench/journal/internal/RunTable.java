package org.parallelworkbench.journal.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunRecord.Status;

/**
 * The newest runs of the journal in memory, oldest first, keyed by the journal's sequence number. Holds at
 * most its capacity; the oldest runs fall out (they stay on disk). An end whose start is not held (fallen
 * out, or never recorded) is ignored.
 * <p>
 * Thread-safe: every method takes a private lock held only for map operations, never for I/O.
 */
final class RunTable {

    private final int capacity;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}; insertion order is start order. */
    private final LinkedHashMap<Long, RunRecord> runs;

    RunTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.runs = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, RunRecord> eldest) {
                return size() > RunTable.this.capacity;
            }
        };
    }

    /** Applies one entry: a start adds an active run, an end completes the run it names. */
    void apply(JournalEntry entry) {
        synchronized (lock) {
            switch (entry) {
            case JournalEntry.Started started -> runs.put(started.seq(), new RunRecord(started.runId(),
                    started.providerId(), started.providerVersion(), started.parameters(), started.startedAt(), null,
                    Status.ACTIVE, "", ""));
            case JournalEntry.Ended ended -> runs.computeIfPresent(ended.seq(), (seq, run) -> new RunRecord(
                    run.runId(), run.providerId(), run.providerVersion(), run.parameters(), run.startedAt(),
                    ended.endedAt(), Status.of(ended.state()), ended.summary(), ended.reason()));
            }
        }
    }

    /** Marks every run still active as interrupted; for runs of an earlier life of the product. */
    void interruptActive() {
        synchronized (lock) {
            runs.replaceAll((seq, run) -> run.status() != Status.ACTIVE ? run
                    : new RunRecord(run.runId(), run.providerId(), run.providerVersion(), run.parameters(),
                            run.startedAt(), null, Status.INTERRUPTED, run.summary(), run.reason()));
        }
    }

    /** A snapshot, oldest first. */
    List<RunRecord> records() {
        synchronized (lock) {
            return List.copyOf(runs.values());
        }
    }
}
