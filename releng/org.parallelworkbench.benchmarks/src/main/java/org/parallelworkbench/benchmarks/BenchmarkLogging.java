package org.parallelworkbench.benchmarks;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the engine's per-run INFO lines (System.Logger, java.util.logging here) out of the figures. */
final class BenchmarkLogging {

    /** Held so the level set on it is not lost when the logger is collected. */
    private static final Logger ENGINE_LOGGER = Logger.getLogger("org.parallelworkbench.engine");

    private BenchmarkLogging() {
    }

    static void quiet() {
        ENGINE_LOGGER.setLevel(Level.WARNING);
    }
}
