package org.parallelworkbench.journal.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Appends entries to the journal file on one dedicated thread, so that callers never wait for the disk.
 * Entries queued together are written as one batch, each batch is {@link FileChannel#force forced} to disk
 * before the next is taken, and an entry is on disk once its batch is. Every line ends with a line break;
 * if the file does not (a killed product left half a line), a line break is written first so that the
 * next entry starts a line of its own.
 * <p>
 * Thread-safe: {@link #submit} from any thread, never blocks. {@link #close} writes what was queued before
 * it, waiting at most {@link #CLOSE_WAIT_MILLIS}; entries submitted after it are refused. The writer thread
 * is never interrupted (that would close the channel under it). A failed write is logged and its batch
 * lost; the next batch opens the file again.
 */
final class JournalWriter implements AutoCloseable {

    /** How long {@link #close} waits for queued entries to reach the disk. */
    static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Entries written (and forced) together at most. */
    static final int MAX_BATCH_ENTRIES = 1_000;
    static final String THREAD_NAME = "Run journal writer";

    private static final System.Logger LOG = System.getLogger(JournalWriter.class.getName());
    private static final byte[] LINE_BREAK = { '\n' };

    /** A queued entry, or the end of the queue (a null entry). */
    private record Item(JournalEntry entry) {
    }

    private static final Item STOP = new Item(null);

    private final Path file;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    /** Guarded by {@link #submitLock}: once true, nothing more enters the queue. */
    private boolean closed;
    /** Used by the writer thread only (and the constructor, before it starts). */
    private FileChannel channel;
    private final Thread thread;

    /**
     * Opens (creating it and its folders if needed) {@code file} for appending and starts the writer thread.
     *
     * @throws IOException when the file cannot be opened
     */
    JournalWriter(Path file) throws IOException {
        this.file = file;
        this.channel = open(file);
        this.thread = new Thread(this::writeUntilStopped, THREAD_NAME);
        thread.setDaemon(true); // never keeps a JVM alive; close() is what writes the last entries
        thread.start();
    }

    /** Queues an entry; false (and nothing queued) once the writer is closed. Never blocks. */
    boolean submit(JournalEntry entry) {
        synchronized (submitLock) {
            return !closed && queue.add(new Item(entry));
        }
    }

    /** Writes everything queued so far, closes the file and ends the thread; idempotent. */
    @Override
    public void close() {
        synchronized (submitLock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(Level.WARNING, "Run journal " + file + ": the writer did not finish within " + CLOSE_WAIT_MILLIS
                    + " ms; " + queue.size() + " queued entries may be lost");
        }
    }

    /** Whether the writer thread is still running; for tests. */
    boolean isRunning() {
        return thread.isAlive();
    }

    private void writeUntilStopped() {
        List<Item> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; if someone did, keep the journal going.
                continue;
            }
            queue.drainTo(batch, MAX_BATCH_ENTRIES - 1);
            stop = batch.remove(STOP);
            write(batch);
            batch.clear();
        }
        closeChannel();
    }

    private void write(List<Item> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            StringBuilder lines = new StringBuilder(batch.size() * 200);
            for (Item item : batch) {
                lines.append(item.entry().toLine()).append('\n');
            }
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            if (channel == null) {
                channel = open(file);
            }
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Run journal " + file + ": could not write " + batch.size() + " entries: " + e, e);
            closeChannel();
        }
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Run journal " + file + ": could not close: " + e, e);
        }
        channel = null;
    }

    /**
     * The file opened for appending, after a line break if its last line was left incomplete. Append mode,
     * so that a second process on the same file by mistake would add lines rather than overwrite them.
     */
    private static FileChannel open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            if (!endsWithLineBreak(file)) {
                channel.write(ByteBuffer.wrap(LINE_BREAK));
                channel.force(false);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean endsWithLineBreak(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }
}
