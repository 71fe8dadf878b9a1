package org.parallelworkbench.install.internal;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.install.BundleProblem;

/**
 * Says why File Install ignores a {@code .jar} in a watched folder: one that is not a jar, or has no bundle
 * manifest. File Install installs neither and logs nothing; it only asks its artifact listeners, this one
 * among them, whether they handle the file, and asks again at later scans. So this listener handles
 * nothing: it answers {@code false} and logs one warning per file and last-modified time.
 * <p>
 * Threading: called on File Install's watcher threads; reads the file's manifest, never blocks otherwise.
 */
@Component(service = ArtifactInstaller.class)
public final class IgnoredDropins implements ArtifactInstaller {

    private static final Logger LOG = System.getLogger(IgnoredDropins.class.getName());

    private final WorkerBundleInspector inspector;
    /** file -> the last-modified time it was reported for */
    private final Map<Path, Long> reported = new ConcurrentHashMap<>();

    @Activate
    public IgnoredDropins(BundleContext context) {
        this(new WorkerBundleInspector(PlatformSpi.version(context.getBundle()).toString()));
    }

    IgnoredDropins(WorkerBundleInspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public boolean canHandle(File artifact) {
        try {
            if (artifact.getName().endsWith(".jar") && artifact.isFile() && !isBundle(artifact)) {
                reportOnce(artifact);
            }
        } catch (RuntimeException e) {
            // Telling why a file is ignored must never break File Install's scan.
            LOG.log(Level.DEBUG, "Could not inspect " + artifact, e);
        }
        return false;
    }

    /** What File Install itself checks before it installs a file as a bundle. */
    private static boolean isBundle(File file) {
        try (JarFile jar = new JarFile(file)) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) != null;
        } catch (IOException | SecurityException notAJar) {
            return false;
        }
    }

    private void reportOnce(File artifact) {
        Path path = artifact.toPath().toAbsolutePath();
        Long lastModified = artifact.lastModified();
        if (Objects.equals(reported.put(path, lastModified), lastModified)) {
            return;
        }
        String problem = inspector.inspect(path).problems().stream().filter(BundleProblem::isError).findFirst()
                .map(BundleProblem::message).orElse(artifact.getName() + " is not a bundle");
        Path folder = path.getParent() == null ? null : path.getParent().getFileName();
        LOG.log(Level.WARNING, (folder == null ? "" : folder + "/") + problem + "; File Install ignores it");
    }

    @Override
    public void install(File artifact) {
        // never asked: canHandle is always false
    }

    @Override
    public void update(File artifact) {
        // never asked: canHandle is always false
    }

    @Override
    public void uninstall(File artifact) {
        // never asked: canHandle is always false
    }
}
