package org.parallelworkbench.logfile.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The product's log file: a {@link FileHandler} on a logger (the root one in the product) that writes INFO and
 * above into {@value #NAME_PATTERN} in a folder, in the format of the launcher's logging configuration
 * ({@code java.util.logging.SimpleFormatter.format}), appending, and rotating over {@value #COUNT} files of
 * {@value #LIMIT_BYTES} bytes. Product processes running at once (the window, a headless command) each lock
 * a file of their own: {@code %u} is 0 for the first, 1 for the next.
 * <p>
 * Thread-safe, as {@link FileHandler} is. {@link #close} removes the handler and closes the file.
 */
final class LogFile implements AutoCloseable {

    static final String NAME_PATTERN = "parallel-workbench-%u.%g.log";
    static final int LIMIT_BYTES = 5 * 1024 * 1024;
    static final int COUNT = 3;

    private final Logger logger;
    private final FileHandler handler;

    private LogFile(Logger logger, FileHandler handler) {
        this.logger = logger;
        this.handler = handler;
    }

    /**
     * Creates the folder if needed and starts writing what {@code logger} (and its children) log.
     *
     * @throws IOException when the folder or a file in it cannot be created or locked
     */
    static LogFile open(Path folder, Logger logger) throws IOException {
        Files.createDirectories(folder);
        // In a FileHandler pattern '%' starts a field: one in the folder's name must be doubled.
        String pattern = folder.toAbsolutePath().toString().replace("%", "%%") + File.separator + NAME_PATTERN;
        FileHandler handler = new FileHandler(pattern, LIMIT_BYTES, COUNT, true);
        handler.setEncoding(StandardCharsets.UTF_8.name());
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.INFO);
        logger.addHandler(handler);
        return new LogFile(logger, handler);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        // A thread that took the handler list before the removal may still publish: turned off, it drops the
        // record instead of failing on the closed stream (a NullPointerException through the ErrorManager).
        handler.setLevel(Level.OFF);
        handler.close();
    }
}
