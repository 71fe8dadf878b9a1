package org.parallelworkbench.ui.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/** For UI tests: a result of the chosen kind built from {@value #UNITS} units. */
final class KindsProvider implements WorkProvider {

    static final int UNITS = 4;
    static final int IMAGE_WIDTH = 8;
    static final int IMAGE_HEIGHT = UNITS;
    static final ProviderInfo INFO = new ProviderInfo("kinds", "Result kinds", "One result of each kind.", "1",
            List.of(ParameterDescriptor.choice("kind", "Kind", "series", List.of("series", "table", "image"))));

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        return WorkPlan.of(LongStream.range(0, UNITS).mapToObj(i -> new WorkUnit(i, Map.of())).toList(), 2);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        return new UnitResult(unit.index(), Long.toString(unit.index() * unit.index()));
    }

    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        String kind = parameters.get("kind", "series");
        return new ResultAccumulator() {
            private final List<UnitResult> results = new ArrayList<>();

            @Override
            public void accept(UnitResult result) {
                results.add(result);
            }

            @Override
            public ResultValue snapshot() {
                List<UnitResult> sorted = results.stream().sorted((a, b) -> Long.compare(a.unitIndex(), b.unitIndex())).toList();
                return switch (kind) {
                case "table" -> new ResultValue.Table(List.of("unit", "square"),
                        sorted.stream().map(r -> List.of(Long.toString(r.unitIndex()), r.value())).toList());
                case "image" -> {
                    int[] argb = new int[IMAGE_WIDTH * IMAGE_HEIGHT];
                    Arrays.fill(argb, 0xFFFF0000);
                    yield new ResultValue.Image(IMAGE_WIDTH, IMAGE_HEIGHT, argb);
                }
                default -> new ResultValue.Series("squares", "unit", "square",
                        sorted.stream().map(r -> new ResultValue.Point(r.unitIndex(), Double.parseDouble(r.value()))).toList());
                };
            }
        };
    }
}
