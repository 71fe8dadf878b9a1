package org.parallelworkbench.ui.internal;

import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;

/**
 * Measures how long the UI thread takes to get to a runnable: a scheduler thread posts a probe with
 * {@link Display#asyncExec} every {@link #PERIOD_MILLIS}, carrying its post time, and the probe records
 * run time minus post time on the UI thread into an array allocated up front, so recording allocates
 * nothing and needs no lock. {@link #start} and {@link #stop} on the UI thread; one measurement per probe.
 */
final class UiProbe {

    static final long PERIOD_MILLIS = 10;

    private final Display display;
    /** UI thread only. */
    private final long[] delaysNanos;
    /** UI thread only. */
    private int recorded;
    /** UI thread only: probes that found the array full. */
    private long overflowed;
    private final AtomicLong posted = new AtomicLong();
    private ScheduledExecutorService scheduler;

    /** @param expectedSamples about how many probes will run; room for twice as many is kept */
    UiProbe(Display display, int expectedSamples) {
        this.display = display;
        this.delaysNanos = new long[Math.max(16, 2 * expectedSamples)];
    }

    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ui-probe");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(this::post, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops posting; probes already posted still run and count (see {@link #allRan()}). */
    void stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(1, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the probe scheduler did not stop within 1 s");
        }
    }

    /** True once every posted probe has run; UI thread. */
    boolean allRan() {
        return recorded + overflowed == posted.get();
    }

    /** On the scheduler thread. */
    private void post() {
        long postedNanos = System.nanoTime();
        posted.incrementAndGet();
        display.asyncExec(() -> record(System.nanoTime() - postedNanos));
    }

    private void record(long delayNanos) {
        if (recorded < delaysNanos.length) {
            delaysNanos[recorded++] = delayNanos;
        } else {
            overflowed++;
        }
    }

    /** The delays recorded so far; UI thread. */
    Delays delays() {
        long[] sorted = Arrays.copyOf(delaysNanos, recorded);
        Arrays.sort(sorted);
        return new Delays(sorted.length, overflowed, percentile(sorted, 50), percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    /** Nearest rank; 0 when there are no samples. */
    static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * @param samples    probes recorded
     * @param overflowed probes that ran but found no room (counted, not measured)
     */
    record Delays(int samples, long overflowed, long p50Nanos, long p99Nanos, long maxNanos) {
    }
}
