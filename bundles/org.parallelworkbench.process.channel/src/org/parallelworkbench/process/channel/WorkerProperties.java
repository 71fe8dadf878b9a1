package org.parallelworkbench.process.channel;

/**
 * The framework properties by which the engine tells a worker process what to do. The engine sets them when it
 * launches the worker's framework; the worker's host reads them with {@code BundleContext.getProperty}. Kept
 * here, the one bundle both sides import, so their names cannot drift apart.
 */
public final class WorkerProperties {

    /**
     * The path of the Unix domain socket the engine listens on. Set only in a worker process: where it is
     * absent (as in the product's own framework) the host does nothing.
     */
    public static final String SOCKET = "parallelworkbench.worker.socket";

    /** The {@code ProviderInfo.id()} of the provider whose units the worker process executes. */
    public static final String PROVIDER = "parallelworkbench.worker.provider";

    /** The {@code ProviderInfo.version()} of that provider; another version of it is not served. */
    public static final String PROVIDER_VERSION = "parallelworkbench.worker.providerVersion";

    /** The process id of the engine's JVM, in decimal; the worker process ends when that process does. */
    public static final String PARENT_PID = "parallelworkbench.worker.parent";

    private WorkerProperties() {
    }
}
