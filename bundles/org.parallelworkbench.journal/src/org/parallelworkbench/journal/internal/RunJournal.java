package org.parallelworkbench.journal.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
 * {@link RunRecord.Status#INTERRUPTED}, since the product stopped while they ran, unless the process that
 * started them still runs: the window and headless commands share the file, and each one's
 * {@link #records()} first reads what the others appended since, so their runs show as they are.
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
    private final Processes processes;
    private final String self;
    private final RunTable table;
    private final AtomicLong nextSeq;
    private final JournalWriter writer;
    private final Object readLock = new Object();
    /** Guarded by {@link #readLock}: where the lines not read yet start. */
    private long readEnd;

    private RunJournal(Path file, Processes processes, RunTable table, JournalReader.Summary read, JournalWriter writer) {
        this.file = file;
        this.processes = processes;
        this.self = processes.self();
        this.table = table;
        this.nextSeq = new AtomicLong(read.maxSeq() + 1);
        this.readEnd = read.end();
        this.writer = writer;
    }

    /** {@link #open(Path, Processes)} as this operating system process. */
    static RunJournal open(Path file) throws IOException {
        return open(file, Processes.OPERATING_SYSTEM);
    }

    /**
     * Reads {@code file} (creating it and its folders when missing) and opens it for appending.
     *
     * @throws IOException when the file cannot be read or opened for writing
     */
    static RunJournal open(Path file, Processes processes) throws IOException {
        RunTable table = new RunTable(MAX_RUNS_IN_MEMORY);
        JournalReader.Summary read = JournalReader.read(file, table::apply);
        String self = processes.self();
        // Entries of this very process can only be from an earlier journal in the same JVM: they ended with it.
        interruptStopped(table, process -> !process.equals(self) && processes.alive(process));
        JournalWriter writer = new JournalWriter(file);
        LOG.log(Level.INFO, "Run journal " + file + ": " + read.entries() + " entries read"
                + (read.skipped() > 0 ? ", " + read.skipped() + " bad lines skipped" : ""));
        return new RunJournal(file, processes, table, read, writer);
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
        record(new JournalEntry.Started(self, seq, runId, run.provider().id(), run.provider().version(),
                run.parameters(), Instant.now(), run.target()));
        run.outcome().whenComplete((outcome, failure) -> record(ended(self, seq, runId, outcome, failure, run.executedBy())));
    }

    /** This process's runs, and those of the others sharing the file as far as they have written them. */
    @Override
    public List<RunRecord> records() {
        readAppended();
        return table.records();
    }

    /** Takes in what other processes appended since the last read, and interrupts the runs of those that stopped. */
    private void readAppended() {
        synchronized (readLock) {
            try {
                readEnd = JournalReader.readAppended(file, readEnd, entry -> {
                    if (!entry.process().equals(self)) {
                        table.apply(entry);
                    }
                }).end();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Run journal " + file + ": could not read other processes' runs: " + e, e);
            }
        }
        interruptStopped(table, process -> process.equals(self) || processes.alive(process));
    }

    /**
     * Checks each process once, outside the table's lock (liveness may read the operating system's tables), and
     * interrupts only the runs of those found stopped: a run added meanwhile, of this or a new process, stays.
     */
    private static void interruptStopped(RunTable table, Predicate<String> stillRunning) {
        Set<String> stopped = table.activeProcesses().stream().filter(stillRunning.negate()).collect(Collectors.toSet());
        if (!stopped.isEmpty()) {
            table.interruptActive(process -> !stopped.contains(process));
        }
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

    private static JournalEntry.Ended ended(String process, long seq, String runId, RunOutcome outcome,
            Throwable failure, List<String> executedBy) {
        Instant now = Instant.now();
        if (outcome == null) { // the engine broke its promise; record what we know
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            return new JournalEntry.Ended(process, seq, runId, RunState.FAILED, now, "", clip("The run's outcome failed: " + cause));
        }
        return new JournalEntry.Ended(process, seq, runId, outcome.state(), now, clip(outcome.summary()), clip(outcome.reason()),
                executedBy);
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS - 1) + "\u2026";
    }
}
