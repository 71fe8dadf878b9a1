package org.parallelworkbench.engine.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * Tests of a plain {@link Engine} (no DS) with settings chosen by the test. The engine is closed after
 * each test, and {@link #release} is opened first, so no unit a test blocked stays blocked.
 */
abstract class EngineTestBase {

    static final Duration CANCEL_BAR = Duration.ofSeconds(1);
    static final Duration SHORT = Duration.ofSeconds(5);
    static final long BORROW_TIMEOUT_MILLIS = 5_000;

    /** Opened after each test. */
    final CountDownLatch release = new CountDownLatch(1);
    Engine engine;

    @AfterEach
    void closeEngine() {
        release.countDown();
        if (engine != null) {
            engine.close();
        }
    }

    Engine engine(int poolSize) {
        return engine(new EngineSettings(poolSize, EngineConfiguration.DEFAULT_MAX_CONCURRENT_RUNS, BORROW_TIMEOUT_MILLIS));
    }

    Engine engine(EngineSettings settings) {
        engine = new Engine(settings);
        return engine;
    }

    /** Waits for {@link #release} ignoring interrupts, as a unit that ignores cancel would; at most 30 s. */
    void blockIgnoringInterrupts() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (release.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                release.await(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException ignored) {
                // this unit ignores interrupts on purpose
            }
        }
    }
}
