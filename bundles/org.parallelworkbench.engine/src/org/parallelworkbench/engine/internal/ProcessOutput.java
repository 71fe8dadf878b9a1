package org.parallelworkbench.engine.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a worker process writes to its stdout and stderr: each line goes to the product's log, named by worker
 * and stream, and the last lines are kept to explain a process's death. Units may print anything there, also
 * straight to file descriptor 1, without harm: the engine talks to the process over a socket of its own.
 * <p>
 * Bounded whatever a unit prints: lines are cut at {@link #MAX_LINE_CHARS}, at most
 * {@link #MAX_LINES_LOGGED_PER_SECOND} lines a second per stream reach the log (the rest are counted and the
 * count logged), and {@link #LAST_LINES_KEPT} lines are kept.
 * <p>
 * Threading: one daemon thread per stream reads until the process closes it; {@link #lastLines} from any thread.
 */
final class ProcessOutput {

    private static final System.Logger LOG = System.getLogger(ProcessOutput.class.getName());
    static final int MAX_LINE_CHARS = 2_000;
    static final int MAX_LINES_LOGGED_PER_SECOND = 100;
    static final int LAST_LINES_KEPT = 8;

    private final String workerName;
    /** Guarded by itself. */
    private final ArrayDeque<String> last = new ArrayDeque<>();
    private final Thread stdout;
    private final Thread stderr;

    ProcessOutput(String workerName, Process process) {
        this.workerName = workerName;
        this.stdout = pump("stdout", process.getInputStream());
        this.stderr = pump("stderr", process.getErrorStream());
    }

    private Thread pump(String stream, InputStream in) {
        return Thread.ofPlatform().daemon().name(workerName + "-" + stream).start(() -> read(stream, in));
    }

    /**
     * The last lines the process wrote (both streams, oldest first), after waiting at most this long for it to
     * close them, so that what a dying process wrote last is there.
     */
    List<String> lastLines(long waitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            for (Thread pump : List.of(stdout, stderr)) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining > 0) {
                    pump.join(remaining);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (last) {
            return List.copyOf(last);
        }
    }

    private void read(String stream, InputStream in) {
        long windowStart = System.nanoTime();
        int loggedInWindow = 0;
        long notLogged = 0;
        try (Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            boolean cut = false;
            int c;
            while ((c = reader.read()) != -1) {
                if (c != '\n' && line.length() < MAX_LINE_CHARS) {
                    line.append(Character.isISOControl(c) && c != '\t' ? '?' : (char) c);
                    continue;
                }
                if (c != '\n') {
                    cut = true;
                    continue;
                }
                String text = line + (cut ? " [cut]" : "");
                line.setLength(0);
                cut = false;
                keep(text);
                long now = System.nanoTime();
                if (now - windowStart >= TimeUnit.SECONDS.toNanos(1)) {
                    if (notLogged > 0) {
                        LOG.log(Level.INFO, workerName + " " + stream + ": " + notLogged + " more lines not logged");
                    }
                    windowStart = now;
                    loggedInWindow = 0;
                    notLogged = 0;
                }
                if (loggedInWindow++ < MAX_LINES_LOGGED_PER_SECOND) {
                    LOG.log(Level.INFO, workerName + " " + stream + ": " + text);
                } else {
                    notLogged++;
                }
            }
            if (!line.isEmpty()) {
                keep(line.toString());
                LOG.log(Level.INFO, workerName + " " + stream + ": " + line);
            }
        } catch (IOException e) {
            // the process ended and its stream with it
        }
        if (notLogged > 0) {
            LOG.log(Level.INFO, workerName + " " + stream + ": " + notLogged + " more lines not logged");
        }
    }

    private void keep(String text) {
        if (text.isBlank()) {
            return;
        }
        synchronized (last) {
            if (last.size() == LAST_LINES_KEPT) {
                last.removeFirst();
            }
            last.addLast(text);
        }
    }
}
