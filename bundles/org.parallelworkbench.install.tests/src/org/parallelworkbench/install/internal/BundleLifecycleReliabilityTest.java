package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.install.testbundles.NamedProvider;
import org.parallelworkbench.testing.Waits;
import org.parallelworkbench.testing.TestJars;

/**
 * Provider bundles updated, installed and uninstalled many times in the running test framework: no linkage
 * errors, no class loader of an old revision kept alive, no threads or file handles left behind.
 */
class BundleLifecycleReliabilityTest {

    /** Updates of a provider while a run uses it: about 20 ms each here, 2 s for all. */
    private static final int UPDATES = 100;
    /** Install, start, one run, uninstall and refresh: about 15 ms each here, 15 s for all. */
    private static final int CYCLES = 1_000;
    /** Cycles before the baseline, so lazily started framework and engine threads are counted in it. */
    private static final int WARM_UP_CYCLES = 20;
    private static final int EXTRA_THREADS_ALLOWED = 2;
    private static final int FILE_HANDLE_TOLERANCE = 5;
    private static final String LINKAGE_ERRORS = "ClassCastException|NoClassDefFoundError";

    @TempDir
    Path folder;

    private RuntimeFixture runtime;
    private LinkageErrorCapture linkageErrors;

    @BeforeEach
    void start() throws InterruptedException {
        runtime = new RuntimeFixture();
        linkageErrors = new LinkageErrorCapture();
        runtime.context.addFrameworkListener(linkageErrors);
    }

    @AfterEach
    void stop() throws BundleException {
        runtime.context.removeFrameworkListener(linkageErrors);
        linkageErrors.close();
        runtime.close();
    }

    @Test
    void updatingAProviderWhileItRunsCancelsTheOldRunsAndFreesEveryOldClassLoader() throws Exception {
        byte[] jar = TestJars.bundle("com.example.updated", "1.0.0").header("Import-Package", TestJars.SPI_IMPORT)
                .provider("com.example.updated.provider", NamedProvider.class,
                        Map.of("providerId", "updated", "holdUntilCanceled", "true")).bytes();
        Bundle bundle = runtime.context.installBundle(folder.resolve("updated.jar").toUri().toString(), new ByteArrayInputStream(jar));
        try {
            bundle.start();
            List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
            for (int i = 0; i < UPDATES; i++) {
                oldLoaders.add(updateWhileRunning(bundle, jar));
            }

            awaitCollected(oldLoaders, "old revisions");
            assertEquals(List.of(), linkageErrors.seen());
            runtime.assertTickerRuns();
        } finally {
            uninstallAndRefresh(bundle);
        }
    }

    /** One run of the current revision, cancelled by an update; returns the revision's class loader, weakly. */
    private WeakReference<ClassLoader> updateWhileRunning(Bundle bundle, byte[] jar) throws Exception {
        Waits.until(() -> runtime.hasProvider("updated"), RuntimeFixture.WITHIN, () -> "the provider is not registered");
        RunHandle run = runtime.jobs.start("updated", Parameters.NONE);
        Waits.until(() -> run.state() == RunState.RUNNING, RuntimeFixture.WITHIN, () -> "the run did not start: " + run.state());
        WeakReference<ClassLoader> loader = new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());

        bundle.update(new ByteArrayInputStream(jar));
        refresh(List.of(bundle));

        RunOutcome outcome = run.outcome().toCompletableFuture().get(RuntimeFixture.WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(RunState.CANCELED, outcome.state(), outcome::toString);
        assertEquals("Provider 'updated' was removed", outcome.reason());
        assertTrue(outcome.results().stream().noneMatch(result -> String.valueOf(result).matches(".*(" + LINKAGE_ERRORS + ").*")),
                outcome::toString);
        assertTrue(loader.get() != bundle.adapt(BundleWiring.class).getClassLoader(), "the refresh made no new class loader");
        return loader;
    }

