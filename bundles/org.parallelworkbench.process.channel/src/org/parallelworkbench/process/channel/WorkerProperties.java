package org.parallelworkbench.process.channel;

/**
 * The framework properties the engine starts a worker process with, read by the worker host there. A framework
 * without {@link #SOCKET} is not a worker process.
 */
public final class WorkerProperties {

    /** Path of the Unix domain socket the engine listens on for this process. */
    public static final String SOCKET = "parallelworkbench.worker.socket";
    /** The id of the provider to serve ({@code ProviderInfo.id()}). */
    public static final String PROVIDER = "parallelworkbench.worker.provider";
    /** The version of the provider to serve ({@code ProviderInfo.version()}); another version is not served. */
    public static final String PROVIDER_VERSION = "parallelworkbench.worker.providerVersion";
    /** The engine's process id: the worker ends when that process does. */
    public static final String PARENT = "parallelworkbench.worker.parent";

    private WorkerProperties() {
    }
}
