package org.parallelworkbench.engine.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.core.product.ProductProperties;
import org.parallelworkbench.process.channel.Message;
import org.parallelworkbench.process.channel.MessageChannel;
import org.parallelworkbench.process.channel.WorkerProperties;

/**
 * Starts worker processes: a JVM running Apache Felix from the product's own {@code bin/felix.jar}, configured
 * by {@code conf/worker-process.properties}, that starts only the bundles of one provider's wiring (the provider's
 * bundle, what it imports, Declarative Services) plus the worker host, so it runs exactly the provider version
 * the product runs. The process connects back to a Unix domain socket in a folder only this user can open, says
 * hello and, once it found the provider, that it is ready.
 * <p>
 * Each process has a framework cache of its own under {@code data/worker-processes/<product pid>/}, deleted when it
 * ends; caches of product processes that died are deleted when the next engine starts.
 * <p>
 * Threading: {@link #start} is called by pool borrowers, concurrently; it blocks until the process is ready,
 * failed, or {@link #START_TIMEOUT_MILLIS} passed.
 */
final class WorkerProcessLauncher {

    private static final System.Logger LOG = System.getLogger(WorkerProcessLauncher.class.getName());
    /** Longest wait for a new worker process to be ready; a loaded machine starts one in about a second. */
    static final long START_TIMEOUT_MILLIS = 30_000;
    /** Options every worker JVM gets before the configured ones: a small heap that gives memory back, and an end
     * on {@code OutOfMemoryError} rather than a JVM in an unknown state. */
    static final List<String> BASE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms8m", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");
    static final String WORKER_CONFIG = "worker-process.properties";
    static final String FELIX_JAR = "felix.jar";

    private final ProductHome home;
    private final Path java;
    private final Path caches;
    private final Path sockets;

    private WorkerProcessLauncher(ProductHome home, Path java, Path caches, Path sockets) {
        this.home = home;
        this.java = java;
        this.caches = caches;
        this.sockets = sockets;
    }

    /**
     * A launcher for the product in {@code home}, with this JVM's own Java.
     *
     * @throws IllegalStateException saying what is missing, if worker processes cannot start from there
     */
    static WorkerProcessLauncher forProduct(Path folder) {
        ProductHome home = new ProductHome(folder);
        for (Path needed : List.of(home.bin().resolve(FELIX_JAR), home.conf().resolve(WORKER_CONFIG))) {
            if (!Files.isRegularFile(needed)) {
                throw new IllegalStateException("Worker processes need " + needed + ", which is missing");
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path caches = home.data().resolve("worker-processes");
        try {
            deleteCachesOfEndedProducts(caches);
            Path own = Files.createDirectories(caches.resolve(Long.toString(ProcessHandle.current().pid())));
            return new WorkerProcessLauncher(home, java, own, Files.createTempDirectory("pw-workers-"));
        } catch (IOException e) {
            throw new IllegalStateException("Worker processes cannot keep their files: " + e, e);
        }
    }

    private static void deleteCachesOfEndedProducts(Path caches) throws IOException {
        if (!Files.isDirectory(caches)) {
            return;
        }
        try (Stream<Path> products = Files.list(caches)) {
            for (Path product : products.toList()) {
                String name = product.getFileName().toString();
                boolean alive = name.matches("\\d+") && ProcessHandle.of(Long.parseLong(name)).isPresent();
                if (!alive) {
                    deleteQuietly(product);
                }
            }
        }
    }

    /** Deletes the folders of this launcher; processes still running lose their cache. */
    void close() {
        deleteQuietly(caches);
        deleteQuietly(sockets);
    }

    /**
     * Starts a worker process for the provider of this key and waits until it is ready.
     *
     * @param name       the worker's name for logs and thread names, e.g. {@code pw-process-3}
     * @param jvmOptions options from the configuration, after {@link #BASE_JVM_OPTIONS}
     * @throws Exception telling a user why no worker process could start (it exited, timed out, could not find
     *                   the provider)
     */
    StartedProcess start(String name, WorkerKey key, List<String> jvmOptions) throws Exception {
        Path cache = caches.resolve(name);
        Path socketPath = sockets.resolve(name + ".sock");
        List<String> command = command(key, jvmOptions, cache, socketPath);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        Process process;
        ProcessOutput output;
        SocketChannel socket;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketPath));
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close(); // a unit reading System.in sees its end, not a hang
            output = new ProcessOutput(name, process);
            process.onExit().thenRun(() -> deleteQuietly(cache));
            socket = accept(server, process, output, deadline, key);
        } finally {
            Files.deleteIfExists(socketPath);
        }
        MessageChannel channel = MessageChannel.over(socket);
        try {
            handshake(channel, process, output, deadline, key);
        } catch (Exception e) {
            process.destroyForcibly();
            channel.close();
            throw e;
        }
        LOG.log(Level.INFO, "Worker process " + process.pid() + " (" + name + ") started for provider '"
                + key.providerId() + "' " + key.providerVersion());
        return new StartedProcess(process, channel, output, jvmOptions);
    }

    private List<String> command(WorkerKey key, List<String> jvmOptions, Path cache, Path socket) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // Felix uses sun.misc.Unsafe
        }
        command.addAll(BASE_JVM_OPTIONS);
        command.addAll(jvmOptions);
        Path logging = home.conf().resolve("logging-headless.properties");
        if (Files.isReadable(logging)) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.add("-D" + ProductProperties.HOME + "=" + home.folder());
        command.add("-Dfelix.config.properties=" + home.conf().resolve(WORKER_CONFIG).toUri());
        command.add("-Dorg.osgi.framework.storage=" + cache);
        command.add("-Dfelix.auto.start.1=" + String.join(" ", key.bundleLocations().stream()
                .map(WorkerProcessLauncher::byReference).toList()));
        command.add("-D" + WorkerProperties.SOCKET + "=" + socket);
        command.add("-D" + WorkerProperties.PROVIDER + "=" + key.providerId());
        command.add("-D" + WorkerProperties.PROVIDER_VERSION + "=" + key.providerVersion());
        command.add("-D" + WorkerProperties.PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-jar");
        command.add(home.bin().resolve(FELIX_JAR).toString());
        return command;
    }

    /**
     * A bundle location as Felix installs it without copying the jar, quoted for {@code felix.auto.start}.
     *
     * @throws IllegalStateException if the bundle is not a file this machine can read
     */
    static String byReference(String location) {
        Path path = pathOf(location).orElseThrow(() -> new IllegalStateException("Bundle " + location
                + " cannot start in a worker process: not a file"));
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("Bundle " + path + " cannot start in a worker process: it cannot be read");
        }
        return "\"reference:" + path.toUri() + "\"";
    }

    /** The file of a bundle location ({@code file:} or {@code reference:file:}), if it is one. */
    static Optional<Path> pathOf(String location) {
        String file = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!file.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(file)).toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Waits for the process to connect, or to die, or the deadline. */
    private static SocketChannel accept(ServerSocketChannel server, Process process, ProcessOutput output,
            long deadline, WorkerKey key) throws IOException {
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            process.onExit().thenRun(selector::wakeup);
            while (true) {
                SocketChannel socket = server.accept();
                if (socket != null) {
                    socket.configureBlocking(true);
                    return socket;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The worker process for provider '" + key.providerId() + "' ended with "
                            + ProcessExit.describe(process.exitValue()) + " before it connected"
                            + ProcessExit.lastOutput(output.lastLines(500)));
                }
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("The worker process for provider '" + key.providerId()
                            + "' did not connect within " + START_TIMEOUT_MILLIS + " ms" + ProcessExit.lastOutput(output.lastLines(0)));
                }
                selector.select(remaining);
                selector.selectedKeys().clear();
            }
        }
    }

    /** Reads hello and ready; a process that does not get there by the deadline is killed, which ends the read. */
    private static void handshake(MessageChannel channel, Process process, ProcessOutput output, long deadline,
            WorkerKey key) throws IOException {
        AtomicBoolean ready = new AtomicBoolean();
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        CompletableFuture.delayedExecutor(remaining, TimeUnit.MILLISECONDS).execute(() -> {
            if (!ready.get()) {
                process.destroyForcibly();
            }
        });
        String provider = "provider '" + key.providerId() + "' " + key.providerVersion();
        try {
            if (!(channel.read() instanceof Message.Hello hello) || hello.protocolVersion() != MessageChannel.PROTOCOL_VERSION) {
                throw new IllegalStateException("The worker process for " + provider + " speaks another protocol");
            }
            Message answer = channel.read();
            if (answer instanceof Message.Unavailable unavailable) {
                throw new IllegalStateException("The worker process cannot run " + provider + ": " + unavailable.reason());
            }
            if (!(answer instanceof Message.Ready found) || !found.providerId().equals(key.providerId())
                    || !found.providerVersion().equals(key.providerVersion())) {
                throw new IllegalStateException("The worker process answered " + answer + " instead of serving " + provider);
            }
            ready.set(true);
        } catch (IOException e) {
            boolean exited = exited(process);
            throw new IllegalStateException("The worker process for " + provider + (exited
                    ? " ended with " + ProcessExit.describe(process.exitValue()) : " stopped answering: " + e)
                    + " before it was ready" + ProcessExit.lastOutput(output.lastLines(500)), e);
        }
    }

    /** Whether the process ended, waiting a second for it. */
    private static boolean exited(Process process) {
        try {
            return process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Could not delete " + folder + ": " + e);
        }
    }

    /** A worker process that is ready: its process, its channel and its output. */
    record StartedProcess(Process process, MessageChannel channel, ProcessOutput output, List<String> jvmOptions) {
    }
}
