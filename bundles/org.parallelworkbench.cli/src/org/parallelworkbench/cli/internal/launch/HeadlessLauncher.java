package org.parallelworkbench.cli.internal.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Locale;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.parallelworkbench.cli.internal.command.CommandStreams;
import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.cli.internal.command.UsageException;
import org.parallelworkbench.cli.internal.listing.ProviderListing;
import org.parallelworkbench.cli.internal.run.RunCommand;
import org.parallelworkbench.cli.internal.run.RunRequest;
import org.parallelworkbench.cli.internal.smoke.SmokeCheck;
import org.parallelworkbench.cli.internal.startup.ProductStartup;
import org.parallelworkbench.cli.internal.workers.WorkerInstaller;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.product.ProductProperties;

/**
 * Runs the headless mode chosen by the framework property {@value ProductProperties#MODE} on its own
 * thread and ends the JVM with the mode's exit code ({@link ExitCodes}). The command line arrives whole as
 * {@link LaunchArguments}; {@link ProductCommandLine} parses it before anything waits for the platform, so help
 * and usage errors come without that wait. {@code System.exit} is called from that thread, never from a framework thread:
 * Felix main's shutdown hook then stops the framework, which deactivates this component while
 * {@code exit} is still waiting, so deactivation must not join it.
 * <p>
 * On SIGINT or SIGTERM the JVM runs that same hook. A {@code run} in progress is cancelled as soon as the
 * framework begins to stop (the system bundle's synchronous STOPPING event, before any provider bundle
 * stops, so the reason is {@value #STOP_REASON} and not a vanished provider), and the stop waits up to
 * {@link #STOP_REPORT_TIMEOUT} for the run to be reported; the JVM then exits with the signal's code
 * (130 for SIGINT, 143 for SIGTERM).
 */
@Component(immediate = true)
public final class HeadlessLauncher {

    /** From launch to the engine's service; the same bound as the smoke check's. */
    static final Duration STARTUP_TIMEOUT = SmokeCheck.OVERALL_TIMEOUT;
    /** How long the stopping framework waits for a cancelled run to be reported. */
    static final Duration STOP_REPORT_TIMEOUT = Duration.ofSeconds(5);
    static final String STOP_REASON = "interrupted: the product is stopping";

