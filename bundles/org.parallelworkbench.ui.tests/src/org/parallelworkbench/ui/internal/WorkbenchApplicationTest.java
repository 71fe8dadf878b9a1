package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.engine.settings.EngineSettingsStore;
import org.parallelworkbench.install.WorkerBundles;

/**
 * The application component as SCR runs it (no window in tests) is bound to each provider service as it
 * arrives and unbound as it goes: the window's provider list follows worker bundles.
 */
class WorkbenchApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void providerServicesAreBoundWhenTheyArriveAndUnboundWhenTheyGo() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> tracker = new ServiceTracker<>(context,
                ServiceComponentRuntime.class, null);
        tracker.open();
        try {
            ServiceComponentRuntime scr = tracker.waitForService(WAIT.toMillis());
            assertNotNull(scr, "no ServiceComponentRuntime within " + WAIT.toSeconds() + " s");
            Bundle ui = FrameworkUtil.getBundle(WorkbenchApplication.class);
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(ui, WorkbenchApplication.class.getName());
            assertNotNull(description, "no WorkbenchApplication component in " + ui);

            // Once the services it needs are there, SCR has activated the immediate component in their events.
            UiTestSupport.service(getClass(), JobService.class);
            UiTestSupport.service(getClass(), EngineSettingsStore.class);
            UiTestSupport.service(getClass(), WorkerBundles.class);
            assertTrue(scr.getComponentConfigurationDTOs(description).stream()
                    .anyMatch(configuration -> configuration.state == ComponentConfigurationDTO.ACTIVE), "WorkbenchApplication is not active");

            // A dynamic reference is bound and unbound in the service's own REGISTERED and UNREGISTERING events,
            // so both have happened when registerService and unregister return.
            ServiceRegistration<WorkProvider> registration = context.registerService(WorkProvider.class, new SumProvider(), null);
            long serviceId = (Long) registration.getReference().getProperty(Constants.SERVICE_ID);
            try {
                assertTrue(isBound(scr, description, serviceId), "the new provider was not bound");
            } finally {
                registration.unregister();
            }
            assertFalse(isBound(scr, description, serviceId), "the removed provider is still bound");
        } finally {
            tracker.close();
        }
    }

    private static boolean isBound(ServiceComponentRuntime scr, ComponentDescriptionDTO description, long serviceId) {
        return scr.getComponentConfigurationDTOs(description).stream()
                .flatMap(configuration -> Arrays.stream(configuration.satisfiedReferences))
                .filter(reference -> reference.name.equals("providers"))
                .flatMap(reference -> Arrays.stream(reference.boundServices))
                .anyMatch(service -> service.id == serviceId);
    }
}
