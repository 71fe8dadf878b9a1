package org.parallelworkbench.engine.internal;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where a bound provider comes from.
 *
 * @param description     for the log, e.g. "bundle com.example.w 1.0.0"; "" when unknown
 * @param shipped         whether the product ships the provider's bundle (else it is a drop-in), which decides
 *                        where runs left to the engine execute
 * @param bundleLocations the bundles a worker process of the provider starts, read when one starts
 */
record ProviderOrigin(String description, boolean shipped, Supplier<List<String>> bundleLocations) {

    /** A provider added without a bundle, as in tests: shipped, and no worker process can start it. */
    static final ProviderOrigin UNKNOWN = new ProviderOrigin("", true, () -> {
        throw new IllegalStateException("the provider's bundle is not known");
    });
}
