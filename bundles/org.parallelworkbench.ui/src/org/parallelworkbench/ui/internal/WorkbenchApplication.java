package org.parallelworkbench.ui.internal;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.engine.remote.RemoteUnits;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.core.product.ProductProperties;
import org.parallelworkbench.engine.settings.EngineSettingsStore;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundles;
import org.parallelworkbench.viewmodel.LogCapture;
import org.parallelworkbench.viewmodel.ParameterMemory;
import org.parallelworkbench.viewmodel.PropertiesParameterMemory;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;
import org.parallelworkbench.viewmodel.WorkerBundlesViewModel;

/**
 * Opens the workbench window when the product starts in GUI mode (framework property
 * {@value ProductProperties#MODE} = {@value ProductProperties#GUI_MODE}), on a UI thread of its own, and stops the
 * framework when the user closes it. In any other mode (headless commands, tests) it opens nothing. It tracks the
 * installed providers and the framework's bundle events itself, so the window's providers and its
 * Bundles tab follow worker bundles as they come and go. The window's ViewModels share one {@link SerialExecutor}
 * for their background work, which lives as long as the window.
 */
@Component(immediate = true)
public final class WorkbenchApplication {

    static final String PLATFORM_PREFIX = "org.parallelworkbench.";
    static final String WORKERS_PREFIX = "org.parallelworkbench.workers.";
    static final String PARAMETERS_UNDER_DATA = "ui/last-parameters.properties";
    static final long UI_THREAD_JOIN_TIMEOUT_MILLIS = 5_000;
    static final String BACKGROUND_THREAD_NAME = "pw-window-background";
    /** Long enough for a file copy or an export under way to end whole; runs being started are cancelled anyway. */
    static final Duration BACKGROUND_CLOSE_WAIT = Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger(WorkbenchApplication.class.getName());

    private final JobService jobs;
    private final BundleContext context;
    private final EngineSettingsStore settingsStore;
    private final WorkerBundles workerBundles;
    private final WorkerBundleChanges workerBundleChanges;
    private volatile Display display;
    private volatile boolean deactivating;
    private Thread uiThread;
    /** Installed providers as their services come and go; the window follows them. */
    private final Map<WorkProvider, ProviderInfo> providers = new ConcurrentHashMap<>();
    /** Set on the UI thread once the window's ViewModel exists; called on SCR's threads. */
    private volatile Runnable providersChanged = () -> { };
    /** The cluster bundle's service, null while there is none. */
    private volatile RemoteUnits remoteUnits;
    /** Tells the window's ViewModel of a new {@link #remoteUnits}, once the window exists. */
    private volatile Consumer<RemoteUnits> remoteUnitsChanged = remote -> { };

    @Activate
    public WorkbenchApplication(@Reference(name = "jobs") JobService jobs,
            @Reference(name = "settingsStore") EngineSettingsStore settingsStore,
            @Reference(name = "workerBundles") WorkerBundles workerBundles,
            @Reference(name = "workerBundleChanges") WorkerBundleChanges workerBundleChanges, BundleContext context) {
        this.jobs = jobs;
        this.workerBundles = workerBundles;
        this.workerBundleChanges = workerBundleChanges;
        this.context = context;
        this.settingsStore = settingsStore;
        if (ProductProperties.GUI_MODE.equals(context.getProperty(ProductProperties.MODE))) {
            uiThread = new Thread(this::runUserInterface, "pw-ui");
            uiThread.start();
        }
    }

