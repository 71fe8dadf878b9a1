package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.WorkerBundles;
import org.parallelworkbench.install.testbundles.NamedProvider;
import org.parallelworkbench.install.testbundles.ThrowingActivator;
import org.parallelworkbench.install.testbundles.ThrowingProvider;
import org.parallelworkbench.testing.LoggedWarnings;
import org.parallelworkbench.testing.Waits;
import org.parallelworkbench.testing.TestJars;

/**
 * Bad bundles installed into the running test framework (Equinox here, Felix in the product): each gets
 * one clear line from {@link BundleDiagnostics}, and the ticker goes on running.
 */
class BundleDiagnosticsTest {

    @TempDir
    Path folder;

    private RuntimeFixture runtime;
    private LoggedWarnings diagnostics;

    @BeforeEach
    void start() throws InterruptedException {
        runtime = new RuntimeFixture();
        diagnostics = new LoggedWarnings(BundleDiagnostics.class.getName());
    }

    @AfterEach
    void stop() throws BundleException {
        diagnostics.close();
        runtime.close();
    }

    @Test
    void anUnresolvedImportNamesTheMissingPackageAndItsRange() throws Exception {
        Bundle bundle = runtime.install(folder.resolve("missing.jar"), TestJars.bundle("com.example.missing", "1.0.0")
                .header("Import-Package", TestJars.SPI_IMPORT + ",com.example.absent;version=\"[1.0,2.0)\",com.example.other")
                .provider("com.example.missing.provider", NamedProvider.class, Map.of("providerId", "missing")));

        assertThrows(BundleException.class, bundle::start);

        String line = "Worker bundle com.example.missing 1.0.0 (missing.jar) cannot be resolved: it needs package"
                + " com.example.absent [1.0,2.0), package com.example.other, which no installed bundle provides";
        awaitOneLine(line);
        assertEquals(List.of(BundleProblem.error(line)), failuresShownFor(bundle));
        runtime.assertTickerRuns();
    }

    @Test
    void aProviderSpiThePlatformDoesNotProvideNamesBothVersions() throws Exception {
        Version spi = runtime.exportedSpiVersion();
        String range = "[" + spi.getMajor() + "." + (spi.getMinor() + 1) + "," + spi.getMajor() + "." + (spi.getMinor() + 2) + ")";
        Bundle bundle = runtime.install(folder.resolve("future.jar"), TestJars.bundle("com.example.future", "2.0.0")
                .header("Import-Package", "org.parallelworkbench.core;version=\"" + range + "\"")
                .provider("com.example.future.provider", NamedProvider.class, Map.of("providerId", "future")));

        assertThrows(BundleException.class, bundle::start);

        awaitOneLine("Worker bundle com.example.future 2.0.0 (future.jar) needs the provider SPI org.parallelworkbench.core "
                + range + "; this platform provides " + spi);
        runtime.assertTickerRuns();
    }

    @Test
    void aThrowingActivatorIsReportedOnceWithItsCauseHoweverOftenItIsStarted() throws Exception {
        Bundle bundle = runtime.install(folder.resolve("activator.jar"), TestJars.bundle("com.example.activator", "1.0.0")
                .header("Import-Package", TestJars.SPI_IMPORT + ",org.osgi.framework")
                .header("Bundle-Activator", ThrowingActivator.class.getName()).classOf(ThrowingActivator.class));

        assertThrows(BundleException.class, bundle::start);
        String line = "Worker bundle com.example.activator 1.0.0 (activator.jar) failed to start: java.lang.IllegalStateException: "
                + ThrowingActivator.MESSAGE;
        awaitOneLine(line);
        // As File Install does: another try of the same content.
        assertThrows(BundleException.class, bundle::start);
        // The diagnostics work in order, so once a later bundle is reported the retry has been looked at.
        Bundle marker = runtime.install(folder.resolve("marker.jar"), TestJars.bundle("com.example.marker", "1.0.0")
                .header("Import-Package", "com.example.marker.absent"));
        awaitOneLine("Bundle com.example.marker 1.0.0 (marker.jar) cannot be resolved");
        assertEquals(List.of(line), diagnostics.containing("com.example.activator"));
        assertEquals(Bundle.RESOLVED, bundle.getState());
        assertEquals(Bundle.INSTALLED, marker.getState());
        runtime.assertTickerRuns();
    }

