package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.engine.config.EngineConfiguration;

/** The distribution archive built by the product module, unpacked once per JVM with the system tar. */
final class Product {

    static final Path ARCHIVE = Path.of(System.getProperty("product.archive"));
    static final Path UNPACK_DIR = Path.of(System.getProperty("product.unpack.dir"));
    static final Path WORK_DIR = Path.of(System.getProperty("product.work.dir"));
    static final Duration TAR_TIMEOUT = Duration.ofSeconds(60);

    private static Path home;

    private Product() {
    }

    /** @return the product folder (the archive's single top-level folder) */
    static synchronized Path home() throws IOException, InterruptedException {
        if (home == null) {
            assertTrue(Files.isRegularFile(ARCHIVE), "The product archive was not built: " + ARCHIVE);
            deleteRecursively(UNPACK_DIR);
            Files.createDirectories(UNPACK_DIR);
            Command.Result tar = new Command(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", UNPACK_DIR.toString()),
                    UNPACK_DIR, Map.of(), true).run(TAR_TIMEOUT, WORK_DIR);
            assertEquals(0, tar.exitCode(), tar::describe);
            try (Stream<Path> top = Files.list(UNPACK_DIR)) {
                List<Path> entries = top.toList();
                assertEquals(1, entries.size(), () -> "The archive must hold one top-level folder: " + entries);
                home = entries.get(0);
            }
        }
        return home;
    }

    /** The engine's configuration file in the product's conf/, as shipped until a test changes it. */
    static Path engineCfg() throws IOException, InterruptedException {
        return new ProductHome(home()).conf().resolve(EngineConfiguration.PID + ".cfg");
    }

    /** A file's text for a failure message, or why it could not be read. */
    static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
