package org.parallelworkbench.core;

import java.util.Map;
import java.util.Objects;

/**
 * One independent piece of a run: its position in the run and the data it needs, as text pairs.
 * Plain data by design: a unit can be executed by any worker that has the same provider installed.
 */
public record WorkUnit(long index, Map<String, String> data) {

    public WorkUnit {
        if (index < 0) {
            throw new IllegalArgumentException("Unit index must not be negative: " + index);
        }
        data = Map.copyOf(Objects.requireNonNull(data, "data"));
    }

    public String get(String key) {
        String value = data.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Work unit " + index + " has no '" + key + "'");
        }
        return value;
    }
}
