package org.parallelworkbench.install.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.parallelworkbench.install.BundleProblem;

/**
 * Turns bundles that cannot resolve, activators that throw or hang, and components that fail to activate
 * into one clear log line each, through {@link System.Logger} (the window's Log view and the command
 * line's stderr show it). Each problem is reported once per bundle revision: File Install retries bad
 * drop-ins, and a retry of the same content must not repeat the line.
 * <p>
 * The reasons are worked out through the wiring API and Declarative Services' runtime DTOs, not from a
 * framework's exception text, so the lines read the same on Felix and Equinox. Why a start failed is known
 * only to whoever called {@link Bundle#start}; to tell it, a bundle whose start failed is started once more,
 * transiently, on a thread of its own, and that exception is reported.
 * <p>
 * The problems found are also kept, per bundle revision, as data for {@link #failuresOf}: whoever installs a
 * bundle learns why it failed from there, not from the log.
 * <p>
 * Threading: framework events arrive on framework threads and only schedule checks; the checks run on
 * one daemon thread, start probes on another.
 */
@Component(service = BundleDiagnostics.class, immediate = true)
public final class BundleDiagnostics implements SynchronousBundleListener, FrameworkListener, ServiceListener {

    private static final Logger LOG = System.getLogger(BundleDiagnostics.class.getName());

    /** Lets a batch of installs land before asking what is missing, so a bundle's exporter can arrive with it. */
    static final Duration SETTLE = Duration.ofMillis(500);
    /** How long an activator may run before its bundle is reported as hanging. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Version spiVersion;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "worker-bundle-diagnostics"));
    private final ExecutorService startProbes = Executors.newSingleThreadExecutor(r -> daemon(r, "worker-bundle-start-probe"));
    /** bundle id -> the revision's last-modified while its start is under way */
    private final Map<Long, Long> starting = new ConcurrentHashMap<>();
    /** keys of problems already reported: bundle id, last-modified, kind */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** bundle id -> its revision's last-modified and the problems reported for it */
    private final Map<Long, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(long revision, List<BundleProblem> problems) {
    }

    @Activate
    public BundleDiagnostics(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.spiVersion = PlatformSpi.version(context.getBundle());
        context.addBundleListener(this);
        context.addFrameworkListener(this);
        try {
            context.addServiceListener(this, "(" + Constants.OBJECTCLASS + "=" + ServiceComponentRuntime.class.getName() + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.INSTALLED) {
                schedule(() -> checkResolution(bundle), Duration.ZERO);
            } else if (bundle.getState() == Bundle.ACTIVE) {
                schedule(() -> checkComponents(bundle), Duration.ZERO);
            }
        }
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(this);
        context.removeFrameworkListener(this);
        context.removeBundleListener(this);
        checks.shutdownNow();
        startProbes.shutdownNow();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.INSTALLED, BundleEvent.UPDATED, BundleEvent.UNRESOLVED ->
                schedule(() -> checkResolution(bundle), SETTLE);
            case BundleEvent.STARTING -> {
                long revision = bundle.getLastModified();
                starting.put(bundle.getBundleId(), revision);
                // A start that ends RESOLVED without STARTED failed; look once it had time to finish.
                schedule(() -> checkStartEnded(bundle, revision), SETTLE);
                schedule(() -> checkHanging(bundle, revision), START_TIMEOUT);
            }
            case BundleEvent.STARTED -> {
                starting.remove(bundle.getBundleId());
                schedule(() -> checkComponents(bundle), SETTLE);
            }
            case BundleEvent.UNINSTALLED -> {
                starting.remove(bundle.getBundleId());
                failures.remove(bundle.getBundleId());
                String prefix = bundle.getBundleId() + ":";
                reported.removeIf(key -> key.startsWith(prefix));
            }
            default -> {
                // nothing to check
            }
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        Bundle bundle = event.getBundle();
        if (event.getType() == FrameworkEvent.ERROR && bundle != null && bundle.getBundleId() != 0
                && event.getThrowable() instanceof BundleException failure
                && failure.getType() != BundleException.RESOLVE_ERROR) {
            report(bundle, "start", BundleLabels.of(bundle) + " failed to start: " + cause(failure));
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        // SCR bumps its service.changecount when a component changes state, e.g. fails to activate.
        if (event.getType() == ServiceEvent.MODIFIED) {
            schedule(() -> {
                for (Bundle bundle : context.getBundles()) {
                    if (bundle.getState() == Bundle.ACTIVE) {
                        checkComponents(bundle);
                    }
                }
            }, Duration.ZERO);
        }
    }

    private void checkResolution(Bundle bundle) {
        if (bundle.getState() != Bundle.INSTALLED) {
            return;
        }
        List<MissingRequirements.Missing> missing = MissingRequirements.of(bundle, context.getBundles());
        if (missing.isEmpty()) {
            return;
        }
        String label = BundleLabels.of(bundle);
        String message;
        MissingRequirements.Missing spi = missing.stream()
                .filter(m -> SpiCheck.SPI_PACKAGE.equals(m.name()) && !m.range().isEmpty()).findFirst().orElse(null);
        if (spi != null) {
            List<MissingRequirements.Missing> others = missing.stream().filter(m -> m != spi).toList();
            message = SpiCheck.mismatch(label, spi.range(), spiVersion)
                    + (others.isEmpty() ? "" : "; it also needs " + describe(others) + ", which no installed bundle provides");
        } else {
            message = label + " cannot be resolved: it needs " + describe(missing) + ", which no installed bundle provides";
        }
        report(bundle, "resolve", message);
    }

    private static String describe(List<MissingRequirements.Missing> missing) {
        return missing.stream().map(MissingRequirements.Missing::describe).collect(Collectors.joining(", "));
    }

    private void checkStartEnded(Bundle bundle, long revision) {
        if (bundle.getState() == Bundle.RESOLVED && starting.remove(bundle.getBundleId(), revision)) {
            probeStart(bundle);
        }
    }

    private void checkHanging(Bundle bundle, long revision) {
        Long stillStarting = starting.get(bundle.getBundleId());
        if (stillStarting != null && stillStarting == revision && bundle.getState() == Bundle.STARTING
                && !"lazy".equals(bundle.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY))) {
            report(bundle, "hang", BundleLabels.of(bundle) + " has been starting for "
                    + START_TIMEOUT.toSeconds() + " s: its activator " + bundle.getHeaders("").get(Constants.BUNDLE_ACTIVATOR)
                    + " does not return");
        }
    }

