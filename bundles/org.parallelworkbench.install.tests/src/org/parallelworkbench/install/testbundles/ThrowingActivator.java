package org.parallelworkbench.install.testbundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Copied into a generated bundle: an activator that throws. Never loaded from the test fragment. */
public final class ThrowingActivator implements BundleActivator {

    public static final String MESSAGE = "activator broken on purpose";

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
