package org.parallelworkbench.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.parallelworkbench.testing.TestJars;

/** Writes a worker bundle jar for a test: one DS component providing WorkProvider with a class of this fragment. */
final class WorkerJar {

    private WorkerJar() {
    }

    static Path write(Path file, String symbolicName, String version, String providerId, String providerName,
            Class<?> implementation) throws IOException {
        return TestJars.bundle(symbolicName, version)
                .header("Bundle-Name", "Generated test worker")
                .header("Bundle-Vendor", "Parallel Workbench tests")
                .header("Import-Package", TestJars.SPI_IMPORT)
                .provider(symbolicName + ".provider", implementation,
                        Map.of("providerId", providerId, "providerName", providerName))
                .write(file);
    }
}
