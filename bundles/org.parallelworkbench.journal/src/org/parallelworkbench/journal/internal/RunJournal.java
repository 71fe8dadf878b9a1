package org.parallelworkbench.journal.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunObserver;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunState;

/**
 * The run journal on one file (format: {@link JournalEntry}): it hears of every run, keeps the newest
 * {@link #MAX_RUNS_IN_MEMORY} in memory for {@link #records()}, and appends each start and end to the file
 * through a {@link JournalWriter}. Opening reads the file; runs started but never ended in it are
 * {@link RunRecord.Status#INTERRUPTED}, since the product stopped while they ran.
 * <p>
 * Thread-safe. {@link #runStarted} and the end of a run (on whichever thread completes its outcome) only
 * update memory and queue a write, so they return at once. After {@link #close} every entry queued before
 * it is on disk; runs that end later are not recorded (the next opening shows them interrupted).
 */
final class RunJournal implements RunObserver, RunHistory, AutoCloseable {

    /** Runs kept in memory; older ones stay in the file only. */
    static final int MAX_RUNS_IN_MEMORY = 10_000;
    /** Longest summary or reason recorded; longer ones are cut, so that every line stays small. */
    static final int MAX_TEXT_CHARS = 1_000;

    private static final System.Logger LOG = System.getLogger(RunJournal.class.getName());

    private final Path file;
    private final RunTable table;
    private final AtomicLong nextSeq;
    private final JournalWriter writer;

    private RunJournal(Path file, RunTable table, long nextSeq, JournalWriter writer) {
        this.file = file;
        this.table = table;
        this.nextSeq = new AtomicLong(nextSeq);
        this.writer = writer;
    }

    /**
     * Reads {@code file} (creating it and its folders when missing) and opens it for appending.
     *
     * @throws IOException when the file cannot be read or opened for writing
     */
    static RunJournal open(Path file) throws IOException {
        RunTable table = new RunTable(MAX_RUNS_IN_MEMORY);
        JournalReader.Summary read = JournalReader.read(file, table::apply);
        table.interruptActive();
        JournalWriter writer = new JournalWriter(file);
        LOG.log(Level.INFO, "Run journal " + file + ": " + read.entries() + " entries read"
                + (read.skipped() > 0 ? ", " + read.skipped() + " bad lines skipped" : ""));
        return new RunJournal(file, table, read.maxSeq() + 1, writer);
    }

    Path file() {
        return file;
    }

    /** Whether the writer thread runs; for tests. */
    boolean isWriting() {
        return writer.isRunning();
    }

    @Override
    public void runStarted(RunHandle run) {
        long seq = nextSeq.getAndIncrement();
        String runId = run.id();
        record(new JournalEntry.Started(seq, runId, run.provider().id(), run.provider().version(),
                run.parameters(), Instant.now()));
        run.outcome().whenComplete((outcome, failure) -> record(ended(seq, runId, outcome, failure)));
    }

    @Override
    public List<RunRecord> records() {
        return table.records();
    }

    /** Writes what was queued and closes the file; idempotent. */
    @Override
    public void close() {
        writer.close();
    }

    private void record(JournalEntry entry) {
        table.apply(entry);
        if (!writer.submit(entry)) {
            LOG.log(Level.WARNING, "Run journal " + file + " is closed; run " + entry.runId() + " (entry "
                    + entry.seq() + ") is not recorded on disk");
        }
    }

    private static JournalEntry.Ended ended(long seq, String runId, RunOutcome outcome, Throwable failure) {
        Instant now = Instant.now();
        if (outcome == null) { // the engine broke its promise; record what we know
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            return new JournalEntry.Ended(seq, runId, RunState.FAILED, now, "", clip("The run's outcome failed: " + cause));
        }
        return new JournalEntry.Ended(seq, runId, outcome.state(), now, clip(outcome.summary()), clip(outcome.reason()));
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS - 1) + "\u2026";
    }
}
