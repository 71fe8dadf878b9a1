package org.parallelworkbench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.BundleState;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * {@link WorkerBundles} over real drop-in folders, for tests without a framework. {@link #installed} lists the
 * workers the test sets (as shipped with the product) and, with {@link #fileInstall} on, every jar in the watched
 * folders as if File Install had installed it at once: in the state {@link #states} gives its symbolic name (ACTIVE
 * by default), registering the providers of {@link #providerIds}, failing as {@link #failures} says.
 * {@link #inspect} answers from {@link #reports}, else {@link #inspector}, else the jar's manifest (adding
 * {@link #problems}). Jars for it are written by {@link #jar} and {@link #library}. Thread-safe.
 */
public final class FakeWorkerBundles implements WorkerBundles {

    /** Workers the test lists, e.g. those shipped with the product. */
    public final List<InstalledWorker> installed = new CopyOnWriteArrayList<>();
    /** Whether jars in the watched folders are installed workers, as with an instant File Install. */
    public volatile boolean fileInstall;
    public final Map<String, BundleState> states = new ConcurrentHashMap<>();
    public final Map<String, List<String>> providerIds = new ConcurrentHashMap<>();
    public final Map<String, List<BundleProblem>> failures = new ConcurrentHashMap<>();
    /** Reports by file, answered first. */
    public final Map<Path, WorkerBundleReport> reports = new ConcurrentHashMap<>();
    /** When set, and the file has no report, inspects it. */
    public volatile Function<Path, WorkerBundleReport> inspector;
    /** Added to a report read from a manifest. */
    public final List<BundleProblem> problems = new CopyOnWriteArrayList<>();
    /** Every file inspected, in order, from whichever thread. */
    public final List<Path> inspected = new CopyOnWriteArrayList<>();
    /** The product's drop-in folder; null for a product without one. */
    public volatile DropinFolder dropins;
    /** The extra folders File Install watches, after {@link #dropins}. */
    public final List<DropinFolder> extraFolders = new CopyOnWriteArrayList<>();

    public FakeWorkerBundles(DropinFolder dropins) {
        this.dropins = dropins;
    }

    /** With File Install's instant installs over a drop-in folder at this path. */
    public static FakeWorkerBundles withFileInstall(Path dropins) {
        FakeWorkerBundles bundles = new FakeWorkerBundles(new DropinFolder(dropins));
        bundles.fileInstall = true;
        return bundles;
    }

    /**
     * A jar with a bundle manifest, {@code Bundle-Name} "Test worker &lt;name&gt;", vendor "Tests", and a
     * {@code Service-Component} header (for a p2 repository's search; {@link #inspect} declares a provider).
     */
    public static Path jar(Path file, String symbolicName, String version) throws IOException {
        return jar(file, symbolicName, version, true);
    }

    /** A bundle jar without components, as a repository's platform and library bundles are. */
    public static Path library(Path file, String symbolicName, String version) throws IOException {
        return jar(file, symbolicName, version, false);
    }

    private static Path jar(Path file, String symbolicName, String version, boolean components) throws IOException {
        TestJars jar = TestJars.bundle(symbolicName, version).header("Bundle-Name", "Test worker " + symbolicName)
                .header("Bundle-Vendor", "Tests");
        if (components) {
            jar.header("Service-Component", "OSGI-INF/provider.xml");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return jar.write(file);
    }

    /** The provider a jar of {@link #jar} declares. */
    public static DeclaredProvider declared(String symbolicName) {
        return new DeclaredProvider(symbolicName + ".Provider", symbolicName + ".internal.Provider");
    }

    @Override
    public List<InstalledWorker> installed() {
        List<InstalledWorker> workers = new ArrayList<>(installed);
        if (!fileInstall) {
            return workers;
        }
        try {
            long id = 100;
            for (DropinFolder watched : dropinFolders()) {
                for (Path jar : watched.jars()) {
                    Attributes main = manifest(jar);
                    String name = main.getValue("Bundle-SymbolicName");
                    workers.add(new InstalledWorker(id++, name, main.getValue("Bundle-Version"),
                            states.getOrDefault(name, BundleState.ACTIVE), jar.toUri().toString(),
                            providerIds.getOrDefault(name, List.of()), List.of(declared(name)),
                            failures.getOrDefault(name, List.of())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return workers;
    }

    @Override
    public WorkerBundleReport inspect(Path file) {
        inspected.add(file);
        WorkerBundleReport report = reports.get(file);
        if (report != null) {
            return report;
        }
        Function<Path, WorkerBundleReport> custom = inspector;
        if (custom != null) {
            return custom.apply(file);
        }
        try {
            Attributes main = manifest(file);
            String name = main.getValue("Bundle-SymbolicName");
            return new WorkerBundleReport(file, name, main.getValue("Bundle-Version"), main.getValue("Bundle-Name"),
                    main.getValue("Bundle-Vendor"), List.of(declared(name)), false, "", problems);
        } catch (IOException e) {
            return new WorkerBundleReport(file, "", "", "", "", List.of(), false, "",
                    List.of(BundleProblem.error(file.getFileName() + " is not a jar: " + e.getMessage())));
        }
    }

    @Override
    public String providerSpiVersion() {
        return "0.5.0";
    }

    @Override
    public Optional<DropinFolder> dropins() {
        return Optional.ofNullable(dropins);
    }

    @Override
    public List<DropinFolder> dropinFolders() {
        List<DropinFolder> folders = new ArrayList<>(dropins().stream().toList());
        folders.addAll(extraFolders);
        return folders;
    }

    private static Attributes manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new IOException(jar.getFileName() + " has no manifest");
            }
            return manifest.getMainAttributes();
        }
    }
}
