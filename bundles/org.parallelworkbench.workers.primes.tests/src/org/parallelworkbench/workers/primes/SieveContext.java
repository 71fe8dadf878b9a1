package org.parallelworkbench.workers.primes;

import java.util.function.BooleanSupplier;

import org.parallelworkbench.core.UnitContext;

/** A unit context holding one sieve made by the provider's own factory, as the engine's pooled worker would. */
final class SieveContext implements UnitContext {

    private final SegmentSieve sieve;
    private final BooleanSupplier canceled;

    SieveContext(PrimesProvider provider, BooleanSupplier canceled) throws Exception {
        this.sieve = provider.workerStateFactory().create();
        this.canceled = canceled;
    }

    @Override
    public boolean isCanceled() {
        return canceled.getAsBoolean();
    }

    @Override
    public <S> S workerState(Class<S> type) {
        return type.cast(sieve);
    }
}
