package org.parallelworkbench.core;

import java.util.Objects;

/** The plain-data result of one {@link WorkUnit}, tied to the unit by its index. */
public record UnitResult(long unitIndex, String value) {

    public UnitResult {
        Objects.requireNonNull(value, "value");
    }
}
