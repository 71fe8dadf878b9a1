package org.parallelworkbench.install.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerRepository;

/**
 * The worker bundles of a p2 repository as this project's build makes it: a folder, or its {@code .zip},
 * holding {@code plugins/*.jar}. Each jar is inspected; the ones that declare at least one
 * {@code WorkProvider} are the workers, the others (core, engine, UI, third-party libraries) are skipped.
 * <p>
 * From a zip, the plugin jars are extracted to a temporary folder, where the workers' {@link WorkerBundleReport#file()}
 * point; {@link #close()} deletes it, so install the workers before closing. Not thread-safe.
 */
public final class RepositoryWorkers implements WorkerRepository {

    static final String PLUGINS = "plugins";
    static final String SERVICE_COMPONENT = "Service-Component";

    private final Path repository;
    private final List<WorkerBundleReport> workers;
    private final List<String> skipped;
    private final List<BundleProblem> problems;
    private final Path extracted;

    private RepositoryWorkers(Path repository, List<WorkerBundleReport> workers, List<String> skipped,
            List<BundleProblem> problems, Path extracted) {
        this.repository = repository;
        this.workers = List.copyOf(workers);
        this.skipped = List.copyOf(skipped);
        this.problems = List.copyOf(problems);
        this.extracted = extracted;
    }

    /** A folder or a {@code .zip} file: what {@link #read} takes; anything else is a jar to inspect on its own. */
    public static boolean isRepository(Path file) {
        return Files.isDirectory(file) || String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * Finds and inspects the worker bundles of a repository folder or zip. Never throws for a bad file: a
     * file that is no zip, or has no {@code plugins/} folder, gives no workers and an error in {@link #problems()}.
     *
     * @param inspect e.g. {@link org.parallelworkbench.install.WorkerBundles#inspect} or {@link org.parallelworkbench.install.WorkerBundles#inspect}
     */
    public static RepositoryWorkers read(Path repository, Function<Path, WorkerBundleReport> inspect) {
        Objects.requireNonNull(inspect, "inspect");
        Path source = repository.toAbsolutePath().normalize();
        String name = String.valueOf(source.getFileName());
        List<BundleProblem> problems = new ArrayList<>();
        Path extracted = null;
        Path plugins;
        if (Files.isDirectory(source)) {
            plugins = source.resolve(PLUGINS);
        } else if (!Files.isRegularFile(source)) {
            problems.add(BundleProblem.error(name + " is neither a file nor a folder"));
            return new RepositoryWorkers(source, List.of(), List.of(), problems, null);
        } else {
            try {
                extracted = Files.createTempDirectory("pw-repository-");
                plugins = extractPlugins(source, extracted.resolve(PLUGINS));
            } catch (IOException e) {
                deleteQuietly(extracted);
                problems.add(BundleProblem.error(name + " is not a p2 repository zip: " + e.getMessage()));
                return new RepositoryWorkers(source, List.of(), List.of(), problems, null);
            }
        }
        if (plugins == null || !Files.isDirectory(plugins)) {
            deleteQuietly(extracted);
            problems.add(BundleProblem.error(name + " is not a p2 repository: it has no " + PLUGINS + "/ folder"));
            return new RepositoryWorkers(source, List.of(), List.of(), problems, null);
        }
        List<WorkerBundleReport> workers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path jar : jars(plugins, problems, name)) {
            String jarName = jar.getFileName().toString();
            if (!mayDeclareComponents(jar)) {
                skipped.add(jarName);
                continue;
            }
            WorkerBundleReport report = inspect.apply(jar);
            if (!report.providers().isEmpty()) {
                workers.add(report);
            } else {
                skipped.add(jarName);
                report.problems().stream().filter(BundleProblem::isError)
                        .forEach(p -> problems.add(BundleProblem.warning(name + ": skipped " + jarName + ": " + p.message())));
            }
        }
        if (workers.isEmpty() && problems.stream().noneMatch(BundleProblem::isError)) {
            problems.add(BundleProblem.warning(name + " holds no worker bundle: no jar in " + PLUGINS
                    + "/ declares a WorkProvider component"));
        }
        return new RepositoryWorkers(source, workers, skipped, problems, extracted);
    }

    @Override
    public Path repository() {
        return repository;
    }

    @Override
    public List<WorkerBundleReport> workers() {
        return workers;
    }

    @Override
    public List<String> skipped() {
        return skipped;
    }

    @Override
    public List<BundleProblem> problems() {
        return problems;
    }

    @Override
    public void close() {
        deleteQuietly(extracted);
    }

    /** Extracts {@code plugins/*.jar}; null when the zip has no such entry. */
    private static Path extractPlugins(Path zip, Path plugins) throws IOException {
        boolean any = false;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                String jarName = pluginJarName(entry);
                if (jarName == null) {
                    continue;
                }
                Files.createDirectories(plugins);
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, plugins.resolve(jarName));
                }
                any = true;
            }
        }
        return any ? plugins : null;
    }

    /** The name of a jar right in {@code plugins/}; null for any other entry, and for names that could leave the folder. */
    private static String pluginJarName(ZipEntry entry) {
        String path = entry.getName();
        if (entry.isDirectory() || !path.startsWith(PLUGINS + "/")) {
            return null;
        }
        String jarName = path.substring(PLUGINS.length() + 1);
        boolean plain = !jarName.isEmpty() && !jarName.contains("/") && !jarName.contains("\\") && !jarName.startsWith(".");
        return plain && jarName.endsWith(".jar") ? jarName : null;
    }

    private static List<Path> jars(Path plugins, List<BundleProblem> problems, String name) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(plugins, "[!.]*.jar")) {
            List<Path> jars = new ArrayList<>();
            entries.forEach(jars::add);
            jars.sort(Comparator.comparing(Path::toString));
            return jars;
        } catch (IOException e) {
            problems.add(BundleProblem.error(name + ": cannot list " + PLUGINS + "/: " + e));
            return List.of();
        }
    }

    /**
     * Providers are declared only in component descriptions, so a jar whose manifest names none is skipped
     * without reading (and verifying) all its entries; an unreadable jar is inspected, which says why.
     */
    private static boolean mayDeclareComponents(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(SERVICE_COMPONENT) != null;
        } catch (IOException | SecurityException e) {
            return true;
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // left in the temporary folder, which the system cleans
        }
    }
}
