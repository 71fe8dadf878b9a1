package org.parallelworkbench.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.BundleState;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * WorkerBundles over a real {@link DropinFolder} whose File Install is instant: every jar in the folder is an
 * installed worker, in the state {@link #states} gives its symbolic name (ACTIVE by default), registering the
 * provider ids of {@link #providerIds}. Jars are written by {@link #jar}; {@link #problems} adds to a report.
 */
final class FakeWorkerBundles implements WorkerBundles {

    final DropinFolder folder;
    final Map<String, BundleState> states = new ConcurrentHashMap<>();
    final Map<String, List<String>> providerIds = new ConcurrentHashMap<>();
    final List<BundleProblem> problems = new CopyOnWriteArrayList<>();
    /** Why an installed bundle failed, by symbolic name, as the install bundle's diagnostics would find. */
    final Map<String, List<BundleProblem>> failures = new ConcurrentHashMap<>();
    /** Platform workers, not from the folder. */
    final List<InstalledWorker> platform = new CopyOnWriteArrayList<>();
    /** Extra watched folders, after {@link #folder}. */
    final List<DropinFolder> extra = new CopyOnWriteArrayList<>();

    FakeWorkerBundles(Path folder) {
        this.folder = new DropinFolder(folder);
    }

    /**
     * A jar with a bundle manifest, {@code Bundle-Name} "Test worker &lt;name&gt;", vendor "Tests", and a
     * {@code Service-Component} header (for a p2 repository's search; the fake's {@link #inspect} declares a provider).
     */
    static Path jar(Path file, String symbolicName, String version) throws IOException {
        return jar(file, symbolicName, version, true);
    }

    /** A bundle jar without components, as a repository's platform and library bundles are. */
    static Path library(Path file, String symbolicName, String version) throws IOException {
        return jar(file, symbolicName, version, false);
    }

    private static Path jar(Path file, String symbolicName, String version, boolean components) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Name", "Test worker " + symbolicName);
        main.putValue("Bundle-Vendor", "Tests");
        if (components) {
            main.putValue("Service-Component", "OSGI-INF/provider.xml");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            // the manifest is all a test needs
        }
        return file;
    }

    @Override
    public List<InstalledWorker> installed() {
        List<InstalledWorker> workers = new ArrayList<>(platform);
        try {
            long id = 100;
            for (DropinFolder watched : dropinFolders()) {
                for (Path jar : watched.jars()) {
                    Attributes main = manifest(jar);
                    String name = main.getValue("Bundle-SymbolicName");
                    workers.add(new InstalledWorker(id++, name, main.getValue("Bundle-Version"),
                            states.getOrDefault(name, BundleState.ACTIVE), jar.toUri().toString(), providerIds.getOrDefault(name, List.of()),
                            List.of(declared(name)), failures.getOrDefault(name, List.of())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return workers;
    }

    @Override
    public WorkerBundleReport inspect(Path file) {
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
        return "0.4.0";
    }

    @Override
    public Optional<DropinFolder> dropins() {
        return Optional.of(folder);
    }

    @Override
    public List<DropinFolder> dropinFolders() {
        List<DropinFolder> all = new ArrayList<>(List.of(folder));
        all.addAll(extra);
        return all;
    }

    static DeclaredProvider declared(String symbolicName) {
        return new DeclaredProvider(symbolicName + ".Provider", symbolicName + ".internal.Provider");
    }

    private static Attributes manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes();
        }
    }
}
