package org.parallelworkbench.ui.internal;

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

/** A finite provider for UI tests: sums 1..n in one unit per number. */
final class SumProvider implements WorkProvider {

    static final ProviderInfo INFO = new ProviderInfo("sum", "Sum", "Adds 1 to n, one unit per number.", "1",
            List.of(ParameterDescriptor.integer("n", "Up to", 10, 1, 1000)));

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        long n = parameters.getLong("n", 10);
        return WorkPlan.of(LongStream.rangeClosed(1, n).mapToObj(i -> new WorkUnit(i - 1, Map.of("i", Long.toString(i)))).toList(), 4);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        return new UnitResult(unit.index(), unit.get("i"));
    }

    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        return new ResultAccumulator() {
            private long sum;

            @Override
            public void accept(UnitResult result) {
                sum += Long.parseLong(result.value());
            }

            @Override
            public ResultValue snapshot() {
                return new ResultValue.Scalar("sum = " + sum);
            }
        };
    }
}
