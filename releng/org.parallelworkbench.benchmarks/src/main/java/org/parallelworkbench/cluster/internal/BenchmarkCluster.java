package org.parallelworkbench.cluster.internal;

import java.nio.file.Path;
import java.util.Map;

import org.parallelworkbench.engine.remote.RemoteUnits;

/**
 * The cluster bundle's submitting side built directly, outside OSGi, for the benchmarks: a Hazelcast client of the
 * cluster a configuration file names, as the window or a headless run has it. This class sits in the bundle's
 * internal package (a split package, fine on a plain class path), as {@code BenchmarkEngine} does in the engine's.
 */
public final class BenchmarkCluster implements AutoCloseable {

    private final RemoteUnitsComponent client;

    /** @param config a cluster configuration, as {@code conf/hazelcast.yaml} */
    public BenchmarkCluster(Path config) {
        Map<String, String> properties = Map.of(ClusterSettings.CONFIG_PROPERTY, config.toString());
        client = new RemoteUnitsComponent(ClusterSettings.from(properties::get, BenchmarkCluster.class.getClassLoader()));
    }

    /** The client; it connects when the engine first asks for members. */
    public RemoteUnits remoteUnits() {
        return client;
    }

    @Override
    public void close() {
        client.deactivate();
    }
}
