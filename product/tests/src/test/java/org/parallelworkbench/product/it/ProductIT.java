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
    static final int SIGTERM_EXIT_CODE = 128 + 15;
    static final Duration GUI_TIMEOUT = Duration.ofSeconds(60);
    static final Pattern FIRST_PAINT = Pattern.compile("Window first painted ([\\d,]+) ms after the JVM started");
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

    /**
     * The window on Felix, not only in Tycho's Equinox test runtime: class loading differs (SPI Fly
     * weaving, boot delegation), and a window that fails there fails only for users. On Java 25 and later the
     * first start records the JVM's start-up cache and the second one maps it.
     */
    @Test
    void guiModeOpensTheWindowOnFelixStopsOnSigtermAndStartsFromItsCacheTheSecondTime() throws Exception {
        assertTrue(System.getenv("DISPLAY") != null, "the GUI test needs a display: run it under xvfb-run");
        Path home = Product.home();
        Path cache = home.resolve("data/aot-cache/window.aot");
        Files.deleteIfExists(cache);
        boolean java25 = Runtime.version().feature() >= 25;

        openWindowAndStop(home, "first", pid -> { });
        assertEquals(java25, Files.isRegularFile(cache) && Files.size(cache) > 0,
                "start-up cache after the first start on Java " + Runtime.version().feature());
        if (java25) {
            openWindowAndStop(home, "second", pid -> {
                String maps = Files.readString(Path.of("/proc/" + pid + "/maps"));
                assertTrue(maps.contains(cache.toString()), "the second start did not map " + cache);
            });
        }
    }

    private interface WhilePainted {
        void check(long pid) throws Exception;
    }

    private static void openWindowAndStop(Path home, String name, WhilePainted whilePainted) throws Exception {
        Files.createDirectories(Product.WORK_DIR);
        Path err = Files.createTempFile(Product.WORK_DIR, "gui-" + name + "-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/parallel-workbench").toString())
                .directory(home.toFile()).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process product = builder.start();
        try {
            FileChanges.await(err, product, () -> {
                String log = Files.readString(err);
                return FIRST_PAINT.matcher(log).find() || log.contains("SEVERE");
            }, GUI_TIMEOUT, () -> "no window painted and no error logged:\n" + Product.readQuietly(err));
            String seen = Files.readString(err);
            assertFalse(seen.contains("SEVERE"), () -> "the window failed on Felix:\n" + seen);
            assertFalse(seen.contains("WARNING: A restricted method"), () -> "SWT's native access warned:\n" + seen);
            java.util.regex.Matcher paint = FIRST_PAINT.matcher(seen);
            assertTrue(paint.find(), () -> "no window painted within " + GUI_TIMEOUT.toSeconds() + " s:\n" + seen);
            System.out.println("parallel-workbench window (" + name + " start) first painted " + paint.group(1)
                    + " ms after JVM start");
            whilePainted.check(product.pid());
        } finally {
            product.destroy();
        }
        // Felix's shutdown hook stops the framework, whose UI component closes the window without asking. The
        // first start on Java 25 then writes its start-up cache, which takes a few seconds more.
        assertTrue(product.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the product did not stop on SIGTERM");
        assertEquals(SIGTERM_EXIT_CODE, product.exitValue(), () -> "exit after SIGTERM; log:\n" + Product.readQuietly(err));
    }

    @Test
    void unknownArgumentPrintsUsageAndExitsWith2() throws Exception {
        Command.Result result = launcher(Product.home(), "--no-such-option").run(USAGE_TIMEOUT, Product.WORK_DIR);
        assertEquals(2, result.exitCode(), result::describe);
        assertTrue(result.stderr().startsWith("parallel-workbench: Unknown option: '--no-such-option'\n"), result::describe);
        assertTrue(result.stderr().contains("Usage: parallel-workbench"), result::describe);
        assertEquals("", result.stdout(), result::describe);
        Command.Result extra = launcher(Product.home(), "--smoke", "now").run(USAGE_TIMEOUT, Product.WORK_DIR);
        assertEquals(2, extra.exitCode(), extra::describe);
        assertTrue(extra.stderr().startsWith("parallel-workbench: Unmatched argument at index 1: 'now'\n"), extra::describe);
    }

    /** The launcher picks the serial collector unless the user picks one: the JVM refuses to start with two. */
    @Test
    void aCollectorChosenInPwJavaOptsReplacesTheLaunchersOwn() throws Exception {
        List<String> argv = List.of(Product.home().resolve("bin/parallel-workbench").toString(), "--help");
        Command.Result result = new Command(argv, Product.home(), Map.of("JAVA_HOME", System.getProperty("java.home"),
                "PW_JAVA_OPTS", "-XX:+UseParallelGC -Xlog:gc*=info:stderr"), true).run(USAGE_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("Using Parallel"), result::describe);
    }

    /** The help comes from the cli bundle, as the only copy; the launcher starts the product headless for it. */
    @Test
    void helpPrintsTheHelpOnStdoutAndExits0() throws Exception {
        for (String help : List.of("--help", "help")) {
            Command.Result result = launcher(Product.home(), help).run(USAGE_TIMEOUT, Product.WORK_DIR);
            assertEquals(0, result.exitCode(), result::describe);
            assertTrue(result.stdout().contains("\nUsage: parallel-workbench [-h] [--smoke | --console] [COMMAND]\n"),
                    result::describe);
            assertTrue(result.stdout().contains("\nEnvironment:\n  JAVA_HOME "), result::describe);
            assertEquals("", result.stderr(), result::describe);
            System.out.println("parallel-workbench " + help + ": " + result.elapsed().toMillis() + " ms");
        }
    }

    @Test
    void archiveHasTheDocumentedLayout() throws Exception {
        Path home = Product.home();
        assertTrue(Files.isExecutable(home.resolve("bin/parallel-workbench")), "bin/parallel-workbench must be executable");
        for (String file : List.of("bin/find-java.sh", "bin/felix.jar", "conf/config.properties", "conf/logging.properties",
                "conf/logging-headless.properties", "dropins/README.txt",
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
            for (String prefix : List.of("org.parallelworkbench.cli_", "org.parallelworkbench.export_", "org.parallelworkbench.logfile_",
                    "org.parallelworkbench.engine_", "org.parallelworkbench.install_", "org.parallelworkbench.workers.ticker_", "org.apache.felix.scr_",
                    "org.eclipse.swt.gtk.linux.x86_64_", "org.apache.felix.gogo.runtime_", "org.apache.felix.gogo.command_")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), () -> "no " + prefix + "* in " + names);
            }
        }
    }
}
