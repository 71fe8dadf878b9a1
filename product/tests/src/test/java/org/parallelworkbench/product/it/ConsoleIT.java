package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code bin/parallel-workbench --console}: the pw:* Gogo commands typed into the Felix Gogo shell of the
 * unpacked product, end to end on the real engine.
 */
class ConsoleIT {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration RETYPE_INTERVAL = Duration.ofMillis(500);
    /** pw:run's answer alone on its line: a run id, e.g. {@code 3} or {@code mwwbb9be-0001}. */
    static final Pattern RUN_ID = Pattern.compile("(?m)^(?:g! )?([a-z0-9]+-\\d+|\\d+)\\s*$");

    @Test
    void pwCommandsListStartFollowAndCancelRunsAndEndOfInputStopsTheProduct() throws Exception {
        Path out = Files.createTempFile(workDir(), "console-stdout", ".txt");
        Path err = Files.createTempFile(workDir(), "console-stderr", ".txt");
        Process product = startConsole(out, err);
        try (OutputStream console = product.getOutputStream()) {
            // The shell reads at once, maybe before the commands are registered: type until they answer.
            typeUntil(console, "pw:providers", out, "ticker 0.1.0  Ticker", product);
            type(console, "pw:run ticker intervalMillis=50");
            String id = awaitMatch(out, RUN_ID, product).group(1);
            typeUntil(console, "pw:runs", out, "  " + id + "  ticker  RUNNING  ", product);
            type(console, "pw:cancel " + id);
            awaitText(out, "Cancelling run " + id, product);
            typeUntil(console, "pw:runs", out, "No active runs.", product);
        }
        // End of input ends the shell, which stops the framework.
        assertTrue(product.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the product did not stop at end of input");
        assertEquals(0, product.exitValue(), () -> Product.readQuietly(out) + Product.readQuietly(err));
    }

    /** conf/org.parallelworkbench.engine.cfg reaches the running engine through File Install and Config Admin. */
    @Test
    void engineSettingsInConfApplyWhileTheProductRunsAndActiveRunsGoOn() throws Exception {
        Path home = Product.home();
        Path cfg = home.resolve("conf/org.parallelworkbench.engine.cfg");
        String shipped = Files.readString(cfg);
        assertTrue(shipped.contains("#poolSize = 0") && shipped.contains("#maxConcurrentRuns = 4")
                && shipped.contains("#borrowTimeoutMillis = 30000"), "the shipped file documents every setting and its default");
        Path out = Files.createTempFile(workDir(), "config-stdout", ".txt");
        Path err = Files.createTempFile(workDir(), "config-stderr", ".txt");
        Process product = startConsole(out, err);
        try (OutputStream console = product.getOutputStream()) {
            typeUntil(console, "pw:providers", out, "ticker 0.1.0  Ticker", product);
            type(console, "pw:run ticker intervalMillis=50");
            String id = awaitMatch(out, RUN_ID, product).group(1);

            Files.writeString(cfg, shipped + "poolSize = 1\nmaxConcurrentRuns = 2\n");
            awaitText(err, "to EngineSettings[poolSize=1, maxConcurrentRuns=2, borrowTimeoutMillis=30000]", product);
            typeUntil(console, "pw:runs", out, "  " + id + "  ticker  RUNNING  ", product);

            Files.writeString(cfg, shipped);
            awaitText(err, "maxConcurrentRuns=2, borrowTimeoutMillis=30000] to EngineSettings[poolSize=", product);
            type(console, "pw:cancel " + id);
            awaitText(out, "Cancelling run " + id, product);
        } finally {
            Files.writeString(cfg, shipped);
        }
        assertTrue(product.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the product did not stop at end of input");
    }

    private static Path workDir() throws IOException {
        return Files.createDirectories(Product.WORK_DIR);
    }

    /** The product with a Gogo shell reading the returned process's stdin. */
    private static Process startConsole(Path out, Path err) throws IOException, InterruptedException {
        Path home = Product.home();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/parallel-workbench").toString(), "--console")
                .directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static void type(OutputStream console, String line) throws IOException {
        console.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
    }

    private static void typeUntil(OutputStream console, String line, Path out, String expected, Process product)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!read(out).contains(expected)) {
            check(product, deadline, "'" + expected + "' after typing " + line, out);
            type(console, line);
            Thread.sleep(RETYPE_INTERVAL.toMillis()); // the shell's answer is the condition polled, bounded above
        }
    }

    private static void awaitText(Path out, String expected, Process product) throws IOException, InterruptedException {
        awaitMatch(out, Pattern.compile(Pattern.quote(expected)), product);
    }

    private static Matcher awaitMatch(Path out, Pattern pattern, Process product) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(read(out));
            if (matcher.find()) {
                return matcher;
            }
            check(product, deadline, pattern.pattern(), out);
            Thread.sleep(100); // polling the console's output, bounded above
        }
    }

    private static void check(Process product, long deadline, String waitingFor, Path out) throws IOException {
        if (!product.isAlive() || System.nanoTime() > deadline) {
            fail("no " + waitingFor + " within " + STEP_TIMEOUT.toSeconds() + " s (alive: " + product.isAlive() + "):\n" + read(out));
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
