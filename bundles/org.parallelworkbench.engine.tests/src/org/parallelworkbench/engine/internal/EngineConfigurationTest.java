package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.testing.Waits;

/** Config Admin changes reach the running engine through {@code @Modified}, without stopping its runs. */
class EngineConfigurationTest {

    private static final Duration SHORT = Duration.ofSeconds(5);
    private static final long SERVICE_WAIT_MILLIS = 10_000;

    private static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(SERVICE_WAIT_MILLIS);
        assertNotNull(service, type.getSimpleName() + " did not arrive within " + SERVICE_WAIT_MILLIS + " ms");
        return service; // the tracker stays open for the test run; the framework closes it at the end
    }

    @Test
    void aConfigurationChangeResizesThePoolAndKeepsActiveRuns() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        JobServiceComponent component = (JobServiceComponent) service(context, JobService.class);
        ConfigurationAdmin configurationAdmin = service(context, ConfigurationAdmin.class);
        Engine engine = component.engine();
        EngineSettings defaults = engine.settings();
        Waits.until(() -> component.providers().stream().anyMatch(p -> p.id().equals("ticker")), SHORT,
                () -> "the ticker provider never arrived");
        RunHandle run = component.start("ticker", Parameters.NONE.with("intervalMillis", "50"));
        Waits.until(() -> run.state() == RunState.RUNNING, SHORT, () -> "the ticker never ran");
        Configuration configuration = configurationAdmin.getConfiguration(EngineConfiguration.PID, "?");
        try {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(EngineConfiguration.POOL_SIZE, 3);
            properties.put(EngineConfiguration.MAX_CONCURRENT_RUNS, 2);
            properties.put(EngineConfiguration.BORROW_TIMEOUT_MILLIS, 777L);
            configuration.update(properties);

            EngineSettings expected = new EngineSettings(3, 2, 777);
            Waits.until(() -> expected.equals(engine.settings()), SHORT,
                    () -> "settings not applied: " + engine.settings());
            assertEquals(3, engine.pool().size());
            assertSame(engine, component.engine(), "the engine was replaced");
            assertEquals(RunState.RUNNING, run.state(), "the configuration change stopped a run");
        } finally {
            run.cancel("test ended");
            configuration.delete();
        }
        Waits.until(() -> defaults.equals(engine.settings()), SHORT,
                () -> "defaults not restored after the configuration was deleted: " + engine.settings());
    }
}
