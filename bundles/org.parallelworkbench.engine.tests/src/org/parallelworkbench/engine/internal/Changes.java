package org.parallelworkbench.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceListener;

/**
 * Wakes a waiting test on every change the engine and the platform make observable: a record logged under
 * {@code org.parallelworkbench} (the engine logs each provider added or removed, each run state and settings
 * change after making it), an OSGi service, bundle or framework event, an Eclipse Jobs change, and the end of
 * any thread alive when it was opened. The waiter checks its condition again on each, until it holds or the
 * timeout passes; nothing is polled on a clock. Open one per wait and close it after.
 */
final class Changes implements AutoCloseable {

    private static final String LOGGERS = "org.parallelworkbench";

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
    private final JobChangeAdapter jobChanges = new JobChangeAdapter() {
        @Override
        public void scheduled(IJobChangeEvent event) {
            signal();
        }

        @Override
        public void running(IJobChangeEvent event) {
            signal();
        }

        @Override
        public void done(IJobChangeEvent event) {
            signal();
        }
    };
    private final ServiceListener serviceEvents = event -> signal();
    private final BundleListener bundleEvents = event -> signal();
    private final FrameworkListener frameworkEvents = event -> signal();
    private final BundleContext context;
    private final List<Thread> threadEnds = new ArrayList<>();
    private long signals;

    Changes() {
        logger.addHandler(logRecords);
        Job.getJobManager().addJobChangeListener(jobChanges);
        Bundle bundle = FrameworkUtil.getBundle(Changes.class);
        context = bundle == null ? null : bundle.getBundleContext();
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

    private void signalWhenEnded(Thread thread) {
        try {
            thread.join();
            signal();
        } catch (InterruptedException closed) {
            // the wait is over
        }
    }

    synchronized void signal() {
        signals++;
        notifyAll();
    }

    /** Returns once the condition holds; fails with the message if it does not within the timeout. */
    void await(BooleanSupplier condition, Duration timeout, Supplier<String> message) {
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

    @Override
    public void close() {
        logger.removeHandler(logRecords);
        Job.getJobManager().removeJobChangeListener(jobChanges);
        if (context != null) {
            try {
                context.removeServiceListener(serviceEvents);
                context.removeBundleListener(bundleEvents);
                context.removeFrameworkListener(frameworkEvents);
            } catch (IllegalStateException stopped) {
                // the test bundle stopped: its listeners are gone with it
            }
        }
        threadEnds.forEach(Thread::interrupt);
    }
}
