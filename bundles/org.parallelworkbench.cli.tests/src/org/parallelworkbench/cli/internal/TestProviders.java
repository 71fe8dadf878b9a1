package org.parallelworkbench.cli.internal;

import java.time.Duration;
import java.util.List;

import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.testing.FakeJobService;

/** The providers the command-line tests run, and the engine they run in. */
public final class TestProviders {

    public static final ProviderInfo TICKER = new ProviderInfo("ticker", "Ticker", "Counts up.", "0.1.0", List.of(
            ParameterDescriptor.integer("start", "Start at", 1, -1000, 1000),
            ParameterDescriptor.integer("intervalMillis", "Interval", 1000, 1, 3_600_000).withUnit("ms")
                    .withHelp("Time between two values.")));
    public static final ProviderInfo PRIMES = new ProviderInfo("primes", "Primes", "Counts primes.", "0.2.0", List.of(
            ParameterDescriptor.integer("limit", "Limit", 100, 2, 1_000_000_000)));
    /** How long a finished run took, as its summary line shows it. */
    public static final Duration ELAPSED = Duration.ofMillis(1500);

    private TestProviders() {
    }

    /** An engine with both providers installed, primes first. */
    public static FakeJobService jobs() {
        return new FakeJobService(PRIMES, TICKER);
    }
}
