package org.parallelworkbench.core;

import java.util.function.BooleanSupplier;

import org.osgi.annotation.versioning.ProviderType;

/** What the engine offers a unit while it executes. Called only from the unit's worker thread. */
@ProviderType
public interface UnitContext {

    /**
     * @return true once the run was cancelled. Long units should check this often; the engine also
     *         interrupts the worker thread, so blocking calls end with {@link InterruptedException}.
     */
    boolean isCanceled();

    /**
     * The pooled state of the worker executing this unit, made by the provider's
     * {@link WorkProvider#workerStateFactory()}; this unit has it to itself until it returns.
     *
     * @throws IllegalStateException if the provider declares no worker state of this type
     */
    <S> S workerState(Class<S> type);

    /**
     * A context without worker state whose cancellation is {@code canceled}: for testing a provider's
     * {@link WorkProvider#execute} without an engine.
     */
    static UnitContext canceledWhen(BooleanSupplier canceled) {
        return new UnitContext() {
            @Override
            public boolean isCanceled() {
                return canceled.getAsBoolean();
            }

            @Override
            public <S> S workerState(Class<S> type) {
                throw new IllegalStateException("This context has no worker state");
            }
        };
    }
}
