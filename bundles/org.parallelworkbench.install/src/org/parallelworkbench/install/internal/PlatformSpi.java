package org.parallelworkbench.install.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** The provider SPI version of the running platform: the one this bundle is wired to. */
final class PlatformSpi {

    private PlatformSpi() {
    }

    static Version version(Bundle self) {
        BundleWiring wiring = self.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
                Object name = wire.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE);
                if (SpiCheck.SPI_PACKAGE.equals(name)) {
                    Object version = wire.getCapability().getAttributes().get("version");
                    return version instanceof Version v ? v : Version.parseVersion(String.valueOf(version));
                }
            }
        }
        // Not wired (cannot happen while this bundle runs): the class's package says the same.
        String implementation = org.parallelworkbench.core.WorkProvider.class.getPackage().getImplementationVersion();
        return Version.parseVersion(implementation == null ? "0.0.0" : implementation);
    }
}
