package org.parallelworkbench.cli.internal.run;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a run's progress on stderr while it runs: on a terminal, a bar redrawn in place every
 * {@value #BAR_REDRAW_MILLIS} ms; otherwise (a log file, a pipe) a plain line every
 * {@value #PLAIN_LINE_INTERVAL_MILLIS} ms, only when the count changed. Drawing happens on a daemon
 * thread of its own, never on the engine's event thread. {@link #close()} stops it and clears the bar;
 * call it before printing the outcome.
 */
final class ProgressDisplay implements AutoCloseable {

    static final long BAR_REDRAW_MILLIS = 200;
    static final long PLAIN_LINE_INTERVAL_MILLIS = 5_000;
    static final int BAR_WIDTH_CHARS = 30;
    /** Carriage return, then "erase to end of line". */
    static final String REDRAW = "\r\u001b[K";

    private final PrintStream err;
    private final boolean terminal;
    private final ProgressTracker tracker;
    private final ScheduledExecutorService ticker;
    /** Only touched on the ticker thread, and by close() after the ticker has ended. */
    private long lastShownDone = -1;
    private boolean barShown;

    ProgressDisplay(PrintStream err, boolean terminal, ProgressTracker tracker) {
        this.err = err;
        this.terminal = terminal;
        this.tracker = tracker;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parallelworkbench-progress");
            thread.setDaemon(true);
            return thread;
        });
        long periodMillis = terminal ? BAR_REDRAW_MILLIS : PLAIN_LINE_INTERVAL_MILLIS;
        ticker.scheduleAtFixedRate(this::show, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void show() {
        ProgressSnapshot now = tracker.snapshot();
        if (terminal) {
            err.print(REDRAW + now.bar(BAR_WIDTH_CHARS));
            err.flush();
            barShown = true;
        } else if (now.unitsDone() != lastShownDone) {
            err.println("progress: " + now.plain());
            lastShownDone = now.unitsDone();
        }
    }

    /** Stops drawing (waiting at most one redraw) and erases the bar, so the next line starts clean. */
    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        boolean ended = ticker.awaitTermination(BAR_REDRAW_MILLIS * 5, TimeUnit.MILLISECONDS);
        if (ended && barShown) {
            err.print(REDRAW);
            err.flush();
        }
    }
}
