package org.parallelworkbench.engine.internal;

import java.util.concurrent.Flow;

import org.parallelworkbench.core.RunEvent;

/**
 * A run's event subscriber with each call timed by the {@link ObserverWatchdog}, so one that blocks is
 * reported. Exceptions pass through to the run's publisher, which reports and unsubscribes.
 * <p>
 * Threading: called by the publisher, one call at a time, on an engine event thread.
 */
final class WatchedSubscriber implements Flow.Subscriber<RunEvent> {

    private final Flow.Subscriber<? super RunEvent> delegate;
    private final ObserverWatchdog watchdog;
    private final String description;

    WatchedSubscriber(Flow.Subscriber<? super RunEvent> delegate, ObserverWatchdog watchdog, Object run) {
        this.delegate = delegate;
        this.watchdog = watchdog;
        this.description = "event subscriber " + delegate + " of " + run;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        watched(() -> delegate.onSubscribe(subscription));
    }

    @Override
    public void onNext(RunEvent item) {
        watched(() -> delegate.onNext(item));
    }

    @Override
    public void onError(Throwable throwable) {
        watched(() -> delegate.onError(throwable));
    }

    @Override
    public void onComplete() {
        watched(delegate::onComplete);
    }

    private void watched(Runnable callIntoSubscriber) {
        ObserverWatchdog.Call call = watchdog.enter(description);
        try {
            callIntoSubscriber.run();
        } finally {
            watchdog.exit(call);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
