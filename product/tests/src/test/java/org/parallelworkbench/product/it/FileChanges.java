package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waits for a condition on what the product writes to a file: every change in the file's folder wakes the check. */
final class FileChanges {

    @FunctionalInterface
    interface Condition {
        boolean holds() throws IOException;
    }

    private FileChanges() {
    }

    /** Returns once the condition holds; fails with the message if it does not within the timeout. */
    static void await(Path file, Condition condition, Duration timeout, Supplier<String> message)
            throws IOException, InterruptedException {
        try (WatchService watcher = file.getFileSystem().newWatchService()) {
            file.toAbsolutePath().getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.holds()) {
                long remaining = deadline - System.nanoTime();
                WatchKey key = remaining > 0 ? watcher.poll(remaining, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    fail(message.get() + " (not within " + timeout.toMillis() + " ms)");
                }
                key.pollEvents();
                key.reset();
            }
        }
    }
}
