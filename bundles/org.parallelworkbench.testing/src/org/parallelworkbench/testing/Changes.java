package org.parallelworkbench.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Wakes a waiting test on every change the engine and the platform make observable: a record logged under
 * {@code org.parallelworkbench} (the engine logs each provider added or removed, each run state and settings
 * change after making it; the install bundle each diagnostic), an OSGi service, bundle or framework event, an
 * Eclipse Jobs change when the test runtime has Eclipse Jobs, and the end of any thread alive when it was
 * opened. The waiter checks its condition again on each, until it holds or the timeout passes; nothing is
 * polled on a clock. A test with a change of its own to wait for (a run's events, a counter) calls
 * {@link #signal()} for it.
 * <p>
 * Open one per wait and close it after; {@link Waits#until} does both.
 */
public final class Changes implements AutoCloseable {

    private static final String LOGGERS = "org.parallelworkbench";
    private static final String JOBS_PACKAGE = "org.eclipse.core.runtime.jobs";

    private final Logger logger = Logger.getLogger(LOGGERS);
    private final Handler logRecords = new Handler() {
        @Override
        public void publish(LogRecord record) {
            signal();
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing held
        }
    };
    private final ServiceListener serviceEvents = event -> signal();
    private final BundleListener bundleEvents = event -> signal();
    private final FrameworkListener frameworkEvents = event -> signal();
    private final BundleContext context;
    private final Runnable stopJobChanges;
    private final List<Thread> threadEnds = new ArrayList<>();
    private long signals;

    /**
     * Starts listening. Outside an OSGi framework only log records and thread ends wake the waiter.
     *
     * @throws IllegalStateException if this bundle is in a framework but not active, so that no OSGi event
     *         would ever wake the waiter
     */
    public Changes() {
        Bundle bundle = FrameworkUtil.getBundle(Changes.class);
        context = bundle == null ? null : bundle.getBundleContext();
        if (bundle != null && context == null) {
            throw new IllegalStateException(bundle.getSymbolicName() + " is not active (state " + bundle.getState()
                    + "); it activates lazily on first use unless the test runtime starts it otherwise");
        }
        logger.addHandler(logRecords);
        // The import of the Jobs package is optional: only touch its classes when it is wired.
        stopJobChanges = bundle != null && wired(bundle, JOBS_PACKAGE) ? JobChanges.listen(this::signal) : () -> {
        };
        if (context != null) {
            context.addServiceListener(serviceEvents);
            context.addBundleListener(bundleEvents);
            context.addFrameworkListener(frameworkEvents);
        }
        Thread waiter = Thread.currentThread();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread != waiter) {
                threadEnds.add(Thread.ofVirtual().start(() -> signalWhenEnded(thread)));
            }
        }
    }

    private static boolean wired(Bundle bundle, String packageName) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        return wiring != null && wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .anyMatch(wire -> packageName.equals(wire.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)));
    }

    private void signalWhenEnded(Thread thread) {
        try {
            thread.join();
            signal();
        } catch (InterruptedException closed) {
            // the wait is over
        }
    }

    /** Wakes the waiter to check its condition again; any thread may call it, also after {@link #close()}. */
    public synchronized void signal() {
        signals++;
        notifyAll();
    }

    /**
     * Returns once the condition holds, checking it first and then after each change.
     *
     * @throws AssertionError with the message if the condition does not hold within the timeout, or if the
     *         waiting thread is interrupted (its interrupt status is kept)
     */
    public void await(BooleanSupplier condition, Duration timeout, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (this) {
                seen = signals;
            }
            // Checked outside the lock: a condition may log, and the logging thread must not wait for this one.
            if (condition.getAsBoolean()) {
                return;
            }
            synchronized (this) {
                while (signals == seen) {
                    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (remainingMillis <= 0) {
                        throw new AssertionError(message.get() + " (waited " + timeout.toMillis() + " ms)");
                    }
                    try {
                        wait(remainingMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted", e);
                    }
                }
            }
        }
    }

    /** Stops listening. */
    @Override
    public void close() {
        logger.removeHandler(logRecords);
        stopJobChanges.run();
        if (context != null) {
            try {
                context.removeServiceListener(serviceEvents);
                context.removeBundleListener(bundleEvents);
                context.removeFrameworkListener(frameworkEvents);
            } catch (IllegalStateException stopped) {
                // this bundle stopped: its listeners are gone with it
            }
        }
        threadEnds.forEach(Thread::interrupt);
    }
}
