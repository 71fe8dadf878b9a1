package org.parallelworkbench.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.parallelworkbench.install.internal.RepositoryWorkers;

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

    /**
     * Reads a p2 repository folder or zip and {@linkplain #inspect inspects} each of its worker bundles. Never
     * throws for a bad file: one that is no zip, or has no {@code plugins/} folder, gives no workers and an error in
     * {@link WorkerRepository#problems()}.
     *
     * @since 0.3
     */
    default WorkerRepository readRepository(Path repository) {
        return RepositoryWorkers.read(repository, this::inspect);
    }

    /** A folder or a {@code .zip} file: what {@link #readRepository} takes; anything else is a jar to inspect. */
    static boolean isRepository(Path file) {
        return RepositoryWorkers.isRepository(file);
    }

    /** The version of {@code org.parallelworkbench.core} this platform exports, e.g. {@code 0.5.0}. */
    String providerSpiVersion();

    /**
     * The product's drop-in folder (framework property {@value #DROPINS_PROPERTY}, else {@code dropins/}
     * under {@code parallelworkbench.home}); empty when the product has none, as in tests.
     */
    Optional<DropinFolder> dropins();

    /**
     * Every folder File Install watches for worker bundles: {@link #dropins()} first, then the extra folders
     * of its watcher configurations in Config Admin (factory PID {@value #FILE_INSTALL_FACTORY_PID}, property
     * {@value #FILE_INSTALL_DIR}), by path, each once. Without Config Admin only {@link #dropins()}.
     *
     * @since 0.2
     */
    default List<DropinFolder> dropinFolders() {
        return dropins().map(List::of).orElseGet(List::of);
    }

    /**
     * The watched folder whose jar the worker was installed from, where it can be replaced or deleted; empty
     * for a bundle from anywhere else, such as one that ships with the product.
     *
     * @since 0.2
     */
    default Optional<DropinFolder> folderOf(InstalledWorker worker) {
        return dropinFolders().stream().filter(folder -> folder.holds(worker.location())).findFirst();
    }

    /** Framework property naming the folder File Install watches for worker bundles. */
    String DROPINS_PROPERTY = "parallelworkbench.dropins";

    /** The factory PID of File Install's watcher configurations. */
    String FILE_INSTALL_FACTORY_PID = "org.apache.felix.fileinstall";

    /** The watcher configuration's property naming the folder it watches. */
    String FILE_INSTALL_DIR = "felix.fileinstall.dir";
}
