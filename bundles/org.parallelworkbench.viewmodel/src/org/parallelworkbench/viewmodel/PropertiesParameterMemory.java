package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Keeps last-used parameters in a properties file, one {@code providerId/name=value} line per value, so
 * they survive a restart. Reads the file once; writes it whole, through a temporary file and a move, so
 * a crash never leaves half a file. Not thread-safe: the form uses it from its Realm only.
 */
public final class PropertiesParameterMemory implements ParameterMemory {

    private static final System.Logger LOG = System.getLogger(PropertiesParameterMemory.class.getName());

    /** Without a slash, so no provider's prefix matches it. */
    static final String LAST_STARTED_KEY = "@lastStarted";

    private final Path file;
    private final Properties values = new Properties();

    /** Reads what the file holds; a missing file is an empty memory, an unreadable one is logged and ignored. */
    public PropertiesParameterMemory(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            values.load(in);
        } catch (NoSuchFileException e) {
            // first start
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Last-used parameters in " + file + " could not be read; using defaults", e);
        }
    }

    @Override
    public Map<String, String> recall(String providerId) {
        String prefix = providerId + "/";
        Map<String, String> recalled = new TreeMap<>();
        values.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> recalled.put(key.substring(prefix.length()), values.getProperty(key)));
        return recalled;
    }

    @Override
    public Optional<String> lastStarted() {
        return Optional.ofNullable(values.getProperty(LAST_STARTED_KEY));
    }

    @Override
    public void remember(String providerId, Map<String, String> remembered) {
        String prefix = providerId + "/";
        values.keySet().removeIf(key -> key.toString().startsWith(prefix));
        remembered.forEach((name, value) -> values.setProperty(prefix + name, value));
        values.setProperty(LAST_STARTED_KEY, providerId);
        try {
            write();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "Last-used parameters could not be written to " + file, e);
        }
    }

    private void write() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                values.store(out, "Parallel Workbench: parameters each provider was last started with");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
