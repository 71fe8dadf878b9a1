package org.parallelworkbench.process.host.internal;

import java.time.Duration;

import org.parallelworkbench.core.WorkProvider;

/** Where the host finds the provider it serves: the worker framework's service registry, or a test's list. */
interface ProviderSource {

    /**
     * The provider of this id and version, waiting for it at most {@code timeout}; null if none came.
     *
     * @throws InterruptedException when the host is closed while it waits
     */
    WorkProvider find(String id, String version, Duration timeout) throws InterruptedException;

    /** For a user: what is there instead, and why the provider may be missing (one item a line). */
    String whyMissing();

    /** Whether the provider has this id and version; false if its {@code info()} fails. */
    static boolean matches(WorkProvider provider, String id, String version) {
        try {
            return provider.info().id().equals(id) && provider.info().version().equals(version);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** "id version" of a provider, for messages. */
    static String describe(WorkProvider provider) {
        try {
            return provider.info().id() + " " + provider.info().version();
        } catch (RuntimeException | LinkageError e) {
            return provider.getClass().getName() + " (its info() failed: " + e + ")";
        }
    }
}
