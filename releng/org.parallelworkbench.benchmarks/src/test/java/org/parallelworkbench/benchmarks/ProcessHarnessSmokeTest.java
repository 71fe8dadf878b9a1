package org.parallelworkbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.engine.internal.BenchmarkEngine;

/**
 * Seconds-long checks of the worker-process harness that need no product: the provider's runs add up on threads,
 * and the bundle and bundle locations it hands the engine are what a worker process needs. The measurements
 * themselves run in releng/bin/run-process-benchmarks.
 */
class ProcessHarnessSmokeTest {

    @Test
    void spinAndPrimeRunsSumAsExpectedOnThreads() throws InterruptedException {
        try (BenchmarkEngine engine = new BenchmarkEngine(2, new ProcessBenchProvider())) {
            assertEquals("500", summary(engine, ProcessBenchProvider.spin(500, 10_000, 2)));
            assertEquals("300", summary(engine, ProcessBenchProvider.spin(300, 0, 1)));
            assertEquals("9592", summary(engine, ProcessBenchProvider.primes(100_000, 7, 2)));
        }
    }

    private static String summary(BenchmarkEngine engine, Parameters parameters) throws InterruptedException {
        return Runs.onEngine(engine.jobService(), ProcessBenchProvider.ID, parameters).summary();
    }

    @Test
    void bundleHoldsTheProviderClassesAndItsComponent(@TempDir Path dir) throws IOException {
        Path jar = ProviderBundle.write(dir.resolve("bench.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertEquals(ProviderBundle.SYMBOLIC_NAME, main.getValue("Bundle-SymbolicName"));
            assertEquals(ProviderBundle.SPI_IMPORT, main.getValue("Import-Package"));
            assertEquals(ProviderBundle.COMPONENT_XML, main.getValue("Service-Component"));
            String path = ProcessBenchProvider.class.getName().replace('.', '/');
            assertTrue(file.getEntry(path + ".class") != null, "the provider class");
            assertTrue(file.getEntry(path + "$Sum.class") != null, "its accumulator");
            assertTrue(new String(file.getInputStream(file.getEntry(ProviderBundle.COMPONENT_XML)).readAllBytes())
                    .contains("<provide interface=\"org.parallelworkbench.core.WorkProvider\"/>"));
        }
    }

    @Test
    void locationsNameTheProviderBundleAndOneProductJarPerPrefix(@TempDir Path home) throws IOException {
        Path bundles = Files.createDirectories(home.resolve("bundle"));
        for (String prefix : ProviderBundle.PRODUCT_BUNDLE_PREFIXES) {
            Files.createFile(bundles.resolve(prefix + "1.0.0.jar"));
        }
        Files.createFile(bundles.resolve("org.osgi.service.component.annotations_1.5.0.jar"));
        Path jar = home.resolve("bench.jar");
        List<String> locations = ProviderBundle.locations(jar, home);
        assertEquals(1 + ProviderBundle.PRODUCT_BUNDLE_PREFIXES.size(), locations.size());
        assertEquals(jar.toUri().toString(), locations.get(0));
        assertTrue(locations.stream().allMatch(location -> location.startsWith("file:")), locations::toString);

        Files.delete(bundles.resolve("org.apache.felix.scr_1.0.0.jar"));
        assertThrows(IllegalStateException.class, () -> ProviderBundle.locations(jar, home));
    }

    @Test
    void roundsTakeTurnsAndRatioRoundByRound() throws InterruptedException {
        double[] next = { 0 };
        ProcessBenchmarkMain.Rounds rounds = ProcessBenchmarkMain.Rounds.measure(3, 1,
                List.of(() -> next[0] += 2, () -> next[0] -= 1));
        // warm-up 2, 1; then 3, 2; 4, 3; 5, 4
        assertEquals(List.of(3.0, 4.0, 5.0), rounds.results().get(0));
        assertEquals(List.of(2.0, 3.0, 4.0), rounds.results().get(1));
        assertEquals(new Spread(5.0 / 4, 4.0 / 3, 3.0 / 2, 3), rounds.ratios(0, 1));
    }

    @Test
    void cpuUseIsMeasuredAroundEachRun() throws InterruptedException {
        try (BenchmarkEngine engine = new BenchmarkEngine(1, new ProcessBenchProvider())) {
            ProcessBenchmarkMain.CpuUse use = new ProcessBenchmarkMain.CpuUse(engine);
            long[] spun = { 0 };
            use.metered(() -> {
                long end = System.nanoTime() + 50_000_000;
                while (System.nanoTime() < end) {
                    spun[0]++;
                }
                return 50;
            }).millis();
            assertTrue(use.toString().startsWith("ours "), use::toString);
            if (Files.isReadable(Path.of("/proc/stat"))) {
                assertTrue(!use.toString().contains("?"), use::toString);
            }
            assertTrue(spun[0] > 0);
        }
    }
}
