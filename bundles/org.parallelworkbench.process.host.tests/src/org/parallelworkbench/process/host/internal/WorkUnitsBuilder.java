package org.parallelworkbench.process.host.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parallelworkbench.core.WorkUnit;

/** Units with a "value" each, for {@link EngineSide#execute}. */
final class WorkUnitsBuilder {

    private final List<WorkUnit> units = new ArrayList<>();

    static WorkUnitsBuilder units() {
        return new WorkUnitsBuilder();
    }

    WorkUnitsBuilder unit(long index, String value) {
        units.add(new WorkUnit(index, Map.of("value", value)));
        return this;
    }

    List<WorkUnit> build() {
        return List.copyOf(units);
    }
}
