package org.parallelworkbench.cli.internal.startup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.cluster.ClusterMember;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundles;

/**
 * The product's start-up as a headless command waits for it: the framework at its start level, the services it
 * needs (the engine's {@link JobService} first) and the drop-ins. Every wait ends at one deadline given at
 * construction. Used by one thread; {@link #close()} releases the services.
 */
public final class ProductStartup implements AutoCloseable {

    /** For the engine's service, once the framework has started. */
    public static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** File Install's first scan of drop-ins and conf/: a poll interval (0.5 s) and the installs, with room for a busy machine. */
    static final Duration DROPINS_TIMEOUT = Duration.ofSeconds(5);
    /** The engine's configuration file in conf/, which File Install reads into the engine's configuration. */
    static final String ENGINE_CFG = EngineConfiguration.PID + ".cfg";
    /** As a framework property, the folders of File Install's own watchers, comma separated. */
    static final String WATCHED_FOLDERS_PROPERTY = WorkerBundles.FILE_INSTALL_DIR;

    /** The platform is not there in time; the message is the whole reason shown to the user. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason);
        }
    }

    private final BundleContext context;
    private final Duration overallTimeout;
    private final long deadlineNanos;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    public ProductStartup(BundleContext context, Duration overallTimeout) {
        this.context = context;
        this.overallTimeout = overallTimeout;
        this.deadlineNanos = System.nanoTime() + overallTimeout.toNanos();
    }

    /** Waits for FrameworkEvent.STARTED, or sees that it already happened (system bundle ACTIVE at its start level). */
    public void awaitStarted() throws Unavailable, InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            }
        };
        context.addFrameworkListener(listener);
        try {
            // Polling too: STARTED may have been fired before the listener was added.
            while (!frameworkStarted()) {
                if (started.await(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (remainingMillis() <= 1) {
                    throw new Unavailable("the framework did not finish starting within " + overallTimeout.toSeconds() + " s");
                }
            }
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    private boolean frameworkStarted() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        FrameworkStartLevel startLevel = system.adapt(FrameworkStartLevel.class);
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        int target = beginning == null ? 1 : Integer.parseInt(beginning.trim());
        return system.getState() == Bundle.ACTIVE && startLevel.getStartLevel() >= target;
    }

    /**
     * Waits, at most {@link #DROPINS_TIMEOUT}, until File Install has installed and started every jar in
     * the folders it watches, their components are registered and the engine has every registered provider: File
     * Install's first scan comes after the framework reports STARTED, and a headless command that looked at once
     * would miss the drop-ins. A jar whose bundle cannot start (see the log) only costs the wait.
     *
     * @throws Unavailable when the engine's service does not come
     */
    public void awaitDropins() throws InterruptedException, Unavailable {
        List<Path> jars = DropinFolders.jars(context.getProperty(WATCHED_FOLDERS_PROPERTY));
        long giveUpNanos = System.nanoTime() + Math.min(DROPINS_TIMEOUT.toMillis(), remainingMillis()) * 1_000_000;
        while (!DropinFolders.allStarted(jars, context.getBundles())) {
            if (System.nanoTime() - giveUpNanos > 0) {
                return;
            }
            Thread.sleep(POLL_INTERVAL.toMillis()); // polls a real condition, bounded above
        }
        // The engine takes conf/'s settings (e.g. where runs execute) a moment after File Install reads them.
        if (DropinFolders.configurationFileExists(context.getProperty(WATCHED_FOLDERS_PROPERTY), ENGINE_CFG)) {
            while (!engineConfigured()) {
                if (System.nanoTime() - giveUpNanos > 0) {
                    return;
                }
                Thread.sleep(POLL_INTERVAL.toMillis()); // polls a real condition, bounded above
            }
        }
        // A provider's service is in the registry a moment before the engine, told in its REGISTERED event, has it.
        JobService jobs = jobService();
        Set<String> registered = registeredProviderIds();
        while (!jobs.providers().stream().map(ProviderInfo::id).collect(Collectors.toSet()).containsAll(registered)) {
            if (System.nanoTime() - giveUpNanos > 0) {
                return;
            }
            Thread.sleep(POLL_INTERVAL.toMillis()); // polls a real condition, bounded above
        }
    }

    /** Declarative Services adds a configuration's properties, {@code service.pid} among them, to the service's. */
    private boolean engineConfigured() {
        ServiceReference<JobService> engine = context.getServiceReference(JobService.class);
        return engine != null && engine.getProperty(Constants.SERVICE_PID) != null;
    }

    /** The ids of the providers registered now; one whose info() fails is the engine's to report. */
    private Set<String> registeredProviderIds() {
        Set<String> ids = new HashSet<>();
        try {
            for (ServiceReference<WorkProvider> reference : context.getServiceReferences(WorkProvider.class, null)) {
                WorkProvider provider = context.getService(reference);
                try {
                    if (provider != null) {
                        ids.add(provider.info().id());
                    }
                } catch (RuntimeException | LinkageError e) {
                    // not listed by the engine either
                } finally {
                    context.ungetService(reference);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter was given", e);
        }
        return ids;
    }

    /** The engine's service, held until {@link #close()}. */
    public JobService jobService() throws Unavailable, InterruptedException {
        return service(JobService.class, "org.parallelworkbench.engine");
    }

    /** The run journal's service, held until {@link #close()}. */
    public RunHistory runHistory() throws Unavailable, InterruptedException {
        return service(RunHistory.class, "org.parallelworkbench.journal");
    }

    /** The worker bundles service, held until {@link #close()}. */
    public WorkerBundles workerBundles() throws Unavailable, InterruptedException {
        return service(WorkerBundles.class, "org.parallelworkbench.install");
    }

    /** The cluster bundle's member service, held until {@link #close()}. */
    public ClusterMember clusterMember() throws Unavailable, InterruptedException {
        return service(ClusterMember.class, "org.parallelworkbench.cluster");
    }

    public WorkerBundleChanges workerBundleChanges() throws Unavailable, InterruptedException {
        return service(WorkerBundleChanges.class, "org.parallelworkbench.install");
    }

    private <S> S service(Class<S> type, String providingBundle) throws Unavailable, InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        S service = tracker.waitForService(Math.min(SERVICE_TIMEOUT.toMillis(), remainingMillis()));
        if (service == null) {
            throw new Unavailable("no " + type.getName() + " service within " + SERVICE_TIMEOUT.toSeconds()
                    + " s after the framework started (is " + providingBundle + " active?)");
        }
        return service;
    }

    /**
     * Waits up to {@code wait} (and the deadline) for a provider: the engine may see a provider's service a
     * little after its own, and drop-ins arrive after the platform.
     *
     * @return whether the provider is installed now
     */
    public static boolean awaitProvider(JobService jobs, String providerId, Duration wait) throws InterruptedException {
        long giveUpNanos = System.nanoTime() + wait.toNanos();
        while (jobs.providers().stream().map(ProviderInfo::id).noneMatch(providerId::equals)) {
            if (System.nanoTime() - giveUpNanos > 0) {
                return false;
            }
            Thread.sleep(POLL_INTERVAL.toMillis()); // polls a real condition, bounded above
        }
        return true;
    }

    public long remainingMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
    }
}
