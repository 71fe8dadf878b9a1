package org.parallelworkbench.install.internal;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.parallelworkbench.install.BundleProblem;

/**
 * Says why File Install ignores a {@code .jar} in a watched folder: one that is not a jar, or has no bundle
 * manifest. File Install installs neither and logs nothing; it only asks its artifact listeners, this one
 * among them, whether they handle the file, and asks again when the file changes. So this listener handles
 * nothing: it answers {@code false} and logs one warning per file and state (last-modified time and size),
 * once the file stayed in that state for {@link #QUIET}.
 * <p>
 * Threading: called on File Install's watcher threads, where it reads the file's manifest; the quiet period's
 * check runs on a thread of its own.
 */
@Component(service = ArtifactInstaller.class)
public final class IgnoredDropins implements ArtifactInstaller {

    /**
     * How long a jar must stay the same before it is reported. File Install takes a file that stayed the same
     * for one poll (0.5 s), but a copy from a network share or a slow disk pauses longer than that, and a
     * half-copied bundle is "not a jar" until the copy ends.
     */
    static final Duration QUIET = Duration.ofSeconds(5);

    private static final Logger LOG = System.getLogger(IgnoredDropins.class.getName());

    /** Runs a task once a delay has passed. */
    interface Later {
        void after(Duration delay, Runnable task);
    }

    private record FileState(long lastModified, long size) {
        static FileState of(File file) {
            return new FileState(file.lastModified(), file.length());
        }
    }

    private final WorkerBundleInspector inspector;
    private final Later later;
    private final Runnable stop;
    /** file -> the state it was reported in */
    private final Map<Path, FileState> reported = new ConcurrentHashMap<>();
    /** file -> the state whose quiet period is running */
    private final Map<Path, FileState> waiting = new ConcurrentHashMap<>();

    @Activate
    public IgnoredDropins(BundleContext context) {
        this(new WorkerBundleInspector(PlatformSpi.version(context.getBundle()).toString()),
                Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "ignored-dropins");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    private IgnoredDropins(WorkerBundleInspector inspector, ScheduledExecutorService scheduler) {
        this(inspector, (delay, task) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                scheduler::shutdownNow);
    }

    IgnoredDropins(WorkerBundleInspector inspector, Later later, Runnable stop) {
        this.inspector = inspector;
        this.later = later;
        this.stop = stop;
    }

    @Deactivate
    void deactivate() {
        stop.run();
    }

    @Override
    public boolean canHandle(File artifact) {
        try {
            if (artifact.getName().endsWith(".jar") && artifact.isFile() && !isBundle(artifact)) {
                reportOnceQuiet(artifact);
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

    private void reportOnceQuiet(File artifact) {
        Path path = artifact.toPath().toAbsolutePath();
        FileState state = FileState.of(artifact);
        if (state.equals(reported.get(path)) || state.equals(waiting.put(path, state))) {
            return;
        }
        later.after(QUIET, () -> reportIfStill(artifact, path, state));
    }

    private void reportIfStill(File artifact, Path path, FileState state) {
        try {
            // A later state of the file has a quiet period of its own; a file that changed is asked about again.
            if (!waiting.remove(path, state) || !artifact.isFile() || !state.equals(FileState.of(artifact))
                    || isBundle(artifact)) {
                return;
            }
            reported.put(path, state);
            String problem = inspector.inspect(path).problems().stream().filter(BundleProblem::isError).findFirst()
                    .map(BundleProblem::message).orElse(artifact.getName() + " is not a bundle");
            Path folder = path.getParent() == null ? null : path.getParent().getFileName();
            LOG.log(Level.WARNING, (folder == null ? "" : folder + "/") + problem + "; File Install ignores it");
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not inspect " + artifact, e);
        }
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