    private void probeStart(Bundle bundle) {
        if (bundle.getState() != Bundle.RESOLVED || !firstTime(bundle, "start")) {
            return;
        }
        try {
            startProbes.execute(() -> {
                try {
                    bundle.start(Bundle.START_TRANSIENT);
                } catch (BundleException | IllegalStateException e) {
                    fail(bundle, BundleLabels.of(bundle) + " failed to start: " + cause(e));
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // deactivated meanwhile
        }
    }

    private void checkComponents(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return;
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    report(bundle, "component:" + description.name, BundleLabels.of(bundle) + ": component "
                            + description.name + " failed to activate: " + rootCause(configuration.failure));
                }
            }
        }
    }

    /** What failed for the bundle's current revision, oldest first; empty when nothing did. */
    public List<BundleProblem> failuresOf(Bundle bundle) {
        Failures known = failures.get(bundle.getBundleId());
        return known == null || known.revision() != bundle.getLastModified() ? List.of() : known.problems();
    }

    private void report(Bundle bundle, String kind, String message) {
        if (firstTime(bundle, kind)) {
            fail(bundle, message);
        }
    }

    /** Keeps the failure for {@link #failuresOf} and logs it as an error. */
    private void fail(Bundle bundle, String message) {
        long revision = bundle.getLastModified();
        failures.merge(bundle.getBundleId(), new Failures(revision, List.of(BundleProblem.error(message))),
                (old, now) -> old.revision() != revision ? now
                        : new Failures(revision, Stream.concat(old.problems().stream(), now.problems().stream()).toList()));
        LOG.log(Level.ERROR, message);
    }

    private boolean firstTime(Bundle bundle, String kind) {
        return reported.add(bundle.getBundleId() + ":" + bundle.getLastModified() + ":" + kind);
    }

    /** The innermost cause, which is what the bundle's own code threw. */
    static String cause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + firstLine(message));
    }

    /** The last "Caused by:" line of a stack trace as text, else its first line. */
    static String rootCause(String stackTrace) {
        if (stackTrace == null) {
            return firstLine(null);
        }
        String cause = null;
        for (String line : stackTrace.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Caused by: ")) {
                cause = trimmed.substring("Caused by: ".length());
            }
        }
        return cause == null ? firstLine(stackTrace) : cause;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no reason given)";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    private void schedule(Runnable check, Duration delay) {
        try {
            checks.schedule(() -> {
                try {
                    check.run();
                } catch (IllegalStateException | IllegalArgumentException uninstalledMeanwhile) {
                    // the bundle went away between the event and the check
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // deactivated meanwhile
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
