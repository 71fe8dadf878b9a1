package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.BundleState;
import org.parallelworkbench.install.WorkerBundles;
import org.parallelworkbench.install.testbundles.NamedProvider;
import org.parallelworkbench.testing.Waits;
import org.parallelworkbench.testing.TestJars;

/** The WorkerBundles service in the running test framework. */
class WorkerBundlesTest {

    @TempDir
    Path folder;

    private RuntimeFixture runtime;
    private ServiceTracker<WorkerBundles, WorkerBundles> tracker;
    private WorkerBundles workers;

    @BeforeEach
    void start() throws InterruptedException {
        runtime = new RuntimeFixture();
        tracker = new ServiceTracker<>(runtime.context, WorkerBundles.class, null);
        tracker.open();
        workers = tracker.waitForService(RuntimeFixture.WITHIN.toMillis());
        assertNotNull(workers, "the WorkerBundles service did not arrive");
    }

    @AfterEach
    void stop() throws BundleException {
        tracker.close();
        runtime.close();
    }

    @Test
    void theProviderSpiVersionIsTheOneTheCoreBundleExports() {
        assertEquals(runtime.exportedSpiVersion().toString(), workers.providerSpiVersion());
    }

    @Test
    void theTickerIsListedAsAnActiveWorkerWithItsProvider() {
        InstalledWorker ticker = find("org.parallelworkbench.workers.ticker");

        assertEquals(BundleState.ACTIVE, ticker.state());
        assertEquals(List.of("ticker"), ticker.providerIds());
        assertEquals(List.of("org.parallelworkbench.workers.ticker.TickerProvider"),
                ticker.declaredProviders().stream().map(DeclaredProvider::implementationClass).toList());
        assertTrue(workers.installed().stream().noneMatch(w -> w.symbolicName().equals("org.parallelworkbench.engine")),
                "the engine declares no provider and is no worker bundle");
    }

    @Test
    void anInstalledWorkerBundleIsListedAndItsProviderRuns() throws Exception {
        Path location = folder.resolve("generated.jar");
        TestJars jar = TestJars.bundle("com.example.generated", "1.4.0").header("Import-Package", TestJars.SPI_IMPORT)
                .provider("com.example.generated.provider", NamedProvider.class, Map.of("providerId", "generated"));
        WorkerBundleReport report = workers.inspect(jar.write(folder.resolve("to-inspect.jar")));
        assertEquals(List.of(), report.problems());

        Bundle bundle = runtime.install(location, jar);
        InstalledWorker installed = find("com.example.generated");
        assertEquals(BundleState.INSTALLED, installed.state());
        assertEquals(List.of(), installed.providerIds());
        assertEquals(report.providers(), installed.declaredProviders());

        bundle.start();
        Waits.until(() -> runtime.hasProvider("generated"), RuntimeFixture.WITHIN, () -> "the generated provider is not listed");

        InstalledWorker started = find("com.example.generated");
        assertEquals(bundle.getBundleId(), started.bundleId());
        assertEquals("1.4.0", started.version());
        assertEquals(BundleState.ACTIVE, started.state());
        assertEquals(location.toUri().toString(), started.location());
        assertEquals(List.of("generated"), started.providerIds());
        assertEquals(RunState.SUCCEEDED, runtime.jobs.start("generated", Parameters.NONE).outcome().toCompletableFuture()
                .get(RuntimeFixture.WITHIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).state());
    }

    private InstalledWorker find(String symbolicName) {
        List<InstalledWorker> installed = workers.installed();
        return installed.stream().filter(w -> w.symbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not listed in " + installed));
    }
}
