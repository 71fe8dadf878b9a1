package org.parallelworkbench.process.host.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkerStateFactory;
import org.parallelworkbench.process.channel.Message;
import org.parallelworkbench.process.channel.MessageChannel;

/**
 * The worker process's side of the conversation described in {@link Message}: says hello, finds the provider,
 * then reads the engine's messages and has a {@link UnitExecutor} execute the units, until the engine says
 * shutdown or goes away. Plain Java: the JVM's end is a callback, so tests run a host in-process.
 * <p>
 * Threading: {@link #run()} on a thread of the caller's, which becomes the reader: it must not be interrupted
 * while reading a socket (that closes it), except to end the host after {@link #close()}. Units execute on the
 * executor's thread. {@link #close()} from any thread. The end callback is called at most once, never after
 * {@link #close()}, on the reader, executor or flusher thread.
 */
final class WorkerHost {

    /** How long a worker waits for its provider's service to be registered by default. */
    static final Duration PROVIDER_WAIT = Duration.ofSeconds(30);
    /** How long a shutdown waits for the unit in progress to return before the JVM ends anyway. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(WorkerHost.class.getName());

    /** Why the host ends the JVM, and how. */
    enum Ending {
        /** The engine said {@link Message.Shutdown}: exit normally. */
        SHUTDOWN(0, true),
        /** The provider is not here; the engine was told why: exit normally. */
        PROVIDER_UNAVAILABLE(2, true),
        /** The channel broke or the engine's process died: nobody is left to answer, halt at once. */
        ENGINE_GONE(1, false);

        final int exitStatus;
        final boolean graceful;

        Ending(int exitStatus, boolean graceful) {
            this.exitStatus = exitStatus;
            this.graceful = graceful;
        }
    }

    private final MessageChannel channel;
    private final ProviderSource providers;
    private final String providerId;
    private final String providerVersion;
    private final Duration providerWait;
    private final Consumer<Ending> end;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean closed;
    private volatile UnitExecutor executor;

    /**
     * @param providerId      the provider to serve, empty if the engine named none
     * @param providerWait    how long to wait for it, {@link #PROVIDER_WAIT} but in tests
     * @param end             ends the JVM
     */
    WorkerHost(MessageChannel channel, ProviderSource providers, String providerId, String providerVersion,
            Duration providerWait, Consumer<Ending> end) {
        this.channel = channel;
        this.providers = providers;
        this.providerId = providerId == null ? "" : providerId;
        this.providerVersion = providerVersion == null ? "" : providerVersion;
        this.providerWait = providerWait;
        this.end = end;
    }

    /** Converses with the engine until the host ends; returns then (the JVM may be ending already). */
    void run() {
        try {
            channel.send(new Message.Hello(MessageChannel.PROTOCOL_VERSION, ProcessHandle.current().pid()));
            UnitExecutor started = startExecutor();
            if (started != null) {
                serve(started);
            }
        } catch (IOException e) {
            engineGone(e);
        } catch (InterruptedException e) {
            if (!closed) {
                LOG.log(Level.ERROR, "The worker host was interrupted; it ends", e);
                end(Ending.ENGINE_GONE);
            }
        }
    }

    /** Finds the provider and says Ready, or says Unavailable and ends; null then. */
    private UnitExecutor startExecutor() throws IOException, InterruptedException {
        if (providerId.isEmpty()) {
            return unavailable("The worker process was started without a provider to serve");
        }
        String wanted = "Provider " + providerId + " " + providerVersion;
        WorkProvider provider = providers.find(providerId, providerVersion, providerWait);
        if (provider == null) {
            return unavailable(wanted + " was not registered in the worker process within "
                    + providerWait.toMillis() + " ms." + System.lineSeparator() + providers.whyMissing());
        }
        WorkerStateFactory<?> stateFactory;
        try {
            stateFactory = provider.workerStateFactory();
        } catch (RuntimeException | LinkageError e) {
            return unavailable(wanted + " failed to give its worker state factory: " + e);
        }
        UnitExecutor started = new UnitExecutor(channel, provider, new WorkerState(stateFactory), this::engineGone);
        executor = started;
        if (closed) {
            started.stop();
            return null;
        }
        started.start();
        channel.send(new Message.Ready(providerId, providerVersion));
        LOG.log(Level.INFO, "Worker process " + ProcessHandle.current().pid() + " serves " + wanted);
        return started;
    }

    private UnitExecutor unavailable(String reason) throws IOException {
        LOG.log(Level.ERROR, reason);
        channel.send(new Message.Unavailable(reason));
        end(Ending.PROVIDER_UNAVAILABLE);
        return null;
    }

    private void serve(UnitExecutor units) throws IOException, InterruptedException {
        while (true) {
            Message message = channel.read();
            switch (message) {
            case Message.Execute execute -> units.execute(execute.units());
            case Message.Cancel cancel -> units.cancel();
            case Message.Shutdown shutdown -> {
                units.stop();
                if (!units.awaitEnd(SHUTDOWN_GRACE)) {
                    LOG.log(Level.WARNING, "A unit did not return within " + SHUTDOWN_GRACE.toMillis()
                            + " ms of shutdown; the worker process ends anyway");
                }
                end(Ending.SHUTDOWN);
                return;
            }
            default -> LOG.log(Level.WARNING, "Ignoring a message the engine does not send: " + message);
            }
        }
    }

    private void engineGone(IOException e) {
        if (!closed) {
            LOG.log(Level.WARNING, "The engine is gone (" + e + "); the worker process ends");
            end(Ending.ENGINE_GONE);
        }
    }

    private void end(Ending ending) {
        if (!closed && ended.compareAndSet(false, true)) {
            end.accept(ending);
        }
    }

    /**
     * Stops serving without ending the JVM (the framework is stopping it): the unit in progress is cancelled and
     * the channel closed, which ends {@link #run()}. Does not wait for anything.
     */
    void close() {
        closed = true;
        UnitExecutor current = executor;
        if (current != null) {
            current.stop();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing the channel failed", e);
        }
    }
}