    private void runUserInterface() {
        SerialExecutor background = new SerialExecutor(BACKGROUND_THREAD_NAME, BACKGROUND_CLOSE_WAIT);
        try {
            display = new Display();
            Display.setAppName("Parallel Workbench");
            Realm.runWithDefault(DisplayRealm.getRealm(display), () -> {
                Realm realm = Realm.getDefault();
                WorkbenchViewModel viewModel = new WorkbenchViewModel(realm, jobs, parameterMemory(), background);
                WorkerBundlesViewModel bundles = new WorkerBundlesViewModel(realm, workerBundles, workerBundleChanges,
                        background, viewModel::showMessage);
                // A provider's bundle row lists it once registered: provider changes refresh the Bundles tab too.
                providersChanged = () -> {
                    realm.asyncExec(() -> viewModel.providersChanged(installedProviders()));
                    bundles.requestRefresh();
                };
                providersChanged.run();
                remoteUnitsChanged = remote -> realm.asyncExec(() -> viewModel.cluster().remoteChanged(remote));
                remoteUnitsChanged.accept(remoteUnits);
                BundleListener bundleEvents = event -> bundles.requestRefresh();
                context.addBundleListener(bundleEvents);
                WorkbenchWindow window = new WorkbenchWindow(viewModel, CloseConfirmation.dialog(),
                        new WindowServices(this::aboutEntries, settingsStore, bundles));
                display.addFilter(SWT.Paint, new FirstPaintLogger(display));
                window.setBlockOnOpen(true);
                // What the product logs at WARNING and above shows in the window's Log view while it is open.
                LogCapture capture = LogCapture.install(viewModel.log(), Logger.getLogger(""));
                try {
                    window.open();
                } finally {
                    capture.close();
                    removeBundleListener(bundleEvents);
                }
            });
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "The workbench window failed; stopping", e);
        } finally {
            if (display != null && !display.isDisposed()) {
                display.dispose();
            }
            background.close();
            if (!deactivating) {
                stopFramework();
            }
        }
    }

    /** Last-used parameters live with the product, not in the framework cache, which a start may wipe. */
    private ParameterMemory parameterMemory() {
        Optional<ProductHome> home = ProductHome.from(context::getProperty);
        if (home.isPresent()) {
            return new PropertiesParameterMemory(home.get().data().resolve(PARAMETERS_UNDER_DATA));
        }
        File inDataArea = context.getDataFile("last-parameters.properties");
        return inDataArea == null ? ParameterMemory.NONE : new PropertiesParameterMemory(inDataArea.toPath());
    }

    @Reference(name = "providers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(WorkProvider provider) {
        try {
            providers.put(provider, provider.info());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Provider " + provider + " could not describe itself; not listed", e);
            return;
        }
        providersChanged.run();
    }

    void removeProvider(WorkProvider provider) {
        if (providers.remove(provider) != null) {
            providersChanged.run();
        }
    }

    /** Runs may go to the cluster, and the Cluster tab lists its members, while the cluster bundle is there. */
    @Reference(name = "remoteUnits", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetRemoteUnits")
    void setRemoteUnits(RemoteUnits remote) {
        remoteUnits = remote;
        remoteUnitsChanged.accept(remote);
    }

    void unsetRemoteUnits(RemoteUnits remote) {
        if (remoteUnits == remote) {
            remoteUnits = null;
            remoteUnitsChanged.accept(null);
        }
    }

    /** What Help > About lists: this product's platform bundles, each provider with its bundle, the runtime. */
    List<AboutEntry> aboutEntries() {
        List<AboutEntry> entries = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith(PLATFORM_PREFIX) && !name.startsWith(WORKERS_PREFIX) && !name.endsWith(".tests")) {
                entries.add(new AboutEntry("Platform", bundle.getHeaders().get(Constants.BUNDLE_NAME), bundle.getVersion().toString(), name));
            }
        }
        providers.forEach((provider, info) -> {
            Bundle bundle = FrameworkUtil.getBundle(provider.getClass());
            entries.add(new AboutEntry("Provider", info.name() + " (" + info.id() + ")", info.version(),
                    bundle == null ? "" : bundle.getSymbolicName() + " " + bundle.getVersion()));
        });
        Bundle framework = context.getBundle(0);
        entries.add(new AboutEntry("Runtime", "OSGi framework", framework.getVersion().toString(), framework.getSymbolicName()));
        entries.add(new AboutEntry("Runtime", "Java " + System.getProperty("java.vendor", ""),
                System.getProperty("java.runtime.version", System.getProperty("java.version")), ""));
        entries.add(new AboutEntry("Runtime", "SWT " + SWT.getPlatform(), Integer.toString(SWT.getVersion()), ""));
        entries.sort(Comparator.comparing(AboutEntry::kind).thenComparing(AboutEntry::name));
        return entries;
    }

    /** The installed providers now; any thread. */
    List<ProviderInfo> installedProviders() {
        return List.copyOf(providers.values());
    }

    private void removeBundleListener(BundleListener listener) {
        try {
            context.removeBundleListener(listener);
        } catch (IllegalStateException frameworkStopping) {
            // the context is no longer valid; its listeners are gone with it
        }
    }

    /** Closing the window ends the product: a desktop application's window is the application. */
    private void stopFramework() {
        jobs.cancelAll("The workbench was closed");
        try {
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not stop the framework after the window closed", e);
        }
    }

    @Deactivate
    void deactivate() {
        deactivating = true;
        Display current = display;
        if (current != null && !current.isDisposed()) {
            // The framework is going down underneath the window (e.g. Ctrl+C): close without asking.
            current.asyncExec(() -> {
                for (var shell : current.getShells()) {
                    shell.dispose();
                }
            });
        }
        if (uiThread != null && uiThread != Thread.currentThread()) {
            try {
                uiThread.join(UI_THREAD_JOIN_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Logs once how long the product took from JVM start to the first painted window. */
    private static final class FirstPaintLogger implements Listener {
        private final Display display;

        FirstPaintLogger(Display display) {
            this.display = display;
        }

        @Override
        public void handleEvent(Event event) {
            display.removeFilter(SWT.Paint, this);
            long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
            LOG.log(System.Logger.Level.INFO, "Window first painted {0} ms after the JVM started", uptimeMillis);
        }
    }
}
