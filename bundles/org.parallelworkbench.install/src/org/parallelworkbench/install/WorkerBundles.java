package org.parallelworkbench.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The worker bundles of the running product, as an OSGi service. Thread-safe; every call reads the
 * framework's current state.
 */
@ProviderType
public interface WorkerBundles {

    /** Bundles that register or declare providers, by bundle id. */
    List<InstalledWorker> installed();

    /** Reads a jar file before it is installed, checked against this platform's provider SPI. */
    WorkerBundleReport inspect(Path file);

    /** The version of {@code org.parallelworkbench.core} this platform exports, e.g. {@code 0.3.0}. */
    String providerSpiVersion();

    /**
     * The product's drop-in folder (framework property {@value #DROPINS_PROPERTY}, else {@code dropins/}
     * under {@code parallelworkbench.home}); empty when the product has none, as in tests.
     */
    Optional<DropinFolder> dropins();

    /** Framework property naming the folder File Install watches for worker bundles. */
    String DROPINS_PROPERTY = "parallelworkbench.dropins";
}
