package org.parallelworkbench.engine.internal;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.UnitResult;

/**
 * Feeds one run's completed units into its {@link ResultAccumulator} and publishes
 * {@link RunEvent.ResultUpdated} and {@link RunEvent.Progress}, coalesced to one pair per
 * {@link #PUBLISH_INTERVAL_MILLIS} at most, plus one final pair from {@link #finish()}.
 * <p>
 * Threading: not thread-safe. Only the run's Job thread calls it (and, for a run that never started,
 * the thread that ends it), so the accumulator is called from one thread at a time, in completion order.
 * Publishing only offers events to the run's publisher, which never blocks on a subscriber.
 */
final class ResultPublisher {

    /** At most ten result and progress updates per second and run. */
    static final long PUBLISH_INTERVAL_MILLIS = 100;
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final String runId;
    private final ResultAccumulator accumulator;
    private final long unitsTotal;
    private final Consumer<RunEvent> publish;
    private final LongSupplier nanoClock;
    private long startNanos;
    private long lastPublishNanos;
    private long unitsDone;
    private boolean dirty;

    /**
     * @param unitsTotal units in the run, -1 when open-ended
     * @param publish    offers an event to the run's subscribers without blocking
     * @param nanoClock  {@link System#nanoTime()} outside tests
     */
    ResultPublisher(String runId, ResultAccumulator accumulator, long unitsTotal, Consumer<RunEvent> publish,
            LongSupplier nanoClock) {
        this.runId = runId;
        this.accumulator = accumulator;
        this.unitsTotal = unitsTotal;
        this.publish = publish;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastPublishNanos = startNanos;
    }

    /** The run began executing: rates count from now. */
    void started() {
        startNanos = nanoClock.getAsLong();
        lastPublishNanos = startNanos;
    }

    /**
     * Takes one completed unit; publishes if the last update is old enough.
     *
     * @throws RuntimeException what the provider's accumulator threw
     */
    void accept(UnitResult result) {
        unitsDone++;
        dirty = true;
        accumulator.accept(result);
        tick();
    }

    /** Publishes what changed since the last update, if that was at least the interval ago. */
    void tick() {
        long now = nanoClock.getAsLong();
        if (dirty && now - lastPublishNanos >= PUBLISH_INTERVAL_MILLIS * NANOS_PER_MILLI) {
            publish(now);
        }
    }

    /**
     * Publishes the final update through {@code publishFinal} and returns the final result.
     *
     * @throws RuntimeException what the provider's accumulator threw
     */
    ResultValue finish(Consumer<RunEvent> publishFinal) {
        return publish(nanoClock.getAsLong(), publishFinal);
    }

    private void publish(long now) {
        publish(now, publish);
    }

    private ResultValue publish(long now, Consumer<RunEvent> to) {
        lastPublishNanos = now;
        dirty = false;
        ResultValue snapshot = accumulator.snapshot();
        to.accept(new RunEvent.ResultUpdated(runId, snapshot));
        to.accept(progress(now));
        return snapshot;
    }

    private RunEvent.Progress progress(long now) {
        double seconds = Math.max(1, now - startNanos) / 1e9;
        double perSecond = unitsDone / seconds;
        long eta = unitsTotal < 0 || unitsDone == 0 ? -1
                : Math.round((unitsTotal - unitsDone) / perSecond * 1_000);
        return new RunEvent.Progress(runId, unitsDone, unitsTotal, perSecond, eta);
    }
}
