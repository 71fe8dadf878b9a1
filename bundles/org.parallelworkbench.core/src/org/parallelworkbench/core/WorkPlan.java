package org.parallelworkbench.core;

import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * How a run is split: a finite list of units, or an open stream that goes on until the run is
 * cancelled (like the ticker). {@code maxConcurrentUnits} caps how many units of this run execute at
 * once; the engine's pool size caps it further.
 */
public sealed interface WorkPlan {

    int maxConcurrentUnits();

    static WorkPlan of(List<WorkUnit> units, int maxConcurrentUnits) {
        return new Finite(units, maxConcurrentUnits);
    }

    static WorkPlan open(LongFunction<WorkUnit> unitAt, int maxConcurrentUnits) {
        return new Open(unitAt, maxConcurrentUnits);
    }

    record Finite(List<WorkUnit> units, int maxConcurrentUnits) implements WorkPlan {
        public Finite {
            units = List.copyOf(units);
            requirePositive(maxConcurrentUnits);
        }
    }

    /** Units are created on demand, index 0, 1, 2, ... */
    record Open(LongFunction<WorkUnit> unitAt, int maxConcurrentUnits) implements WorkPlan {
        public Open {
            Objects.requireNonNull(unitAt, "unitAt");
            requirePositive(maxConcurrentUnits);
        }
    }

    private static void requirePositive(int maxConcurrentUnits) {
        if (maxConcurrentUnits < 1) {
            throw new IllegalArgumentException("maxConcurrentUnits must be at least 1: " + maxConcurrentUnits);
        }
    }
}
