package org.parallelworkbench.install;

import org.osgi.framework.Bundle;

/** The life-cycle state of an installed bundle, as the OSGi framework reports it. */
public enum BundleState {
    INSTALLED, RESOLVED, STARTING, ACTIVE, STOPPING, UNINSTALLED;

    /** The state of one of {@link Bundle}'s state constants; anything else is {@link #UNINSTALLED}. */
    public static BundleState of(int bundleState) {
        return switch (bundleState) {
            case Bundle.INSTALLED -> INSTALLED;
            case Bundle.RESOLVED -> RESOLVED;
            case Bundle.STARTING -> STARTING;
            case Bundle.STOPPING -> STOPPING;
            case Bundle.ACTIVE -> ACTIVE;
            default -> UNINSTALLED;
        };
    }
}
