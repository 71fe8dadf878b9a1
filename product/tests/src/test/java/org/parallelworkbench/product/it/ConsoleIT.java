package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.engine.config.EngineConfiguration.DEFAULT_MAX_CONCURRENT_RUNS;
import static org.parallelworkbench.engine.config.EngineConfiguration.MAX_CONCURRENT_RUNS;
import static org.parallelworkbench.engine.config.EngineConfiguration.POOL_SIZE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * {@code bin/parallel-workbench --console}: the pw:* Gogo commands typed into the Felix Gogo shell of the
 * unpacked product, end to end on the real engine.
 */
class ConsoleIT {

    static final Duration STEP_TIMEOUT = Console.STEP_TIMEOUT;
    static final String TICKER = "ticker 0.1.0  Ticker";
    /** pw:run's answer alone on its line: a run id, e.g. {@code 3} or {@code mwwbb9be-0001}. */

    @Test
    void pwCommandsListStartFollowAndCancelRunsAndEndOfInputStopsTheProduct() throws Exception {
        try (Console console = Console.start("console")) {
            // The shell reads at once, maybe before the commands are registered: type until they answer.
            console.askUntil("pw:providers", a -> a.contains(TICKER), STEP_TIMEOUT, TICKER);
            String id = console.startRun("ticker intervalMillis=50");
            console.askUntil("pw:runs", a -> a.contains("  " + id + "  ticker  RUNNING  "), STEP_TIMEOUT, "run " + id + " RUNNING");
            String cancelled = console.ask("pw:cancel " + id);
            assertTrue(cancelled.contains("Cancelling run " + id), console::toString);
            console.askUntil("pw:runs", a -> a.contains("No active runs."), STEP_TIMEOUT, "no active runs");
            // End of input ends the shell, which stops the framework.
            assertEquals(0, console.stop(), console::toString);
        }
    }

    /** The usage says exit stops the console; the Gogo shell has no exit of its own (it found System.exit(int)). */
    @Test
    void exitAloneOrWithAStatusStopsTheProductWithThatStatus() throws Exception {
        try (Console console = Console.start("exit")) {
            console.askUntil("pw:providers", a -> a.contains(TICKER), STEP_TIMEOUT, TICKER);
            assertEquals(0, console.typeAndAwaitExit("exit"), console::toString);
            assertFalse(console.toString().contains("Cannot coerce") || console.toString().contains("InterruptedException"),
                    console::toString);
        }
        try (Console console = Console.start("exit-status")) {
            console.askUntil("pw:providers", a -> a.contains(TICKER), STEP_TIMEOUT, TICKER);
            assertEquals(3, console.typeAndAwaitExit("exit 3"), console::toString);
            assertFalse(console.toString().contains("Cannot coerce") || console.toString().contains("InterruptedException"),
                    console::toString);
        }
    }

    /** The engine's .cfg in conf/ documents every setting and reaches the running engine (File Install, Config Admin). */
    @Test
    void engineSettingsInConfApplyWhileTheProductRunsAndActiveRunsGoOn() throws Exception {
        Path cfg = Product.engineCfg();
        String shipped = Files.readString(cfg);
        EngineConfiguration.defaults().forEach((key, value) -> assertTrue(shipped.contains("\n#" + key + " = " + value + "\n"),
                () -> "the shipped " + cfg.getFileName() + " does not document '" + key + " = " + value + "':\n" + shipped));
        try (Console console = Console.start("config")) {
            console.askUntil("pw:providers", a -> a.contains(TICKER), STEP_TIMEOUT, TICKER);
            String id = console.startRun("ticker intervalMillis=50");

            Files.writeString(cfg, shipped + POOL_SIZE + " = 1\n" + MAX_CONCURRENT_RUNS + " = 2\n");
            awaitLogged(console, "Engine settings changed: poolSize " + Runtime.getRuntime().availableProcessors()
                    + " -> 1, maxConcurrentRuns " + DEFAULT_MAX_CONCURRENT_RUNS + " -> 2");
            console.askUntil("pw:runs", a -> a.contains("  " + id + "  ticker  RUNNING  "), STEP_TIMEOUT, "run " + id + " RUNNING");

            Files.writeString(cfg, shipped);
            awaitLogged(console, "Engine settings changed: poolSize 1 -> " + Runtime.getRuntime().availableProcessors()
                    + ", maxConcurrentRuns 2 -> " + DEFAULT_MAX_CONCURRENT_RUNS);
            assertTrue(console.ask("pw:cancel " + id).contains("Cancelling run " + id), console::toString);
            assertEquals(0, console.stop(), console::toString);
        } finally {
            Files.writeString(cfg, shipped);
        }
    }

    /** Waits for the product to log {@code expected} on stderr, woken by each change of that file. */
    private static void awaitLogged(Console console, String expected) throws IOException, InterruptedException {
        FileChanges.await(console.stderrFile(), () -> console.stderr().contains(expected), STEP_TIMEOUT,
                () -> "the product did not log '" + expected + "'\n" + console);
    }
}
