package org.parallelworkbench.viewmodel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Keeps last-used values in a map, for tests. */
final class InMemoryParameterMemory implements ParameterMemory {

    private final Map<String, Map<String, String>> kept = new HashMap<>();
    private String lastStarted;

    @Override
    public Map<String, String> recall(String providerId) {
        return kept.getOrDefault(providerId, Map.of());
    }

    @Override
    public void remember(String providerId, Map<String, String> values) {
        kept.put(providerId, Map.copyOf(values));
        lastStarted = providerId;
    }

    @Override
    public Optional<String> lastStarted() {
        return Optional.ofNullable(lastStarted);
    }
}
