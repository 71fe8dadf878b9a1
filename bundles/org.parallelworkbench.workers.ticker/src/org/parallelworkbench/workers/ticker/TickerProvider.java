package org.parallelworkbench.workers.ticker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * A value that counts up once a second until the run is stopped: the simplest open-ended run.
 * Each tick is one unit, executed one at a time, so values arrive in order and a stop ends the
 * current wait at once.
 */
@Component(service = WorkProvider.class)
public final class TickerProvider implements WorkProvider {

    public static final String ID = "ticker";
    public static final String PARAM_START = "start";
    public static final String PARAM_INTERVAL_MILLIS = "intervalMillis";
    static final long DEFAULT_START = 1;
    static final long DEFAULT_INTERVAL_MILLIS = 1000;
    static final long MAX_INTERVAL_MILLIS = TimeUnit.HOURS.toMillis(1);

    private static final ProviderInfo INFO = new ProviderInfo(ID, "Ticker",
            "Counts up once a second in a background worker until stopped.", "0.1.0", List.of(
                    ParameterDescriptor.integer(PARAM_START, "Start at", DEFAULT_START, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)
                            .withHelp("The first value shown."),
                    ParameterDescriptor.integer(PARAM_INTERVAL_MILLIS, "Interval", DEFAULT_INTERVAL_MILLIS, 1, MAX_INTERVAL_MILLIS)
                            .withUnit("ms").withHelp("Time between two values.")));

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        long start = parameters.getLong(PARAM_START, DEFAULT_START);
        long intervalMillis = parameters.getLong(PARAM_INTERVAL_MILLIS, DEFAULT_INTERVAL_MILLIS);
        if (intervalMillis < 1 || intervalMillis > MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("Parameter '" + PARAM_INTERVAL_MILLIS + "' must be between 1 and "
                    + MAX_INTERVAL_MILLIS + ", not " + intervalMillis);
        }
        String interval = Long.toString(intervalMillis);
        return WorkPlan.open(index -> new WorkUnit(index,
                Map.of("value", Long.toString(Math.addExact(start, index)), PARAM_INTERVAL_MILLIS, interval)), 1);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(unit.get(PARAM_INTERVAL_MILLIS)));
        // Short slices keep a stop prompt even if the engine's interrupt is lost.
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            if (context.isCanceled()) {
                throw new InterruptedException("ticker stopped");
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
        }
        return new UnitResult(unit.index(), unit.get("value"));
    }
}
