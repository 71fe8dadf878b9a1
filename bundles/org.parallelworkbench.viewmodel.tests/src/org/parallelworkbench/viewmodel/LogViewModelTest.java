package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.viewmodel.LogEntry.Severity;
import org.parallelworkbench.testing.FakeJobService;

class LogViewModelTest {

    private final QueueRealm realm = new QueueRealm();

    @Test
    void postsFromSeveralThreadsAreAllShownInTheirOrderBelowTheCap() throws Exception {
        LogViewModel log = unthrottled(1_000);
        int threads = 4;
        int postsPerThread = 200;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "poster-" + t;
            Thread poster = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < postsPerThread; i++) {
                    log.post(Instant.now(), Severity.WARNING, name, name + " " + i, "", "");
                }
            }, name);
            poster.start();
            posters.add(poster);
        }
        go.countDown();
        // Drain while posts arrive, as a UI thread would.
        while (posters.stream().anyMatch(Thread::isAlive)) {
            realm.drain();
        }
        for (Thread poster : posters) {
            poster.join(TimeUnit.SECONDS.toMillis(10));
        }
        realm.drain();

        assertEquals(threads * postsPerThread, log.entries().size(), "nothing below the cap may be lost");
        assertEquals(0L, log.droppedCount().getValue());
        for (int t = 0; t < threads; t++) {
            String name = "poster-" + t;
            List<String> fromThread = log.entries().stream().filter(entry -> entry.source().equals(name))
                    .map(LogEntry::message).toList();
            List<String> newestFirst = new ArrayList<>();
            for (int i = postsPerThread - 1; i >= 0; i--) {
                newestFirst.add(name + " " + i);
            }
            assertEquals(newestFirst, fromThread, "each thread's entries keep their order, newest first");
        }
        assertEquals(threads * postsPerThread, new HashSet<>(log.entries()).size(), "entries stay distinct");
    }

    @Test
    void aFloodOfPostsQueuesOneRealmRunnable() throws Exception {
        LogViewModel log = unthrottled(1_000);
        Thread logger = new Thread(() -> {
            for (int i = 0; i < 100_000; i++) {
                log.post(Instant.now(), Severity.WARNING, "flood", "message " + i, "", "");
            }
        }, "flood");
        logger.start();
        logger.join(TimeUnit.SECONDS.toMillis(10));

        assertEquals(1, realm.queued(), "a flood must leave one delivery queued, not a backlog");
        assertEquals(1, realm.drain(), "one runnable takes the whole batch");
        assertEquals(1_000, log.entries().size());
        assertEquals("message 99999", log.entries().get(0).message(), "the newest is kept, on top");
        assertEquals("message 99000", log.entries().get(999).message());
        assertEquals(99_000L, log.droppedCount().getValue(), "everything else is counted as dropped");
    }

    @Test
    void deliveriesComeAtMostOncePerIntervalAndNothingIsLeftBehind() {
        long[] now = { 0 };
        LogViewModel log = new LogViewModel(realm, 100, TimeUnit.MILLISECONDS.toNanos(16), () -> now[0]);

        post(log, Severity.WARNING, "first");
        realm.drain();
        assertEquals(1, log.entries().size(), "the first entry goes at once");

        now[0] = TimeUnit.MILLISECONDS.toNanos(5);
        post(log, Severity.WARNING, "second");
        post(log, Severity.ERROR, "third");
        realm.drain();
        assertEquals(1, log.entries().size(), "5 ms after a delivery the next one must wait");
        assertEquals(List.of(11), realm.timerDelaysMillis, "it waits for the rest of the interval");

        now[0] = TimeUnit.MILLISECONDS.toNanos(16);
        realm.fireTimers();
        assertEquals(List.of("third", "second", "first"), messages(log));
    }

    @Test
    void theCapDropsTheOldestAndSaysHowMany() {
        LogViewModel log = unthrottled(3);
        post(log, Severity.WARNING, "1");
        post(log, Severity.WARNING, "2");
        realm.drain();
        post(log, Severity.WARNING, "3");
        post(log, Severity.ERROR, "4");
        post(log, Severity.WARNING, "5");
        realm.drain();

        assertEquals(List.of("5", "4", "3"), messages(log));
        assertEquals(2L, log.droppedCount().getValue());
        assertEquals("3 entries (1 error), 2 older entries dropped", log.summary().getValue());
    }

    @Test
    void theSelectedEntrysDetailShowsItsStackTraceAndTheRunsOtherEntries() {
        LogViewModel log = unthrottled(100);
        log.post(Instant.now(), Severity.WARNING, "Primes run #7", "unit 3 failed", "java.lang.ArithmeticException: / by zero",
                "r-7");
        log.post(Instant.now(), Severity.WARNING, "Engine", "unrelated", "", "");
        log.post(Instant.now(), Severity.ERROR, "Primes", "Run r-7 failed: unit 3 failed", "Reason: unit 3 failed", "r-7");
        realm.drain();
        assertEquals("", log.detail().getValue(), "no selection, no detail");

        log.selected().setValue(log.entries().get(0));
        String detail = log.detail().getValue();

        assertTrue(detail.contains("ERROR  Primes\nRun r-7 failed: unit 3 failed\n\nReason: unit 3 failed"), detail);
        assertTrue(detail.contains("Also logged about run r-7"), detail);
        assertTrue(detail.contains("java.lang.ArithmeticException: / by zero"), "the cause is one click away: " + detail);
        assertFalse(detail.contains("unrelated"), detail);
    }

    @Test
    void aRunsEntriesAreFoundAndItsErrorIsSelected() {
        LogViewModel log = unthrottled(100);
        log.post(Instant.now(), Severity.WARNING, "run", "first warning", "", "r-1");
        log.post(Instant.now(), Severity.ERROR, "run", "the failure", "", "r-1");
        log.post(Instant.now(), Severity.WARNING, "run", "late warning", "", "r-1");
        log.post(Instant.now(), Severity.WARNING, "other", "other run", "", "r-2");
        realm.drain();

        assertEquals(List.of("first warning", "the failure", "late warning"),
                log.entriesForRun("r-1").stream().map(LogEntry::message).toList(), "oldest first");
        assertTrue(log.selectRun("r-1"));
        assertEquals("the failure", log.selected().getValue().message(), "a run's error explains it best");
        assertTrue(log.selectRun("r-2"));
        assertEquals("other run", log.selected().getValue().message(), "without an error, its newest entry");
        assertFalse(log.selectRun("r-3"));
        assertEquals("other run", log.selected().getValue().message(), "an unknown run leaves the selection alone");
    }

    @Test
    void aFollowedRunThatFailsGetsAnErrorEntryAndOneThatSucceedsNone() {
        LogViewModel log = unthrottled(100);
        FakeJobService.FakeRun failing = new FakeJobService.FakeRun("r-9", TestProviders.TICKER,
                Parameters.NONE.with("interval", "5"));
        FakeJobService.FakeRun succeeding = new FakeJobService.FakeRun("r-10", TestProviders.TICKER, Parameters.NONE);
        log.follow(failing);
        log.follow(succeeding);

        Thread engine = new Thread(() -> {
            failing.end(RunState.FAILED, "worker crashed");
            succeeding.end(RunState.SUCCEEDED, "");
        }, "fake-engine");
        engine.start();
        awaitEnd(engine);
        realm.drain();

        assertEquals(1, log.entries().size());
        LogEntry entry = log.entries().get(0);
        assertEquals(Severity.ERROR, entry.severity());
        assertEquals("r-9", entry.runId());
        assertEquals("Ticker", entry.source());
        assertEquals("Run r-9 failed: worker crashed", entry.message());
        assertTrue(entry.detail().contains("Reason: worker crashed"), entry.detail());
        assertTrue(entry.detail().contains("interval=5"), "the parameters help reproduce it: " + entry.detail());
        assertEquals(1, log.unseenErrors().getValue());
    }

    @Test
    void unseenErrorsCountOnlyErrorsUntilSeen() {
        LogViewModel log = unthrottled(100);
        post(log, Severity.WARNING, "w");
        post(log, Severity.ERROR, "e1");
        post(log, Severity.ERROR, "e2");
        realm.drain();
        assertEquals(2, log.unseenErrors().getValue());

        log.markErrorsSeen();
        post(log, Severity.ERROR, "e3");
        realm.drain();
        assertEquals(1, log.unseenErrors().getValue());
        assertEquals(4, log.entries().size(), "seeing errors does not remove them");
    }

    @Test
    void clearEmptiesTheLogIncludingWhatIsNotShownYet() {
        LogViewModel log = unthrottled(2);
        post(log, Severity.ERROR, "1");
        post(log, Severity.ERROR, "2");
        post(log, Severity.ERROR, "3");
        realm.drain();
        log.selected().setValue(log.entries().get(0));
        post(log, Severity.WARNING, "posted before clear");

        log.clear();
        realm.drain();

        assertEquals(List.of(), messages(log));
        assertEquals(null, log.selected().getValue());
        assertEquals("", log.detail().getValue());
        assertEquals(0, log.unseenErrors().getValue());
        assertEquals(0L, log.droppedCount().getValue());
        assertEquals("No warnings or errors", log.summary().getValue());

        post(log, Severity.WARNING, "after clear");
        realm.drain();
        assertEquals(List.of("after clear"), messages(log));
    }

    private LogViewModel unthrottled(int capacity) {
        return new LogViewModel(realm, capacity, 0, System::nanoTime);
    }

    private static void post(LogViewModel log, Severity severity, String message) {
        log.post(Instant.now(), severity, "test", message, "", "");
    }

    private static List<String> messages(LogViewModel log) {
        return log.entries().stream().map(LogEntry::message).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitEnd(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertFalse(thread.isAlive(), thread.getName() + " did not end within 10 s");
    }
}
