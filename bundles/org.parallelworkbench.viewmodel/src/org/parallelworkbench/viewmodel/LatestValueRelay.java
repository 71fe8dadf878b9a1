package org.parallelworkbench.viewmodel;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.eclipse.core.databinding.observable.Realm;

/**
 * Carries values from any thread into a {@link Realm}, latest value wins: however fast values are
 * offered, at most one delivery is queued in the Realm at a time, and it hands over the newest value.
 * So a flood of engine events costs the UI thread one update per turn of its event loop, never a
 * backlog.
 *
 * @param <T> the value type; {@code null} is not a value
 */
public final class LatestValueRelay<T> {

    private final Realm realm;
    private final Consumer<? super T> sink;
    private final AtomicReference<T> pending = new AtomicReference<>();
    private final AtomicBoolean deliveryQueued = new AtomicBoolean();

    /** @param sink called inside the Realm with the newest value */
    public LatestValueRelay(Realm realm, Consumer<? super T> sink) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Thread-safe and never blocks. */
    public void offer(T value) {
        pending.set(Objects.requireNonNull(value, "value"));
        if (deliveryQueued.compareAndSet(false, true)) {
            realm.asyncExec(this::deliver);
        }
    }

    private void deliver() {
        // Clear the flag first: a value offered from here on queues a fresh delivery.
        deliveryQueued.set(false);
        T value = pending.getAndSet(null);
        if (value != null) {
            sink.accept(value);
        }
    }
}
