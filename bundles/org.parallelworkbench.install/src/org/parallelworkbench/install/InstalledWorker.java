package org.parallelworkbench.install;

import java.util.List;
import java.util.Objects;

/**
 * A worker bundle in the running product: one that registers or declares providers.
 *
 * @param state            the bundle's state, as {@code INSTALLED}, {@code RESOLVED}, {@code STARTING},
 *                         {@code ACTIVE}, {@code STOPPING} or {@code UNINSTALLED}
 * @param location         where it was installed from (for drop-ins a {@code file:} URI or a path)
 * @param providerIds      the ids of the providers it has registered now, sorted
 * @param declaredProviders the providers its component descriptions declare, registered or not
 */
public record InstalledWorker(long bundleId, String symbolicName, String version, String state, String location,
        List<String> providerIds, List<DeclaredProvider> declaredProviders) {

    public InstalledWorker {
        symbolicName = Objects.requireNonNullElse(symbolicName, "");
        version = Objects.requireNonNullElse(version, "");
        Objects.requireNonNull(state, "state");
        location = Objects.requireNonNullElse(location, "");
        providerIds = List.copyOf(providerIds);
        declaredProviders = List.copyOf(declaredProviders);
    }
}
