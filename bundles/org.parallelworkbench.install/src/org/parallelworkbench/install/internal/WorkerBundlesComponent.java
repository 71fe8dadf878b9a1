package org.parallelworkbench.install.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.install.BundleState;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * The {@link WorkerBundles} service: reads the framework's bundles and services on every call.
 * <p>
 * Threading: thread-safe; it keeps no state but the platform's SPI version and Config Admin while there
 * is one (the extra drop-in folders are File Install watcher configurations there).
 */
@Component(service = WorkerBundles.class)
public final class WorkerBundlesComponent implements WorkerBundles {

    static final String WATCHERS_FILTER = "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + FILE_INSTALL_FACTORY_PID + ")";

    private static final Logger LOG = System.getLogger(WorkerBundlesComponent.class.getName());

    private final BundleContext context;
    private final Version spiVersion;
    private final WorkerBundleInspector inspector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ConfigurationAdmin configurationAdmin;

    /** Why bundles failed; without it (as in some tests) no failure is known. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile BundleDiagnostics diagnostics;

    @Activate
    public WorkerBundlesComponent(BundleContext context) {
        this.context = context;
        this.spiVersion = PlatformSpi.version(context.getBundle());
        this.inspector = new WorkerBundleInspector(spiVersion.toString());
    }

    @Override
    public List<InstalledWorker> installed() {
        List<InstalledWorker> workers = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            try {
                InstalledWorker worker = describe(bundle);
                if (worker != null) {
                    workers.add(worker);
                }
            } catch (IllegalStateException uninstalledMeanwhile) {
                // gone between listing and reading it
            }
        }
        return workers;
    }

    @Override
    public WorkerBundleReport inspect(Path file) {
        return inspector.inspect(file);
    }

    @Override
    public String providerSpiVersion() {
        return spiVersion.toString();
    }

    @Override
    public Optional<DropinFolder> dropins() {
        String folder = context.getProperty(DROPINS_PROPERTY);
        if (folder != null && !folder.isBlank()) {
            return Optional.of(new DropinFolder(Path.of(folder.trim())));
        }
        return ProductHome.from(context::getProperty).map(home -> new DropinFolder(home.dropins()));
    }

    @Override
    public List<DropinFolder> dropinFolders() {
        return folders(dropins(), watchedDirs(configurationAdmin));
    }

    /** The product's folder first, then the others by path; blank or unusable names are left out, and each folder is listed once. */
    static List<DropinFolder> folders(Optional<DropinFolder> product, List<String> watchedDirs) {
        Set<DropinFolder> folders = new LinkedHashSet<>();
        product.ifPresent(folders::add);
        List<DropinFolder> extra = new ArrayList<>();
        for (String dir : watchedDirs) {
            try {
                if (dir != null && !dir.isBlank()) {
                    extra.add(new DropinFolder(Path.of(dir.trim())));
                }
            } catch (InvalidPathException notAFolder) {
                // File Install cannot watch it either
            }
        }
        extra.sort(Comparator.comparing(DropinFolder::path));
        folders.addAll(extra);
        return List.copyOf(folders);
    }

    private static List<String> watchedDirs(ConfigurationAdmin configurationAdmin) {
        if (configurationAdmin == null) {
            return List.of();
        }
        try {
            Configuration[] watchers = configurationAdmin.listConfigurations(WATCHERS_FILTER);
            List<String> dirs = new ArrayList<>();
            for (Configuration watcher : watchers == null ? new Configuration[0] : watchers) {
                Dictionary<String, Object> properties = watcher.getProperties();
                Object dir = properties == null ? null : properties.get(FILE_INSTALL_DIR);
                if (dir != null) {
                    dirs.add(dir.toString());
                }
            }
            return dirs;
        } catch (IOException | IllegalStateException e) {
            // Config Admin going away meanwhile, or failing to read its store: only the product's folder is known
            LOG.log(Level.WARNING, "Cannot read File Install's watched folders from Config Admin: " + e.getMessage());
            return List.of();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("Bad filter " + WATCHERS_FILTER, e);
        }
    }

    private InstalledWorker describe(Bundle bundle) {
        List<String> providerIds = registeredProviderIds(bundle);
        List<DeclaredProvider> declared = ComponentDescriptions.providers(bundle.getHeaders("").get(ComponentDescriptions.SERVICE_COMPONENT),
                entries(bundle), new ArrayList<>());
        if (providerIds.isEmpty() && declared.isEmpty()) {
            return null;
        }
        BundleDiagnostics failures = diagnostics;
        return new InstalledWorker(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                BundleState.of(bundle.getState()), bundle.getLocation(), providerIds, declared,
                failures == null ? List.of() : failures.failuresOf(bundle));
    }

    private List<String> registeredProviderIds(Bundle bundle) {
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (ServiceReference<?> reference : registered) {
            String[] classes = (String[]) reference.getProperty(Constants.OBJECTCLASS);
            if (classes == null || !List.of(classes).contains(WorkProvider.class.getName())) {
                continue;
            }
            Object service = context.getService(reference);
            try {
                // A bundle wired to another SPI version registers a WorkProvider this bundle cannot use.
                if (service instanceof WorkProvider provider) {
                    ids.add(provider.info().id());
                }
            } catch (RuntimeException | LinkageError brokenProvider) {
                // its info() fails; the engine reports that when it binds the provider
            } finally {
                if (service != null) {
                    context.ungetService(reference);
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    private static ComponentDescriptions.Entries entries(Bundle bundle) {
        return new ComponentDescriptions.Entries() {
            @Override
            public InputStream open(String path) throws IOException {
                URL entry = bundle.getEntry(path);
                return entry == null ? null : entry.openStream();
            }

            @Override
            public List<String> list(String folder, Predicate<String> namePattern) {
                List<String> paths = new ArrayList<>();
                Enumeration<String> entries = bundle.getEntryPaths(folder);
                while (entries != null && entries.hasMoreElements()) {
                    String path = entries.nextElement();
                    if (!path.endsWith("/") && namePattern.test(path.substring(path.lastIndexOf('/') + 1))) {
                        paths.add(path);
                    }
                }
                Collections.sort(paths);
                return paths;
            }
        };
    }
}
