package org.parallelworkbench.engine.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.testing.Waits;

/** Counts a run's events by type and keeps the latest of each; safe to read from the test thread. */
final class EventLog {

    private final Map<Class<?>, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<Class<?>, RunEvent> latest = new ConcurrentHashMap<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    static EventLog of(RunHandle run) {
        EventLog log = new EventLog();
        run.events().subscribe(RunEvent.subscriber(log::take));
        return log;
    }

    private void take(RunEvent event) {
        counts.computeIfAbsent(event.getClass(), type -> new AtomicInteger()).incrementAndGet();
        latest.put(event.getClass(), event);
        if (event instanceof RunEvent.StateChanged changed && changed.state().isFinal()) {
            ended.countDown();
        }
    }

    int count(Class<? extends RunEvent> type) {
        AtomicInteger count = counts.get(type);
        return count == null ? 0 : count.get();
    }

    <E extends RunEvent> E latest(Class<E> type) {
        RunEvent event = latest.get(type);
        if (event == null) {
            throw new AssertionError("No " + type.getSimpleName() + " event arrived");
        }
        return type.cast(event);
    }

    void awaitEnd(Duration timeout) {
        Waits.await(ended, timeout, "the final state change did not reach the subscriber");
    }
}
