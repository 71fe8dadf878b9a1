package org.parallelworkbench.workers.checksums;

import java.util.function.BooleanSupplier;

import org.parallelworkbench.core.UnitContext;

/** A unit context holding one digester made by the provider's own factory, as the engine's pooled worker would. */
final class DigesterContext implements UnitContext {

    private final ChunkedDigester digester;
    private final BooleanSupplier canceled;

    DigesterContext(ChecksumsProvider provider, BooleanSupplier canceled) throws Exception {
        this.digester = provider.workerStateFactory().create();
        this.canceled = canceled;
    }

    @Override
    public boolean isCanceled() {
        return canceled.getAsBoolean();
    }

    @Override
    public <S> S workerState(Class<S> type) {
        return type.cast(digester);
    }
}
