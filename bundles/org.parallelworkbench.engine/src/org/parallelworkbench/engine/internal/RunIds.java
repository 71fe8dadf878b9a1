package org.parallelworkbench.engine.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Run ids that stay unique across restarts of the product (the run journal keeps them) and sort in
 * start order as text: the engine's start time in milliseconds, then a counter, both in fixed-width
 * base 36, e.g. {@code mibx3k2a-0003}. The counter's width is enough for 1.6 million runs per engine
 * life; beyond that ids stay unique but grow a digit. Run names keep the plain counter: "Ticker run #3".
 * <p>
 * Threading: thread-safe.
 */
final class RunIds {

    private static final int RADIX = 36;
    /** Milliseconds since 1970 fit in 8 base-36 digits until the year 2059. */
    private static final int TIME_DIGITS = 8;
    private static final int COUNTER_DIGITS = 4;

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    /** @param startMillis when this engine life started, as from {@link System#currentTimeMillis()} */
    RunIds(long startMillis) {
        this.prefix = padded(startMillis, TIME_DIGITS) + "-";
    }

    /** The next run's number, from 1. */
    long nextNumber() {
        return counter.incrementAndGet();
    }

    /** The id of the run with this number. */
    String id(long number) {
        return prefix + padded(number, COUNTER_DIGITS);
    }

    private static String padded(long value, int digits) {
        String text = Long.toString(value, RADIX);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
