package org.parallelworkbench.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts and tracks runs of the installed {@link WorkProvider}s. Registered by the engine as an OSGi
 * service; every method is thread-safe and returns without waiting for work.
 */
@ProviderType
public interface JobService {

    /** The providers installed now, sorted by name. */
    List<ProviderInfo> providers();

    /**
     * Plans and schedules a run in the background.
     *
     * @throws IllegalArgumentException if no provider has this id, or the provider rejects the parameters
     */
    RunHandle start(String providerId, Parameters parameters);

    /** Runs not yet in a final state, oldest first. */
    List<RunHandle> activeRuns();

    /** Cancels every active run with this reason. */
    void cancelAll(String reason);
}
