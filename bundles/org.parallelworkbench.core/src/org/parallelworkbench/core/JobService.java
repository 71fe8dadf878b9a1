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
     * Every problem of this parameter set for this provider, without starting anything.
     *
     * @throws IllegalArgumentException if no provider has this id
     */
    List<ParameterProblem> validate(String providerId, Parameters parameters);

    /**
     * Validates, plans and schedules a run in the background. Missing parameters take their defaults.
     *
     * @throws InvalidParametersException with every problem, if the parameters have any
     * @throws IllegalArgumentException   if no provider has this id, or its plan rejects the parameters
     */
    RunHandle start(String providerId, Parameters parameters, RunOptions options);

    /** {@link #start(String, Parameters, RunOptions)} with {@link RunOptions#DEFAULT}. */
    default RunHandle start(String providerId, Parameters parameters) {
        return start(providerId, parameters, RunOptions.DEFAULT);
    }

    /** Runs not yet in a final state, oldest first. */
    List<RunHandle> activeRuns();

    /** Cancels every active run with this reason. */
    void cancelAll(String reason);
}
