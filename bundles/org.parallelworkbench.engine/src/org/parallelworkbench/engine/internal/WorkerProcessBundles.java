package org.parallelworkbench.engine.internal;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The bundles a worker process starts for one provider, read from this framework's wiring: the provider's bundle,
 * the worker host and Declarative Services, and every bundle they are wired to for what they require (optional
 * requirements left out), with attached fragments. So a worker runs exactly the bundle versions the product runs,
 * and nothing the provider does not need (no SWT, no UI).
 */
final class WorkerProcessBundles {

    static final String HOST_BUNDLE = "org.parallelworkbench.process.host";
    private static final String EXTENDER_NAMESPACE = "osgi.extender"; // org.osgi.namespace.extender, not imported for a name
    private static final String DS_EXTENDER = "osgi.component";

    private WorkerProcessBundles() {
    }

    /**
     * @throws IllegalStateException naming what is missing: the host, Declarative Services, or a wiring (the
     *                               provider's bundle was uninstalled or is not resolved)
     */
    static List<String> locations(Bundle provider, BundleContext context) {
        Set<Bundle> roots = new LinkedHashSet<>();
        roots.add(provider);
        roots.add(find(context, HOST_BUNDLE, null));
        roots.add(find(context, null, DS_EXTENDER));
        Set<Bundle> all = new LinkedHashSet<>();
        ArrayDeque<Bundle> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Bundle bundle = todo.removeFirst();
            if (bundle.getBundleId() == Constants.SYSTEM_BUNDLE_ID || !all.add(bundle)) {
                continue;
            }
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring == null) {
                throw new IllegalStateException("Bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " is not resolved");
            }
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                String resolution = wire.getRequirement().getDirectives().get(Constants.RESOLUTION_DIRECTIVE);
                if (!Constants.RESOLUTION_OPTIONAL.equals(resolution)) {
                    todo.add(wire.getProviderWiring().getBundle());
                }
            }
            for (BundleWire fragment : wiring.getProvidedWires(HostNamespace.HOST_NAMESPACE)) {
                todo.add(fragment.getRequirerWiring().getBundle());
            }
        }
        return all.stream().map(Bundle::getLocation).toList();
    }

    /** The active bundle with this symbolic name, or the one providing this extender. */
    private static Bundle find(BundleContext context, String symbolicName, String extender) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName != null && symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (extender != null && revision != null && revision.getDeclaredCapabilities(EXTENDER_NAMESPACE)
                    .stream().anyMatch(c -> extender.equals(c.getAttributes().get(EXTENDER_NAMESPACE)))) {
                return bundle;
            }
        }
        throw new IllegalStateException("Worker processes need " + (symbolicName != null ? "the bundle " + symbolicName
                : "Declarative Services (the " + extender + " extender)") + ", which is not installed");
    }
}
