package org.parallelworkbench.process.host.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.testing.TestJars;

class RegisteredProvidersTest {

    private final BundleContext context = FrameworkUtil.getBundle(RegisteredProviders.class).getBundleContext();
    private final RegisteredProviders providers = new RegisteredProviders(context);
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private Bundle unresolvable;

    @AfterEach
    void cleanUp() throws Exception {
        providers.close();
        registrations.forEach(ServiceRegistration::unregister);
        if (unresolvable != null) {
            unresolvable.uninstall();
        }
    }

    @Test
    void findsTheProviderOfTheIdAndVersionAlsoWhenItIsRegisteredWhileWaiting() throws Exception {
        assertNotNull(context, "the host bundle is started in the test runtime");
        register(TestProvider.echo("registry.test", "1.0"));
        CompletableFuture<WorkProvider> found = CompletableFuture.supplyAsync(() -> {
            try {
                return providers.find("registry.test", "2.0", EngineSide.WAIT);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        WorkProvider wanted = TestProvider.echo("registry.test", "2.0");

        register(wanted);

        assertSame(wanted, found.get(EngineSide.WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS));
    }

    @Test
    void whyMissingNamesTheRegisteredProvidersAndABundleThatDoesNotResolve() throws Exception {
        register(TestProvider.echo("registry.other", "3.1"));
        unresolvable = context.installBundle("test:unresolvable", bundleImporting("org.example.absent"));

        assertNull(providers.find("registry.absent", "1.0", Duration.ofMillis(20)));
        String why = providers.whyMissing();

        assertTrue(why.contains("registry.other 3.1"), why);
        assertTrue(why.contains("Bundle test.unresolvable 1.0.0 is INSTALLED, not resolved: "), why);
        assertTrue(why.contains("org.example.absent"), "names the missing requirement: " + why);
    }

    private void register(WorkProvider provider) {
        registrations.add(context.registerService(WorkProvider.class, provider, null));
    }

    private static ByteArrayInputStream bundleImporting(String packageName) {
        return new ByteArrayInputStream(TestJars.bundle("test.unresolvable", "1.0.0").header("Import-Package", packageName).bytes());
    }
}
