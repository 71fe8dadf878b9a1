package org.parallelworkbench.viewmodel;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.eclipse.core.databinding.observable.Realm;

/**
 * Carries values from any thread into a {@link Realm}, latest value wins: however fast values are
 * offered, at most one delivery is queued in the Realm at a time, it hands over the newest value, and
 * deliveries are at least {@link #MIN_INTERVAL_MILLIS} apart (about 60 a second). So a flood of engine
 * events costs the UI thread a bounded number of updates, never a backlog, and the last value offered
 * is always the last one delivered.
 *
 * @param <T> the value type; {@code null} is not a value
 */
public final class LatestValueRelay<T> {

    /** A display refreshes about 60 times a second; more updates than that are never seen. */
    public static final long MIN_INTERVAL_MILLIS = 16;

    private final Realm realm;
    private final Consumer<? super T> sink;
    private final LongSupplier nanoClock;
    private final long minIntervalNanos;
    private final AtomicReference<T> pending = new AtomicReference<>();
    private final AtomicBoolean deliveryQueued = new AtomicBoolean();
    /** Realm thread only. */
    private long nextDueNanos = Long.MIN_VALUE;

    /** @param sink called inside the Realm with the newest value */
    public LatestValueRelay(Realm realm, Consumer<? super T> sink) {
        this(realm, sink, TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MILLIS), System::nanoTime);
    }

    LatestValueRelay(Realm realm, Consumer<? super T> sink, long minIntervalNanos, LongSupplier nanoClock) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.minIntervalNanos = minIntervalNanos;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Thread-safe and never blocks. */
    public void offer(T value) {
        pending.set(Objects.requireNonNull(value, "value"));
        if (deliveryQueued.compareAndSet(false, true)) {
            realm.asyncExec(this::deliverWhenDue);
        }
    }

    /** In the Realm: {@code timerExec} may only be called there (a display's timers belong to its thread). */
    private void deliverWhenDue() {
        long waitNanos = nextDueNanos == Long.MIN_VALUE ? 0 : nextDueNanos - nanoClock.getAsLong();
        if (waitNanos > 0) {
            realm.timerExec((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)), this::deliver);
        } else {
            deliver();
        }
    }

    private void deliver() {
        // Clear the flag first: a value offered from here on queues a fresh delivery.
        deliveryQueued.set(false);
        T value = pending.getAndSet(null);
        if (value != null) {
            nextDueNanos = nanoClock.getAsLong() + minIntervalNanos;
            sink.accept(value);
        }
    }
}