    /** Set once by {@link #activate}, before the worker starts. */
    private BundleContext context;
    private Thread worker;
    private volatile RunCommand runCommand;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
        String value = context.getProperty(ProductProperties.MODE);
        HeadlessMode mode = HeadlessMode.parse(value).orElse(null);
        if (mode == null) {
            startWorker("unknown", () -> {
                System.err.println("Unknown " + ProductProperties.MODE + " '" + value + "'; expected one of: "
                        + Arrays.stream(HeadlessMode.values()).map(HeadlessMode::value).collect(Collectors.joining(", ")));
                return ExitCodes.USAGE;
            });
            return;
        }
        if (mode.headless()) {
            startWorker(mode.value(), this::commandLine);
        }
        // Otherwise the UI bundle opens the window, or the Gogo shell bundle reads the console.
    }

    /** The launcher's command line, whole: the help it asks for, or the command it names, run here. */
    private int commandLine() throws Exception {
        CommandStreams io = streams();
        ProductCommandLine commandLine = new ProductCommandLine();
        Optional<String> help = commandLine.parse(LaunchArguments.read(context::getProperty));
        if (help.isPresent()) {
            io.out().print(help.get());
            return ExitCodes.OK;
        }
        return switch (commandLine.mode()) {
        case SMOKE -> {
            SmokeCheck.Result result = new SmokeCheck(context).run();
            io.out().println(result.line());
            yield result.exitCode();
        }
        case RUN -> run(io, commandLine.run().request());
        case PROVIDERS -> providers(io);
        case HISTORY -> history(io, commandLine.history());
        case INSTALL -> install(commandLine.install().jar(Path.of("")), commandLine.install().force());
        case UNINSTALL -> uninstall(commandLine.uninstall().symbolicName(), commandLine.uninstall().force());
        case MEMBER -> member(io);
        case COMPLETION -> {
            io.out().print(commandLine.bashCompletion());
            yield ExitCodes.OK;
        }
        case GUI, CONSOLE, HELP -> {
            // Not a headless command: the launcher script starts these without arguments.
            io.err().print(commandLine.usage());
            yield ExitCodes.USAGE;
        }
        };
    }

    @Deactivate
    void deactivate() {
        RunCommand command = runCommand;
        if (command != null) {
            stopQuietly(command); // done already if the framework is stopping; not if only this bundle is
        }
        Thread running = worker;
        if (running != null) {
            running.interrupt(); // ends its waits; no join, see class comment
        }
    }

    private int run(CommandStreams io, RunRequest request) throws Exception {
        try (ProductStartup startup = new ProductStartup(context, STARTUP_TIMEOUT)) {
            JobService jobs = awaitJobService(startup);
            RunCommand command = new RunCommand(jobs, io, RunCommand.PROVIDER_WAIT, System::nanoTime);
            runCommand = command;
            SynchronousBundleListener frameworkStopping = event -> {
                if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
                    stopQuietly(command);
                }
            };
            context.addBundleListener(frameworkStopping);
            try {
                return command.execute(request);
            } finally {
                removeQuietly(frameworkStopping);
            }
        }
    }

    /** Called on framework threads, which must not be left interrupted or see an exception. */
    private static void stopQuietly(RunCommand command) {
        try {
            command.stop(STOP_REASON, STOP_REPORT_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeQuietly(SynchronousBundleListener listener) {
        try {
            context.removeBundleListener(listener);
        } catch (IllegalStateException e) {
            // The bundle is stopping: its listeners go with it.
        }
    }

    /** The cluster bundle is optional: without it, every command but {@code member} works. */
    private int member(CommandStreams io) throws Exception {
        if (!ClusterPackage.isWired(context)) {
            io.err().println("member: the cluster bundle (org.parallelworkbench.cluster) is not installed");
            return ExitCodes.FAILED;
        }
        try (ProductStartup startup = new ProductStartup(context, STARTUP_TIMEOUT)) {
            awaitJobService(startup); // the providers the member has, before anyone sends it units
            return MemberMode.run(startup, io);
        }
    }

    private int providers(CommandStreams io) throws Exception {
        try (ProductStartup startup = new ProductStartup(context, STARTUP_TIMEOUT)) {
            io.out().print(ProviderListing.format(awaitJobService(startup).providers()));
            return ExitCodes.OK;
        }
    }

    private int history(CommandStreams io, ProductCommandLine.History history) throws Exception {
        try (ProductStartup startup = new ProductStartup(context, STARTUP_TIMEOUT)) {
            startup.awaitStarted();
            io.out().print(history.text(startup.runHistory().records()));
            return ExitCodes.OK;
        }
    }

    private int install(Path jar, boolean force) throws Exception {
        try (ProductStartup startup = new ProductStartup(context, STARTUP_TIMEOUT)) {
            return print(installer(startup).installFile(jar, force));
        }
    }

    private int uninstall(String symbolicName, boolean force) throws Exception {
        try (ProductStartup startup = new ProductStartup(context, STARTUP_TIMEOUT)) {
            return print(installer(startup).uninstall(symbolicName, force));
        }
    }

    /**
     * This process starts no runs; those a change would end are in the other product processes (the window, a
     * console), seen through the run journal they share.
     */
    private static WorkerInstaller installer(ProductStartup startup) throws Exception {
        startup.awaitStarted();
        startup.awaitDropins(); // so the drop-in's providers, and thus its runs, can be named
        return new WorkerInstaller(startup.workerBundles(), startup.workerBundleChanges());
    }

    /** Success on stdout, a refusal or failure with its reasons on stderr. */
    private static int print(WorkerInstaller.Outcome outcome) {
        (outcome.exitCode() == ExitCodes.OK ? System.out : System.err).print(outcome.text());
        return outcome.exitCode();
    }

    private static JobService awaitJobService(ProductStartup startup) throws Exception {
        startup.awaitStarted();
        startup.awaitDropins();
        return startup.jobService();
    }

    private CommandStreams streams() {
        return new CommandStreams(System.out, System.err,
                Boolean.parseBoolean(context.getProperty(CommandStreams.ERR_TERMINAL_PROPERTY)));
    }

    /** A mode: returns the exit code, or throws to exit with {@link ExitCodes#FAILED}. */
    @FunctionalInterface
    private interface Mode {
        int call() throws Exception;
    }

    private void startWorker(String name, Mode mode) {
        Thread thread = new Thread(() -> {
            int code;
            try {
                code = mode.call();
            } catch (UsageException e) {
                e.lines().forEach(System.err::println);
                code = ExitCodes.USAGE;
            } catch (ProductStartup.Unavailable e) {
                System.err.println(name + ": the platform is not available: " + e.getMessage());
                code = ExitCodes.FAILED;
            } catch (InterruptedException e) {
                System.err.println(name + ": " + STOP_REASON);
                code = ExitCodes.CANCELED;
            } catch (Throwable t) {
                // Last resort: each mode reports its own failures in its own words.
                System.out.println(name.toUpperCase(Locale.ROOT) + " FAILED: " + t);
                code = ExitCodes.FAILED;
            }
            System.out.flush();
            System.err.flush();
            System.exit(code);
        }, "parallelworkbench-headless-" + name);
        // Daemon: never keeps a JVM alive that the framework is shutting down.
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }
}
