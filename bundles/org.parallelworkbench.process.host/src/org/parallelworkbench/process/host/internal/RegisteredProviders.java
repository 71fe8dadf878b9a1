package org.parallelworkbench.process.host.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.parallelworkbench.core.WorkProvider;

/**
 * The {@link WorkProvider} services of the worker process's framework, tracked from the first {@link #find}
 * until {@link #close()}.
 * <p>
 * Threading: {@link #find} and {@link #whyMissing} on the host's thread; the tracker's callbacks on the
 * framework's threads; {@link #close()} from deactivation.
 */
final class RegisteredProviders implements ProviderSource, AutoCloseable {

    private final BundleContext context;
    private ServiceTracker<WorkProvider, WorkProvider> tracker;

    RegisteredProviders(BundleContext context) {
        this.context = context;
    }

    @Override
    public WorkProvider find(String id, String version, Duration timeout) throws InterruptedException {
        CompletableFuture<WorkProvider> found = new CompletableFuture<>();
        ServiceTracker<WorkProvider, WorkProvider> opened = new ServiceTracker<>(context, WorkProvider.class,
                new ServiceTrackerCustomizer<>() {
                    @Override
                    public WorkProvider addingService(ServiceReference<WorkProvider> reference) {
                        WorkProvider provider = context.getService(reference);
                        if (provider != null && ProviderSource.matches(provider, id, version)) {
                            found.complete(provider);
                        }
                        return provider;
                    }

                    @Override
                    public void modifiedService(ServiceReference<WorkProvider> reference, WorkProvider provider) {
                    }

                    @Override
                    public void removedService(ServiceReference<WorkProvider> reference, WorkProvider provider) {
                        context.ungetService(reference);
                    }
                });
        synchronized (this) {
            tracker = opened;
        }
        opened.open();
        try {
            return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never completed exceptionally
        }
    }

    @Override
    public String whyMissing() {
        List<String> lines = new ArrayList<>();
        List<String> registered = new ArrayList<>();
        ServiceTracker<WorkProvider, WorkProvider> current;
        synchronized (this) {
            current = tracker;
        }
        if (current != null) {
            current.getTracked().values().forEach(provider -> registered.add(ProviderSource.describe(provider)));
        }
        lines.add("Providers registered in the worker process: "
                + (registered.isEmpty() ? "none" : String.join(", ", registered.stream().sorted().toList())));
        for (Bundle bundle : context.getBundles()) {
            String problem = problemOf(bundle);
            if (problem != null) {
                lines.add("Bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " is " + problem);
            }
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** Why a bundle is not active, or null if it is (or is a resolved fragment, which is never active). */
    private static String problemOf(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        return switch (bundle.getState()) {
        case Bundle.ACTIVE -> null;
        case Bundle.RESOLVED -> fragment ? null : "RESOLVED, not started" + startProblem(bundle);
        case Bundle.INSTALLED -> fragment ? "INSTALLED: a fragment whose host or requirements are missing"
                : "INSTALLED, not resolved" + startProblem(bundle);
        case Bundle.STARTING -> "STARTING (lazy activation, or its activator has not returned)";
        case Bundle.STOPPING -> "STOPPING";
        default -> "UNINSTALLED";
        };
    }

    /** Starts the bundle once more, only to learn why it does not start (e.g. the requirement it misses). */
    private static String startProblem(Bundle bundle) {
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return " (it started when tried again)";
        } catch (BundleException | RuntimeException e) {
            return ": " + WorkerState.messageOf(e);
        }
    }

    @Override
    public synchronized void close() {
        if (tracker != null) {
            tracker.close();
        }
    }
}
