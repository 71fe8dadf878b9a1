package org.parallelworkbench.cli.internal.run;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunObserver;

/**
 * Keeps the progress of active runs from their events, for {@code pw:runs}: every run the engine announces
 * to {@link RunObserver}s, and any run handed to {@link #follow}. A run is forgotten when it ends.
 * <p>
 * A component of its own, with no references: the engine binds RunObservers, so an observer that needed
 * the engine's JobService would form a reference cycle. Thread-safe; {@link #runStarted} returns at once.
 */
@Component(immediate = true, service = { RunFollower.class, RunObserver.class })
public final class RunFollower implements RunObserver {

    /** By run id; an entry leaves when its run ends. */
    private final Map<String, ProgressTracker> followed = new ConcurrentHashMap<>();

    @Override
    public void runStarted(RunHandle run) {
        follow(run);
    }

    /** Starts following a run; following it twice changes nothing. */
    public void follow(RunHandle run) {
        ProgressTracker tracker = new ProgressTracker(System::nanoTime);
        if (followed.putIfAbsent(run.id(), tracker) == null) {
            // Progress, not each unit: this follows every run of the product, the window's too.
            run.summaryEvents().subscribe(RunEvent.subscriber(tracker::accept));
            run.outcome().whenComplete((outcome, failure) -> followed.remove(run.id(), tracker));
        }
    }

    /** @return the progress of a followed, active run */
    public Optional<ProgressSnapshot> progress(String runId) {
        return Optional.ofNullable(followed.get(runId)).map(ProgressTracker::snapshot);
    }
}
