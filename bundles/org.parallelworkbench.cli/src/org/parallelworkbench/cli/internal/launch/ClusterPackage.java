package org.parallelworkbench.cli.internal.launch;

import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/** Whether this bundle's optional import of the cluster bundle's API is wired, i.e. whether that bundle is there. */
final class ClusterPackage {

    static final String NAME = "org.parallelworkbench.cluster";

    private ClusterPackage() {
    }

    static boolean isWired(BundleContext context) {
        BundleWiring wiring = context.getBundle().adapt(BundleWiring.class);
        return wiring != null && wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .anyMatch(wire -> NAME.equals(wire.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)));
    }
}