    @Test
    void aChangedBundleIsReportedAgain() throws Exception {
        Path location = folder.resolve("changing.jar");
        TestJars jar = TestJars.bundle("com.example.changing", "1.0.0").header("Import-Package", "com.example.changing.absent");
        Bundle bundle = runtime.install(location, jar);
        String line = "Bundle com.example.changing 1.0.0 (changing.jar) cannot be resolved: it needs package"
                + " com.example.changing.absent, which no installed bundle provides";
        awaitOneLine(line);

        long before = bundle.getLastModified();
        Waits.untilClockPasses(before);
        bundle.update(new java.io.ByteArrayInputStream(jar.bytes()));

        Waits.until(() -> diagnostics.containing(line).size() == 2, RuntimeFixture.WITHIN,
                () -> "the updated bundle was not reported again: " + diagnostics.warnings());
    }

    @Test
    void aComponentThatThrowsOnActivationIsReported() throws Exception {
        Bundle bundle = runtime.install(folder.resolve("component.jar"), TestJars.bundle("com.example.component", "1.0.0")
                .header("Import-Package", TestJars.SPI_IMPORT)
                .provider("com.example.component.provider", ThrowingProvider.class, Map.of()));

        bundle.start();

        String line = "Worker bundle com.example.component 1.0.0 (component.jar): component com.example.component.provider"
                + " failed to activate: java.lang.IllegalStateException: " + ThrowingProvider.MESSAGE;
        awaitOneLine(line);
        assertEquals(List.of(BundleProblem.error(line)), failuresShownFor(bundle));
        runtime.assertTickerRuns();
    }

    @Test
    void aDuplicateProviderIdIsReportedByTheEngineAndTheFirstProviderStays() throws Exception {
        try (LoggedWarnings engine = new LoggedWarnings("org.parallelworkbench.engine.internal.Engine")) {
            Bundle bundle = runtime.install(folder.resolve("duplicate.jar"), TestJars.bundle("com.example.duplicate", "1.0.0")
                    .header("Import-Package", TestJars.SPI_IMPORT)
                    .provider("com.example.duplicate.provider", NamedProvider.class, Map.of("providerId", "ticker")));

            bundle.start();

            String duplicate = "Provider 'ticker' 1.0.0 is installed twice, now from bundle com.example.duplicate 1.0.0, first"
                    + " from bundle org.parallelworkbench.workers.ticker ";
            Waits.until(() -> !engine.containing(duplicate).isEmpty(), RuntimeFixture.WITHIN,
                    () -> "the engine did not report the duplicate naming both bundles: " + engine.warnings());
            runtime.assertTickerRuns();
        }
    }

    /** Why the bundle failed, as the WorkerBundles service tells whoever installs it: data, not log lines. */
    private List<BundleProblem> failuresShownFor(Bundle bundle) throws InterruptedException {
        ServiceTracker<WorkerBundles, WorkerBundles> tracker = new ServiceTracker<>(runtime.context, WorkerBundles.class, null);
        tracker.open();
        try {
            WorkerBundles workers = tracker.waitForService(RuntimeFixture.WITHIN.toMillis());
            return workers.installed().stream().filter(worker -> worker.bundleId() == bundle.getBundleId()).findFirst()
                    .orElseThrow(() -> new AssertionError(bundle + " is not listed as a worker")).failures();
        } finally {
            tracker.close();
        }
    }

    private void awaitOneLine(String start) {
        Waits.until(() -> !diagnostics.containing(start).isEmpty(), RuntimeFixture.WITHIN,
                () -> "no line '" + start + "' in " + diagnostics.warnings());
        List<String> lines = diagnostics.containing(start);
        assertEquals(1, lines.size(), lines::toString);
        assertEquals(0, lines.get(0).indexOf(start), lines.get(0));
    }
}
