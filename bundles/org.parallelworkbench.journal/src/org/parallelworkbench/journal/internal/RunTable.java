package org.parallelworkbench.journal.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunRecord.Status;

/**
 * The newest runs of the journal in memory, oldest first, keyed by the process that wrote them and its
 * sequence number. Holds at most its capacity; the oldest runs fall out (they stay on disk). An end whose
 * start is not held (fallen out, or never recorded) is ignored.
 * <p>
 * Thread-safe: every method takes a private lock held only for map operations, never for I/O.
 */
final class RunTable {

    private record Key(String process, long seq) {
    }

    private final int capacity;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}; insertion order is start order. */
    private final LinkedHashMap<Key, RunRecord> runs;

    RunTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.runs = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, RunRecord> eldest) {
                return size() > RunTable.this.capacity;
            }
        };
    }

    /** Applies one entry: a start adds an active run, an end completes the run it names. */
    void apply(JournalEntry entry) {
        Key key = new Key(entry.process(), entry.seq());
        synchronized (lock) {
            switch (entry) {
            case JournalEntry.Started started -> runs.put(key, new RunRecord(started.runId(), started.providerId(),
                    started.providerVersion(), started.parameters(), started.startedAt(), null, Status.ACTIVE, "", "",
                    started.target()));
            case JournalEntry.Ended ended -> runs.computeIfPresent(key, (k, run) -> new RunRecord(run.runId(),
                    run.providerId(), run.providerVersion(), run.parameters(), run.startedAt(), ended.endedAt(),
                    Status.of(ended.state()), ended.summary(), ended.reason(), run.target(), ended.executedBy()));
            }
        }
    }

    /**
     * Marks the active runs of every process that is not {@code stillRunning} as interrupted: it stopped
     * (crashed, was killed) while they ran.
     */
    void interruptActive(Predicate<String> stillRunning) {
        synchronized (lock) {
            runs.replaceAll((key, run) -> run.status() != Status.ACTIVE || stillRunning.test(key.process()) ? run
                    : new RunRecord(run.runId(), run.providerId(), run.providerVersion(), run.parameters(),
                            run.startedAt(), null, Status.INTERRUPTED, run.summary(), run.reason(), run.target(),
                            run.executedBy()));
        }
    }

    /** The processes that have active runs here. */
    List<String> activeProcesses() {
        synchronized (lock) {
            return runs.entrySet().stream().filter(e -> e.getValue().status() == Status.ACTIVE)
                    .map(e -> e.getKey().process()).distinct().toList();
        }
    }

    /** A snapshot, oldest first. */
    List<RunRecord> records() {
        synchronized (lock) {
            return List.copyOf(runs.values());
        }
    }
}
