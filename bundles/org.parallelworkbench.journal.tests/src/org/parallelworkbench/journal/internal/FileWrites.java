package org.parallelworkbench.journal.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a journal writer's append: each change of the file's folder wakes the check. */
final class FileWrites {

    private FileWrites() {
    }

    static void until(Path file, BooleanSupplier condition, Duration timeout, Supplier<String> message)
            throws IOException, InterruptedException {
        try (WatchService watcher = file.getFileSystem().newWatchService()) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                long remaining = deadline - System.nanoTime();
                WatchKey key = remaining > 0 ? watcher.poll(remaining, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    throw new AssertionError(message.get() + " (waited " + timeout.toMillis() + " ms)");
                }
                key.pollEvents();
                key.reset();
            }
        }
    }
}
