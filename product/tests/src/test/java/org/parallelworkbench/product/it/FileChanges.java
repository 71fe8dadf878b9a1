package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
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
        try (WatchService watcher = watch(file)) {
            awaitWith(watcher, condition, timeout, message);
        }
    }

    /**
     * Like {@link #await(Path, Condition, Duration, Supplier)} for a file that {@code writer} writes: its exit also
     * wakes the wait, which then fails at once if the condition does not hold after all.
     */
    static void await(Path file, Process writer, Condition condition, Duration timeout, Supplier<String> message)
            throws IOException, InterruptedException {
        WatchService watcher = watch(file);
        // Closing the watch service is the only way to wake its poll from outside.
        var exit = writer.onExit().thenRun(() -> closeQuietly(watcher));
        try {
            awaitWith(watcher, condition, timeout, message);
        } catch (ClosedWatchServiceException exited) {
            if (!condition.holds()) {
                fail(message.get() + " (the process ended with exit " + writer.exitValue() + ")");
            }
        } finally {
            exit.cancel(false);
            closeQuietly(watcher);
        }
    }

    private static WatchService watch(Path file) throws IOException {
        WatchService watcher = file.getFileSystem().newWatchService();
        try {
            file.toAbsolutePath().getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            closeQuietly(watcher);
            throw e;
        }
        return watcher;
    }

    private static void awaitWith(WatchService watcher, Condition condition, Duration timeout, Supplier<String> message)
            throws IOException, InterruptedException {
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

    private static void closeQuietly(WatchService watcher) {
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing left to wake
        }
    }
}
