package org.parallelworkbench.install;

import java.util.List;
import java.util.Objects;

/**
 * A worker bundle in the running product: one that registers or declares providers.
 *
 * @param location          where it was installed from (for drop-ins a {@code file:} URI or a path)
 * @param providerIds       the ids of the providers it has registered now, sorted
 * @param declaredProviders the providers its component descriptions declare, registered or not
 * @param failures          why this revision of the bundle does not work (it cannot resolve, its activator
 *                          threw or hangs, a component failed to activate), as this bundle's diagnostics found;
 *                          empty while nothing failed
 */
public record InstalledWorker(long bundleId, String symbolicName, String version, BundleState state, String location,
        List<String> providerIds, List<DeclaredProvider> declaredProviders, List<BundleProblem> failures) {

    public InstalledWorker {
        symbolicName = Objects.requireNonNullElse(symbolicName, "");
        version = Objects.requireNonNullElse(version, "");
        Objects.requireNonNull(state, "state");
        location = Objects.requireNonNullElse(location, "");
        providerIds = List.copyOf(providerIds);
        declaredProviders = List.copyOf(declaredProviders);
        failures = List.copyOf(failures);
    }

    /** A worker nothing has failed for. */
    public InstalledWorker(long bundleId, String symbolicName, String version, BundleState state, String location,
            List<String> providerIds, List<DeclaredProvider> declaredProviders) {
        this(bundleId, symbolicName, version, state, location, providerIds, declaredProviders, List.of());
    }

    /** "com.example.primes 1.0.0". */
    public String label() {
        return symbolicName + " " + version;
    }

    /** Active with every provider it declares registered: its providers can run. */
    public boolean started() {
        return state == BundleState.ACTIVE && providerIds.size() >= declaredProviders.size();
    }
}
