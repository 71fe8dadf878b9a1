package org.parallelworkbench.process.host.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.parallelworkbench.process.channel.MessageChannel;
import org.parallelworkbench.process.channel.WorkerProperties;

/**
 * Makes a framework a worker process when the engine launched it: with the framework property
 * {@value WorkerProperties#SOCKET} set, connects to the engine there and serves the provider named by
 * {@value WorkerProperties#PROVIDER} and {@value WorkerProperties#PROVIDER_VERSION} (see {@link WorkerHost}),
 * and ends the JVM when the process {@value WorkerProperties#PARENT_PID} ends. Without that property (the
 * product's own framework) it does nothing.
 * <p>
 * Never writes to {@code System.out}: that is the units' to print to. Logs through {@link System.Logger}.
 * <p>
 * Threading: SCR activates and deactivates; neither blocks. The host runs on a thread of its own.
 */
// Immediate: nobody asks for it; a worker process must connect as soon as it starts.
@Component(service = {}, immediate = true)
public final class WorkerHostComponent {

    private static final System.Logger LOG = System.getLogger(WorkerHostComponent.class.getName());

    private final RegisteredProviders providers;
    private final Thread hostThread;
    private final ParentWatch parentWatch;
    private volatile WorkerHost host;
    private volatile boolean deactivated;

    @Activate
    public WorkerHostComponent(BundleContext context) {
        String socket = context.getProperty(WorkerProperties.SOCKET);
        if (socket == null || socket.isBlank()) {
            providers = null;
            hostThread = null;
            parentWatch = null;
            return;
        }
        String providerId = context.getProperty(WorkerProperties.PROVIDER);
        String providerVersion = context.getProperty(WorkerProperties.PROVIDER_VERSION);
        providers = new RegisteredProviders(context);
        parentWatch = parentOf(context.getProperty(WorkerProperties.PARENT_PID))
                .map(parent -> new ParentWatch(parent, () -> end(WorkerHost.Ending.ENGINE_GONE)))
                .orElse(null);
        hostThread = new Thread(() -> connectAndServe(socket, providerId, providerVersion), "Worker host");
        hostThread.setDaemon(true);
        hostThread.start();
    }

    /** The engine's process; empty when not given (logged). Ends the JVM at once if that process is gone. */
    private Optional<ProcessHandle> parentOf(String pid) {
        if (pid == null || pid.isBlank()) {
            LOG.log(Level.WARNING, "No " + WorkerProperties.PARENT_PID + ": this worker process will not notice if"
                    + " the engine's process dies without closing the socket");
            return Optional.empty();
        }
        try {
            Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
            if (parent.isEmpty()) {
                LOG.log(Level.ERROR, "The engine's process " + pid + " is gone already");
                end(WorkerHost.Ending.ENGINE_GONE);
            }
            return parent;
        } catch (NumberFormatException e) {
            LOG.log(Level.WARNING, WorkerProperties.PARENT_PID + " is not a process id: '" + pid + "'");
            return Optional.empty();
        }
    }

    private void connectAndServe(String socketPath, String providerId, String providerVersion) {
        MessageChannel channel;
        try {
            SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                socket.connect(UnixDomainSocketAddress.of(socketPath));
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            channel = MessageChannel.over(socket);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot connect to the engine at " + socketPath + "; the worker process ends", e);
            end(WorkerHost.Ending.ENGINE_GONE);
            return;
        }
        WorkerHost serving = new WorkerHost(channel, providers, providerId, providerVersion, WorkerHost.PROVIDER_WAIT,
                this::end);
        host = serving;
        if (deactivated) {
            serving.close();
            return;
        }
        serving.run();
    }

    /** Ends the JVM: exits (the framework stops on its shutdown hook) or, with nobody to answer, halts. */
    private void end(WorkerHost.Ending ending) {
        if (deactivated) {
            return;
        }
        LOG.log(ending.graceful ? Level.INFO : Level.WARNING, "The worker process ends: " + ending);
        if (ending.graceful) {
            // A thread of its own: System.exit waits for shutdown hooks, which stop the framework, which
            // deactivates this component; that must not wait for the thread that called exit.
            Thread exit = new Thread(() -> System.exit(ending.exitStatus), "Worker exit");
            exit.start();
        } else {
            Runtime.getRuntime().halt(ending.exitStatus);
        }
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        if (hostThread == null) {
            return;
        }
        if (parentWatch != null) {
            parentWatch.close();
        }
        WorkerHost serving = host;
        if (serving != null) {
            serving.close();
        }
        hostThread.interrupt(); // ends a wait for the provider; the socket is closed anyway
        providers.close();
    }
}
