package org.parallelworkbench.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunRecord.Status;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.LoggedWarnings;
import org.parallelworkbench.testing.FakeJobService.FakeRun;

/** The journal as the engine uses it: fake runs that the test ends, restarts, and many runs at once. */
class RunJournalTest {

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("data/journal/runs.jsonl");
    }

    private static Map<String, RunRecord> byRunId(List<RunRecord> records) {
        return records.stream().collect(Collectors.toMap(RunRecord::runId, Function.identity()));
    }

    @Test
    void recordsShowARunActiveThenHowItEnded() throws IOException {
        try (RunJournal journal = RunJournal.open(file())) {
            FakeRun succeeding = Runs.run("1", "primes", Parameters.NONE.with("limit", "1000"));
            FakeRun failing = Runs.run("2", "primes", Parameters.NONE);
            FakeRun canceled = Runs.run("3", "ticker", Parameters.NONE);
            for (FakeRun run : List.of(succeeding, failing, canceled)) {
                journal.runStarted(run);
            }

            List<RunRecord> active = journal.records();
            assertEquals(List.of("1", "2", "3"), active.stream().map(RunRecord::runId).toList());
            assertTrue(active.stream().allMatch(r -> r.status() == Status.ACTIVE && r.endedAt() == null), active.toString());
            assertEquals("primes", active.get(0).providerId());
            assertEquals("1.2.3", active.get(0).providerVersion());
            assertEquals(Map.of("limit", "1000"), active.get(0).parameters().values());

            Runs.end(succeeding, RunState.SUCCEEDED, "168 primes", "");
            Runs.end(failing, RunState.FAILED, "", "Unit 4 failed: kaboom");
            canceled.cancel("user pressed stop");

            Map<String, RunRecord> ended = byRunId(journal.records());
            assertEquals(Status.SUCCEEDED, ended.get("1").status());
            assertEquals("168 primes", ended.get("1").summary());
            assertEquals(Status.FAILED, ended.get("2").status());
            assertEquals("Unit 4 failed: kaboom", ended.get("2").reason());
            assertEquals(Status.CANCELED, ended.get("3").status());
            assertEquals("user pressed stop", ended.get("3").reason());
            for (RunRecord record : ended.values()) {
                assertNotNull(record.endedAt(), record.toString());
                assertFalse(record.endedAt().isBefore(record.startedAt()), record.toString());
            }
        }
    }

    @Test
    void aRunWhoseOutcomeBreaksIsRecordedAsFailed() throws IOException {
        try (RunJournal journal = RunJournal.open(file())) {
            FakeRun run = Runs.run("1", "ticker", Parameters.NONE);
            journal.runStarted(run);
            run.breakOutcome(new IllegalStateException("engine bug"));

            RunRecord record = journal.records().getFirst();
            assertEquals(Status.FAILED, record.status());
            assertTrue(record.reason().contains("engine bug"), record.reason());
        }
    }

    @Test
    void overlongSummariesAndReasonsAreClipped() throws IOException {
        try (RunJournal journal = RunJournal.open(file())) {
            FakeRun run = Runs.run("1", "ticker", Parameters.NONE);
            journal.runStarted(run);
            Runs.end(run, RunState.FAILED, "s".repeat(100_000), "r".repeat(100_000));

            RunRecord record = journal.records().getFirst();
            assertEquals(RunJournal.MAX_TEXT_CHARS, record.summary().length());
            assertEquals(RunJournal.MAX_TEXT_CHARS, record.reason().length());
        }
    }

    @Test
    void afterARestartRecordsAreWholeAndTheUnfinishedRunIsInterrupted() throws IOException {
        String awkward = "\"quoted\"\nnew line \\ \u00e9 \uD83D\uDE00 \u0000";
        FakeRun unfinished = Runs.run("2", "ticker", Parameters.NONE.with("intervalMillis", "1000"),
                ExecutionTarget.PROCESSES);
        RunJournal first = RunJournal.open(file());
        FakeRun finished = Runs.run("1", "primes", Parameters.NONE.with("name", awkward));
        first.runStarted(finished);
        first.runStarted(unfinished);
        Runs.end(finished, RunState.SUCCEEDED, awkward, "");
        List<RunRecord> before = first.records();
        first.close();

        List<RunRecord> restarted;
        try (RunJournal second = RunJournal.open(file())) {
            restarted = second.records();
            // The engine numbers runs from 1 again after a restart.
            FakeRun again = Runs.run("1", "ticker", Parameters.NONE);
            second.runStarted(again);
            Runs.end(again, RunState.CANCELED, "3", "window closed");
        }

        assertEquals(before.get(0), restarted.get(0), "the finished run must come back unchanged");
        assertEquals(awkward, restarted.get(0).summary());
        assertEquals(awkward, restarted.get(0).parameters().get("name", null));
        RunRecord interrupted = restarted.get(1);
        assertEquals(Status.INTERRUPTED, interrupted.status());
        assertNull(interrupted.endedAt());
        assertEquals(before.get(1).startedAt(), interrupted.startedAt());
        assertEquals(Map.of("intervalMillis", "1000"), interrupted.parameters().values());
        assertEquals(ExecutionTarget.PROCESSES, interrupted.target(), "where it ran survives the restart");
        assertEquals(ExecutionTarget.THREADS, restarted.get(0).target());

        try (RunJournal third = RunJournal.open(file())) {
            List<RunRecord> all = third.records();
            assertEquals(List.of("1", "2", "1"), all.stream().map(RunRecord::runId).toList());
            assertEquals(List.of(Status.SUCCEEDED, Status.INTERRUPTED, Status.CANCELED),
                    all.stream().map(RunRecord::status).toList());
            assertEquals("window closed", all.get(2).reason());
        }
    }

    @Test
    void closeWritesEverythingQueuedBeforeItAndRefusesLaterEnds() throws IOException {
        int runs = 2_000;
        RunJournal journal = RunJournal.open(file());
        List<FakeRun> started = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            FakeRun run = Runs.run(Integer.toString(i), "ticker", Parameters.NONE);
            journal.runStarted(run);
            started.add(run);
        }
        started.subList(0, runs - 1).forEach(run -> Runs.end(run, RunState.SUCCEEDED, "done", ""));
        FakeRun late = started.getLast();

        journal.close();
        assertFalse(journal.isWriting(), "the writer thread outlived close");
        try (LoggedWarnings log = new LoggedWarnings(RunJournal.class)) {
            Runs.end(late, RunState.SUCCEEDED, "too late", "");
            assertEquals(1, log.warnings().size(), log.warnings().toString());
        }

        assertEquals(2 * runs - 1, Files.readAllLines(file()).size());
        try (RunJournal reopened = RunJournal.open(file())) {
            List<RunRecord> records = reopened.records();
            assertEquals(runs, records.size());
            assertEquals(Status.INTERRUPTED, records.getLast().status(), "its end came after the close");
            assertEquals(runs - 1, records.stream().filter(r -> r.status() == Status.SUCCEEDED).count());
        }
    }

    @Test
    void manyRunsEndingConcurrentlyAreAllRecordedAndTheFileParsesFully() throws Exception {
        int threads = 16;
        int runsPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch allStarted = new CountDownLatch(threads);
        try (RunJournal journal = RunJournal.open(file())) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    List<FakeRun> mine = new ArrayList<>();
                    for (int i = 0; i < runsPerThread; i++) {
                        FakeRun run = Runs.run(thread + "-" + i, "ticker", Parameters.NONE.with("i", "" + i));
                        journal.runStarted(run);
                        mine.add(run);
                    }
                    allStarted.countDown();
                    allStarted.await(); // end them all at the same time, as many engine threads would
                    for (FakeRun run : mine) {
                        Runs.end(run, RunState.SUCCEEDED, "ok " + run.id(), "");
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            assertTrue(journal.records().stream().allMatch(r -> r.status() == Status.SUCCEEDED), "not all ended");
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "test threads did not end");
        }

        int runs = threads * runsPerThread;
        Set<Long> seqs = new HashSet<>();
        JournalReader.Summary summary = JournalReader.read(file(), entry -> {
            if (entry instanceof JournalEntry.Started) {
                assertTrue(seqs.add(entry.seq()), "sequence number " + entry.seq() + " used twice");
            }
        });
        assertEquals(new JournalReader.Summary(2L * runs, 0, runs, Files.size(file())), summary);
        try (RunJournal reopened = RunJournal.open(file())) {
            Map<String, RunRecord> records = byRunId(reopened.records());
            assertEquals(runs, records.size());
            for (RunRecord record : records.values()) {
                assertEquals(Status.SUCCEEDED, record.status(), record.toString());
                assertEquals("ok " + record.runId(), record.summary());
            }
        }
    }

    /** Processes the test starts and stops by name; each journal opened with {@link #as} writes as one. */
    private static final class TestProcesses {
        private final Set<String> running = ConcurrentHashMap.newKeySet();

        Processes as(String self) {
            running.add(self);
            return new Processes() {
                @Override
                public String self() {
                    return self;
                }

                @Override
                public boolean alive(String process) {
                    return running.contains(process);
                }
            };
        }

        void stop(String process) {
            running.remove(process);
        }
    }

    private static RunRecord only(List<RunRecord> records, String providerId) {
        List<RunRecord> matching = records.stream().filter(r -> r.providerId().equals(providerId)).toList();
        assertEquals(1, matching.size(), matching.toString());
        return matching.get(0);
    }

    @Test
    void aRunOfAnotherLiveProcessIsActiveThereUntilItsEndIsWrittenNotInterrupted() throws Exception {
        TestProcesses processes = new TestProcesses();
        try (RunJournal window = RunJournal.open(file(), processes.as("window"));
                RunJournal headless = RunJournal.open(file(), processes.as("headless"))) {
            FakeRun ticking = Runs.run("1", "ticker", Parameters.NONE);
            window.runStarted(ticking);
            FileWrites.until(file(), () -> headless.records().size() == 1, Duration.ofSeconds(WAIT_SECONDS),
                    () -> "the window's run never showed in the other process: " + headless.records());
            assertEquals(Status.ACTIVE, only(headless.records(), "ticker").status());
            try (RunJournal later = RunJournal.open(file(), processes.as("later"))) {
                assertEquals(Status.ACTIVE, only(later.records(), "ticker").status(),
                        "a run whose process still runs is not interrupted");
            }

            ticking.cancel("Stopped by the user");
            FileWrites.until(file(), () -> only(headless.records(), "ticker").status() != Status.ACTIVE,
                    Duration.ofSeconds(WAIT_SECONDS), () -> "the end never showed: " + headless.records());
            RunRecord ended = only(headless.records(), "ticker");
            assertEquals(Status.CANCELED, ended.status());
            assertEquals("Stopped by the user", ended.reason());
        }
    }

    @Test
    void theActiveRunsOfAProcessThatStoppedAreInterruptedForTheOthers() throws Exception {
        TestProcesses processes = new TestProcesses();
        RunJournal crashing = RunJournal.open(file(), processes.as("crashing"));
        try (RunJournal window = RunJournal.open(file(), processes.as("window"))) {
            crashing.runStarted(Runs.run("1", "primes", Parameters.NONE));
            FileWrites.until(file(), () -> window.records().size() == 1, Duration.ofSeconds(WAIT_SECONDS),
                    () -> "the run never showed: " + window.records());
            assertEquals(Status.ACTIVE, only(window.records(), "primes").status());

            crashing.close();
            processes.stop("crashing");

            assertEquals(Status.INTERRUPTED, only(window.records(), "primes").status());
        }
    }

    @Test
    void aRunStartedWhileTheOthersAreCheckedIsNotTakenForOneOfAStoppedProcess() throws Exception {
        RunJournal crashing = RunJournal.open(file(), new TestProcesses().as("crashing"));
        crashing.runStarted(Runs.run("1", "primes", Parameters.NONE));
        crashing.close();
        AtomicBoolean crashed = new AtomicBoolean();
        FakeRun startedMeanwhile = Runs.run("2", "ticker", Parameters.NONE);
        AtomicReference<RunJournal> window = new AtomicReference<>();
        // The window starts a run of its own while its journal asks whether the other process still runs.
        Processes checkingStartsARun = new Processes() {
            @Override
            public String self() {
                return "window";
            }

            @Override
            public boolean alive(String process) {
                if (crashed.get() && window.get() != null) {
                    window.get().runStarted(startedMeanwhile);
                }
                return !crashed.get();
            }
        };
        try (RunJournal opened = RunJournal.open(file(), checkingStartsARun)) {
            window.set(opened);
            assertEquals(Status.ACTIVE, only(opened.records(), "primes").status(), "the other process still runs");
            crashed.set(true);

            List<RunRecord> records = opened.records();

            assertEquals(Status.INTERRUPTED, only(records, "primes").status(), records.toString());
            assertEquals(Status.ACTIVE, only(records, "ticker").status(), records.toString());
        }
    }

    @Test
    void twoProcessesNumberingFromTheSameEntryKeepTheirRunsApart() throws Exception {
        TestProcesses processes = new TestProcesses();
        RunJournal window = RunJournal.open(file(), processes.as("window"));
        RunJournal headless = RunJournal.open(file(), processes.as("headless"));
        FakeRun windowRun = Runs.run("1", "ticker", Parameters.NONE);
        FakeRun headlessRun = Runs.run("1", "primes", Parameters.NONE);
        window.runStarted(windowRun);
        headless.runStarted(headlessRun);
        Runs.end(headlessRun, RunState.SUCCEEDED, "168 primes", "");
        window.close();
        headless.close();

        Set<String> keys = new HashSet<>();
        JournalReader.read(file(), entry -> keys.add(entry.process() + "#" + entry.seq()));
        assertEquals(2, keys.size(), "each process numbers its own entries: " + keys);
        try (RunJournal reopened = RunJournal.open(file(), processes.as("restarted"))) {
            List<RunRecord> records = reopened.records();
            assertEquals(2, records.size(), records.toString());
            assertEquals(Status.ACTIVE, only(records, "ticker").status(), "the window still runs");
            assertEquals(Status.SUCCEEDED, only(records, "primes").status());
            assertEquals("168 primes", only(records, "primes").summary());
        }
    }
}
