package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.Waits;
import org.parallelworkbench.testing.TestJars;

/** The test runtime: the engine, the ticker, and bundles a test installs and must uninstall again. */
final class RuntimeFixture implements AutoCloseable {

    static final Duration WITHIN = Duration.ofSeconds(10);

    final BundleContext context = FrameworkUtil.getBundle(RuntimeFixture.class).getBundleContext();
    private final ServiceTracker<JobService, JobService> jobsTracker = new ServiceTracker<>(context, JobService.class, null);
    private final List<Bundle> installed = new ArrayList<>();
    final JobService jobs;

    RuntimeFixture() throws InterruptedException {
        jobsTracker.open();
        jobs = jobsTracker.waitForService(WITHIN.toMillis());
        assertNotNull(jobs, "The JobService did not arrive");
        Waits.until(() -> hasProvider("ticker"), WITHIN, () -> "the ticker provider is not registered");
    }

    Bundle install(Path location, TestJars jar) throws BundleException {
        Bundle bundle = context.installBundle(location.toUri().toString(), new ByteArrayInputStream(jar.bytes()));
        installed.add(bundle);
        return bundle;
    }

    boolean hasProvider(String id) {
        return jobs.providers().stream().anyMatch(p -> p.id().equals(id));
    }

    /** The ticker still produces values: the product goes on working. */
    void assertTickerRuns() throws InterruptedException {
        RunHandle run = jobs.start("ticker", Parameters.NONE.with("intervalMillis", "1"));
        CountDownLatch firstValue = new CountDownLatch(1);
        run.events().subscribe(new Flow.Subscriber<RunEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(RunEvent event) {
                if (event instanceof RunEvent.UnitCompleted) {
                    firstValue.countDown();
                }
            }

            @Override
            public void onError(Throwable throwable) {
                // the latch times out
            }

            @Override
            public void onComplete() {
                // the latch times out
            }
        });
        try {
            if (!firstValue.await(WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the ticker produced no value; run " + run.state());
            }
        } finally {
            run.cancel("test over");
        }
        assertEquals(RunState.CANCELED, run.outcome().toCompletableFuture().join().state());
    }

    /** The version of the provider SPI package the core bundle exports. */
    Version exportedSpiVersion() {
        Bundle core = Arrays.stream(context.getBundles()).filter(b -> "org.parallelworkbench.core".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        for (Capability capability : core.adapt(BundleRevision.class).getCapabilities(BundleRevision.PACKAGE_NAMESPACE)) {
            if ("org.parallelworkbench.core".equals(capability.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))) {
                return (Version) capability.getAttributes().get("version");
            }
        }
        throw new AssertionError("org.parallelworkbench.core exports no org.parallelworkbench.core");
    }

    @Override
    public void close() throws BundleException {
        for (Bundle bundle : installed) {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
        }
        jobsTracker.close();
    }
}
