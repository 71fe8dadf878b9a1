package org.parallelworkbench.viewmodel;

import java.util.List;

import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ProviderInfo;

/** The providers the ViewModel tests install in their {@link org.parallelworkbench.testing.FakeJobService}. */
final class TestProviders {

    static final ProviderInfo TICKER = new ProviderInfo("ticker", "Ticker", "Counts up", "1");
    /** A provider with one parameter of each kind the form shows differently. */
    static final ProviderInfo COUNTER = new ProviderInfo("counter", "Counter", "Counts to a limit", "2.1", List.of(
            ParameterDescriptor.integer("limit", "Limit", 100, 1, 1000).withUnit("units").withHelp("How far to count"),
            ParameterDescriptor.bool("fast", "Fast", false),
            ParameterDescriptor.choice("mode", "Mode", "up", List.of("up", "down"))));

    private TestProviders() {
    }
}
