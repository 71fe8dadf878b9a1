package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunObserver;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.core.product.ProductProperties;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.LocalUnits;
import org.parallelworkbench.engine.remote.RemoteUnits;
import org.parallelworkbench.engine.remote.UnitBatch;

/**
 * The engine as a DS component: one {@link Engine} per activation, configured from {@link EngineConfig}; also the
 * {@link LocalUnits} through which a cluster member executes batches of other engines' runs.
 * Providers and {@link RunObserver}s are tracked dynamically and greedily; a provider that goes away has
 * its runs cancelled. A configuration change is applied by {@link #modified} without stopping any run;
 * deactivation cancels every run and stops every engine thread.
 * <p>
 * Threading: SCR calls the constructor, the bind/unbind methods, {@link #modified} and {@link #deactivate} on its own
 * threads, possibly concurrently with service calls; {@link Engine} is thread-safe.
 */
// Immediate: a delayed component would be disposed, with its runs, whenever its last user lets go.
@Component(service = { JobService.class, LocalUnits.class }, immediate = true, configurationPid = EngineConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class JobServiceComponent implements JobService, LocalUnits {

    private static final System.Logger LOG = System.getLogger(JobServiceComponent.class.getName());

    private final Engine engine;
    private final BundleContext context;
    /** The product's bundle/ folder, or null outside the product. */
    private final Path shippedFolder;

    @Activate
    public JobServiceComponent(EngineConfig config, Map<String, Object> properties, BundleContext context) {
        this.context = context;
        // Without the product there is no Felix launcher for worker processes.
        Optional<ProductHome> home = ProductHome.from(context::getProperty);
        this.shippedFolder = home.map(product -> product.bundles().toAbsolutePath().normalize()).orElse(null);
        WorkerProcessLauncher launcher = null;
        String unavailable;
        if (home.isEmpty()) {
            unavailable = "worker processes need the packaged product (no " + ProductProperties.HOME + " in this runtime)";
        } else {
            try {
                launcher = WorkerProcessLauncher.forProduct(home.get().folder());
                unavailable = "";
            } catch (IllegalStateException e) {
                unavailable = e.getMessage();
                LOG.log(Level.WARNING, "Runs cannot execute on worker processes: " + unavailable);
            }
        }
        engine = new Engine(EngineSettings.from(config, properties), launcher, unavailable);
    }

    @Reference(service = WorkProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProvider")
    void addProvider(WorkProvider provider, ServiceReference<WorkProvider> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return; // unregistered meanwhile
        }
        boolean shipped = shippedFolder == null || WorkerProcessLauncher.pathOf(bundle.getLocation())
                .map(path -> path.startsWith(shippedFolder)).orElse(false);
        engine.addProvider(provider, new ProviderOrigin("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion(),
                shipped, () -> WorkerProcessBundles.locations(bundle, context)));
    }

    void removeProvider(WorkProvider provider) {
        engine.removeProvider(provider);
    }

    @Reference(service = RunObserver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeObserver")
    void addObserver(RunObserver observer) {
        engine.addObserver(observer);
    }

    void removeObserver(RunObserver observer) {
        engine.removeObserver(observer);
    }

    /** The cluster bundle's connection: runs may go to the cluster while it is bound. */
    @Reference(service = RemoteUnits.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetCluster")
    void setCluster(RemoteUnits remote) {
        engine.setCluster(remote);
    }

    void unsetCluster(RemoteUnits remote) {
        engine.unsetCluster(remote);
    }

    /** A changed configuration: resizes the pool and applies the run limits to new runs. */
    @Modified
    void modified(EngineConfig config, Map<String, Object> properties) {
        engine.update(EngineSettings.from(config, properties));
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    /** The engine behind this component, for tests in the fragment. */
    Engine engine() {
        return engine;
    }

    @Override
    public List<ProviderInfo> providers() {
        return engine.providers();
    }

    @Override
    public List<ParameterProblem> validate(String providerId, Parameters parameters) {
        return engine.validate(providerId, parameters);
    }

    @Override
    public RunHandle start(String providerId, Parameters parameters, RunOptions options) {
        return engine.start(providerId, parameters, options);
    }

    @Override
    public List<RunHandle> activeRuns() {
        return engine.activeRuns();
    }

    @Override
    public void cancelAll(String reason) {
        engine.cancelAll(reason);
    }

    @Override
    public int capacity() {
        return engine.capacity();
    }

    @Override
    public BatchAnswer execute(UnitBatch batch) throws InterruptedException {
        return engine.executeBatch(batch);
    }
}
