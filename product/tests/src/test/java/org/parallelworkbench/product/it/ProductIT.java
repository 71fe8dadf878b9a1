package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Runs the unpacked product the way a user does: bin/parallel-workbench on Apache Felix. */
class ProductIT {

    /** The smoke check bounds itself to 60 s; this leaves room for JVM start and shutdown. */
    static final Duration SMOKE_TIMEOUT = Duration.ofSeconds(120);
    static final Duration USAGE_TIMEOUT = Duration.ofSeconds(30);
    static final Pattern SMOKE_OK = Pattern.compile(
            "(?m)^SMOKE OK: \\d+ bundles active, ticker emitted 1 2 3 in \\d+\\.\\d s$");

    private static Command launcher(Path home, String... args) {
        List<String> argv = Stream.concat(Stream.of(home.resolve("bin/parallel-workbench").toString()), Stream.of(args)).toList();
        // The JDK running the build: Java 21+, enforced by the build itself.
        return new Command(argv, home, Map.of("JAVA_HOME", System.getProperty("java.home")), true);
    }

    @Test
    void smokeModeStartsThePlatformOnFelixAndRunsTheTicker() throws Exception {
        Path home = Product.home();
        Command.Result result = launcher(home, "--smoke").run(SMOKE_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(SMOKE_OK.matcher(result.stdout()).find(), result::describe);
        System.out.println("parallel-workbench --smoke: " + result.elapsed().toMillis() + " ms, "
                + result.stdout().lines().filter(l -> l.startsWith("SMOKE")).findFirst().orElse(""));
    }

    @Test
    void unknownArgumentPrintsUsageAndExitsWith2() throws Exception {
        Command.Result result = launcher(Product.home(), "--no-such-option").run(USAGE_TIMEOUT, Product.WORK_DIR);
        assertEquals(2, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("unknown argument: --no-such-option"), result::describe);
        assertTrue(result.stderr().contains("Usage: parallel-workbench"), result::describe);
        assertEquals("", result.stdout(), result::describe);
    }

    @Test
    void archiveHasTheDocumentedLayout() throws Exception {
        Path home = Product.home();
        assertTrue(Files.isExecutable(home.resolve("bin/parallel-workbench")), "bin/parallel-workbench must be executable");
        for (String file : List.of("bin/find-java.sh", "bin/felix.jar", "conf/config.properties", "dropins/README.txt",
                "README.txt", "bundle/org.eclipse.osgi_3.99.0.felixshim.jar")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), "missing " + file);
        }
        try (Stream<Path> bundles = Files.list(home.resolve("bundle"))) {
            List<String> names = bundles.map(p -> p.getFileName().toString()).sorted().toList();
            // One version of each bundle: a stale jar next to a new one would run both.
            List<String> symbolicNames = names.stream().map(n -> n.substring(0, n.indexOf('_'))).toList();
            assertEquals(symbolicNames.stream().distinct().count(), symbolicNames.size(), names::toString);
            // The Equinox framework jar must never ship: Felix is the framework, the shim carries the name.
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org.eclipse.osgi_3.") && !n.contains("felixshim")), names::toString);
            for (String prefix : List.of("org.parallelworkbench.cli_", "org.parallelworkbench.engine_",
                    "org.parallelworkbench.workers.ticker_", "org.apache.felix.scr_", "org.eclipse.swt.gtk.linux.x86_64_")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), () -> "no " + prefix + "* in " + names);
            }
        }
    }
}