    @Test
    void installingStartingRunningAndUninstallingAProviderLeavesNoThreadsOrFileHandles() throws Exception {
        Path fileHandles = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fileHandles), "open file handles are counted on Linux only");
        byte[] jar = TestJars.bundle("com.example.cycled", "1.0.0").header("Import-Package", TestJars.SPI_IMPORT)
                .provider("com.example.cycled.provider", NamedProvider.class, Map.of("providerId", "cycled")).bytes();
        String location = folder.resolve("cycled.jar").toUri().toString();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP_CYCLES; i++) {
            cycle(location, jar);
        }
        int threadsBefore = threads.getThreadCount();
        long handlesBefore = count(fileHandles);

        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int i = 0; i < CYCLES; i++) {
            loaders.add(cycle(location, jar));
        }

        // Idle engine event threads end after a second; the wait gives them that.
        Waits.until(() -> threads.getThreadCount() <= threadsBefore + EXTRA_THREADS_ALLOWED
                && Math.abs(count(fileHandles) - handlesBefore) <= FILE_HANDLE_TOLERANCE, RuntimeFixture.WITHIN,
                () -> "after " + CYCLES + " cycles: " + threads.getThreadCount() + " threads (before " + threadsBefore
                        + "), " + count(fileHandles) + " open file handles (before " + handlesBefore + ")");
        awaitCollected(loaders, "uninstalled bundles");
        assertEquals(List.of(), linkageErrors.seen());
        runtime.assertTickerRuns();
    }

    /** One cycle; returns the bundle's class loader, weakly. */
    private WeakReference<ClassLoader> cycle(String location, byte[] jar) throws Exception {
        Bundle bundle = runtime.context.installBundle(location, new ByteArrayInputStream(jar));
        WeakReference<ClassLoader> loader;
        try {
            bundle.start();
            loader = new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
            Waits.until(() -> runtime.hasProvider("cycled"), RuntimeFixture.WITHIN, () -> "the provider is not registered");
            RunOutcome outcome = runtime.jobs.start("cycled", Parameters.NONE).outcome().toCompletableFuture()
                    .get(RuntimeFixture.WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(RunState.SUCCEEDED, outcome.state(), outcome::toString);
        } finally {
            uninstallAndRefresh(bundle);
        }
        assertTrue(!runtime.hasProvider("cycled"), "the uninstalled provider is still listed");
        return loader;
    }

    private static void awaitCollected(List<WeakReference<ClassLoader>> loaders, String whose) {
        Waits.until(() -> {
            System.gc(); // what is asked here is whether anything still holds them
            return loaders.stream().allMatch(loader -> loader.get() == null);
        }, RuntimeFixture.WITHIN, () -> loaders.stream().filter(loader -> loader.get() != null).count() + " of "
                + loaders.size() + " class loaders of " + whose + " are still reachable");
    }

    private void uninstallAndRefresh(Bundle bundle) throws BundleException, InterruptedException {
        if (bundle.getState() != Bundle.UNINSTALLED) {
            bundle.uninstall();
        }
        refresh(List.of(bundle));
    }

    /** Refreshes as File Install does after a change, and waits for the framework to finish. */
    private void refresh(Collection<Bundle> bundles) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        runtime.context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue(refreshed.await(RuntimeFixture.WITHIN.toMillis(), TimeUnit.MILLISECONDS), "the refresh did not finish");
    }

    private static long count(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + directory, e);
        }
    }

    /**
     * Every log record (through java.util.logging, where System.Logger goes in the test runtime) and every
     * framework error or warning that names a ClassCastException or NoClassDefFoundError, itself or as a cause.
     */
    private static final class LinkageErrorCapture extends Handler implements FrameworkListener, AutoCloseable {

        private final Logger root = Logger.getLogger("");
        private final List<String> seen = new CopyOnWriteArrayList<>();

        LinkageErrorCapture() {
            root.addHandler(this);
        }

        List<String> seen() {
            return List.copyOf(seen);
        }

        @Override
        public void publish(LogRecord record) {
            check(record.getLoggerName() + ": " + record.getMessage(), record.getThrown());
        }

        @Override
        public void frameworkEvent(FrameworkEvent event) {
            if (event.getType() == FrameworkEvent.ERROR || event.getType() == FrameworkEvent.WARNING) {
                check("framework event from " + event.getBundle(), event.getThrowable());
            }
        }

        private void check(String what, Throwable thrown) {
            StringBuilder text = new StringBuilder(String.valueOf(what));
            for (Throwable cause = thrown; cause != null && text.length() < 10_000; cause = cause.getCause()) {
                text.append(" / ").append(cause);
            }
            if (text.toString().matches("(?s).*(" + LINKAGE_ERRORS + ").*")) {
                seen.add(text.toString());
            }
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }
}
