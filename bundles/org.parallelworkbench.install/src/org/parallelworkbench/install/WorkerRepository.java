package org.parallelworkbench.install;

import java.nio.file.Path;
import java.util.List;

/**
 * The worker bundles of a p2 repository as this project's build makes it, read by
 * {@link WorkerBundles#readRepository}: a folder, or its {@code .zip}, holding {@code plugins/*.jar}. The jars that
 * declare at least one {@code WorkProvider} are the workers, the others (platform and libraries) are skipped. From a
 * zip, the jars are extracted to a temporary folder, where the workers' {@link WorkerBundleReport#file()} point:
 * install them before {@link #close()}, which deletes it. Not thread-safe.
 */
public interface WorkerRepository extends AutoCloseable {

    /** The folder or zip, absolute. */
    Path repository();

    /** The bundles that declare at least one provider, by file name. */
    List<WorkerBundleReport> workers();

    /** File names of the other jars in {@code plugins/}, sorted. */
    List<String> skipped();

    /** Why there are no workers (an error), or what was odd (warnings). */
    List<BundleProblem> problems();

    /** Deletes the jars extracted from a zip; nothing for a folder. */
    @Override
    void close();
}
