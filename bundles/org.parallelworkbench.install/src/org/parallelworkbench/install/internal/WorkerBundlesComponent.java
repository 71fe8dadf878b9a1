package org.parallelworkbench.install.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleInspector;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * The {@link WorkerBundles} service: reads the framework's bundles and services on every call.
 * <p>
 * Threading: thread-safe; it keeps no state but the platform's SPI version.
 */
@Component(service = WorkerBundles.class)
public final class WorkerBundlesComponent implements WorkerBundles {

    static final String HOME_PROPERTY = "parallelworkbench.home";

    private final BundleContext context;
    private final Version spiVersion;
    private final WorkerBundleInspector inspector;

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
        String home = context.getProperty(HOME_PROPERTY);
        if (folder != null && !folder.isBlank()) {
            return Optional.of(new DropinFolder(Path.of(folder.trim())));
        }
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(new DropinFolder(Path.of(home, "dropins")));
    }

    private InstalledWorker describe(Bundle bundle) {
        List<String> providerIds = registeredProviderIds(bundle);
        List<DeclaredProvider> declared = ComponentDescriptions.providers(bundle.getHeaders("").get(ComponentDescriptions.SERVICE_COMPONENT),
                entries(bundle), new ArrayList<>());
        if (providerIds.isEmpty() && declared.isEmpty()) {
            return null;
        }
        return new InstalledWorker(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                stateName(bundle.getState()), bundle.getLocation(), providerIds, declared);
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

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
