package org.parallelworkbench.workers.checksums;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.WorkProvider;

/** The bundle really registers its provider: a build without the component XML would still be green. */
class ChecksumsProviderServiceTest {

    private static final long SERVICE_WAIT_MILLIS = 10_000;

    @Test
    void theProviderArrivesAsAWorkProviderService() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ChecksumsProvider.class).getBundleContext();
        assertNotNull(context, "the provider's bundle was not started");
        ServiceTracker<WorkProvider, WorkProvider> tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + WorkProvider.class.getName() + ")(component.name="
                        + ChecksumsProvider.class.getName() + "))"),
                null);
        tracker.open();
        try {
            WorkProvider provider = tracker.waitForService(SERVICE_WAIT_MILLIS);
            assertNotNull(provider, "the provider's service did not arrive within " + SERVICE_WAIT_MILLIS + " ms");
            assertEquals(ChecksumsProvider.ID, provider.info().id());
        } finally {
            tracker.close();
        }
    }
}
