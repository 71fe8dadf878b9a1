package org.parallelworkbench.engine.remote;

import java.util.Map;
import java.util.Objects;

/**
 * A machine that executes units, as the sending engine sees it.
 *
 * @param id        stable while the member is up, e.g. Hazelcast's member UUID
 * @param address   where it listens, for users, e.g. {@code 127.0.0.1:5701}
 * @param capacity  how many units it executes at once (its engine's pool size)
 * @param providers the providers installed there, id to version
 * @param unitsDone units it completed since it joined, for any engine; published every few seconds
 * @param busy      whether it was executing a batch when it last published
 */
public record RemoteMember(String id, String address, int capacity, Map<String, String> providers, long unitsDone,
        boolean busy) {

    public RemoteMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        providers = Map.copyOf(providers);
        if (capacity < 1) {
            throw new IllegalArgumentException("A member executes at least one unit at once: " + capacity);
        }
    }

    /** An idle member that has completed no unit yet. */
    public RemoteMember(String id, String address, int capacity, Map<String, String> providers) {
        this(id, address, capacity, providers, 0, false);
    }

    /** Whether units of this provider version may go to this member. */
    public boolean has(String providerId, String providerVersion) {
        return providerVersion.equals(providers.get(providerId));
    }
}
