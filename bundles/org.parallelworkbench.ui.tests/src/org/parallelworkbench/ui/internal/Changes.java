package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceListener;
import org.parallelworkbench.core.RunEvent;

/**
 * Waits for a condition that changes with OSGi service events (a component's properties, a provider
 * arriving) or run events (a state, a unit done): each event wakes the waiter, which checks again, until
 * the condition holds or the timeout passes. Nothing is polled on a clock.
 */
final class Changes implements AutoCloseable {

    private final BundleContext context;
    private final ServiceListener listener = event -> signal();

    Changes(BundleContext context) {
        this.context = context;
        context.addServiceListener(listener);
    }

    /** A subscriber for a run's events: each one is a change worth checking for. */
    Flow.Subscriber<RunEvent> runEvents() {
        return RunEvent.subscriber(event -> signal());
    }

    synchronized void signal() {
        notifyAll();
    }

    /** Returns once the condition holds; fails with the message if it does not within the timeout. */
    synchronized void await(BooleanSupplier condition, Duration timeout, Supplier<String> message) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                fail(message.get() + " (not within " + timeout.toMillis() + " ms)");
            }
            wait(remainingMillis);
        }
    }

    @Override
    public void close() {
        context.removeServiceListener(listener);
    }
}
