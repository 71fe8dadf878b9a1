package org.parallelworkbench.engine.settings.internal;

import static org.parallelworkbench.engine.config.EngineConfiguration.BORROW_TIMEOUT_MILLIS;
import static org.parallelworkbench.engine.config.EngineConfiguration.DROPIN_TARGET;
import static org.parallelworkbench.engine.config.EngineConfiguration.MAX_CONCURRENT_RUNS;
import static org.parallelworkbench.engine.config.EngineConfiguration.POOL_SIZE;
import static org.parallelworkbench.engine.config.EngineConfiguration.PROCESS_IDLE_MILLIS;
import static org.parallelworkbench.engine.config.EngineConfiguration.PROCESS_JVM_OPTIONS;
import static org.parallelworkbench.engine.config.EngineConfiguration.PROCESS_MAX_UNITS;
import static org.parallelworkbench.engine.config.EngineConfiguration.PROCESS_POOL_SIZE;
import static org.parallelworkbench.engine.config.EngineConfiguration.PROVIDER_JVM_OPTIONS_PREFIX;
import static org.parallelworkbench.engine.config.EngineConfiguration.SHIPPED_TARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.engine.settings.EngineSettingsStore;
import org.parallelworkbench.engine.settings.EngineSettingsStore.ProcessPool;
import org.parallelworkbench.engine.settings.EngineSettingsStore.Settings;
import org.parallelworkbench.install.WorkerBundles;
import org.parallelworkbench.testing.Changes;

/**
 * The Config Admin store against the real Felix Config Admin and the real engine: what it writes is the
 * engine's configuration, the engine applies it while it runs, and the product's .cfg files keep it.
 */
class ConfigAdminEngineSettingsStoreTest {

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(10);
    private static final Duration SERVICE_WITHIN = Duration.ofSeconds(10);
    /** Ticks of the running ticker during which a second run, were it allowed, would have started. */
    private static final int TICKS_WHILE_CAPPED = 10;
    private static final Settings DEFAULTS = Settings.DEFAULTS;
    private static final String ENGINE_COMPONENT = "org.parallelworkbench.engine.internal.JobServiceComponent";

    @TempDir
    Path temp;

    private BundleContext context;
    private ConfigurationAdmin configurationAdmin;
    private JobService jobs;
    private ServiceComponentRuntime scr;
    private Changes changes;

    @BeforeEach
    void services() throws InterruptedException {
        context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        configurationAdmin = service(ConfigurationAdmin.class);
        jobs = service(JobService.class);
        scr = service(ServiceComponentRuntime.class);
        changes = new Changes();
    }

    @AfterEach
    void restoreTheEngineDefaults() throws Exception {
        jobs.cancelAll("test ended");
        for (Configuration configuration : configurations("(|(service.pid=" + EngineConfiguration.PID
                + ")(service.factoryPid=" + WorkerBundles.FILE_INSTALL_FACTORY_PID + "))")) {
            configuration.delete();
        }
        // Without a configuration the component's properties are its defaults, and carry no service.pid.
        waitUntil(() -> !engineComponentProperties().containsKey(Constants.SERVICE_PID),
                () -> "the engine kept its configuration: " + engineComponentProperties());
        changes.close();
    }

    /** The service as Declarative Services makes it; outside the product it keeps the settings in Config Admin. */
    @Test
    void aWriteReachesTheRunningEngineWhichThenRunsOneRunAtATime() throws Exception {
        EngineSettingsStore store = service(EngineSettingsStore.class);

        store.write(DEFAULTS.withPool(2, 1, ""));

        assertEquals(DEFAULTS.withPool(2, 1, ""), store.read());
        // SCR updates the component's service properties after its @Modified method has returned.
        waitUntil(() -> "1".equals(engineProperty(MAX_CONCURRENT_RUNS)), () -> "the engine never got the run limit");
        waitUntil(() -> jobs.providers().stream().anyMatch(provider -> provider.id().equals("ticker")),
                () -> "the ticker provider never arrived");
        RunHandle first = jobs.start("ticker", Parameters.NONE.with("intervalMillis", "20"));
        RunHandle second = jobs.start("ticker", Parameters.NONE.with("intervalMillis", "20"));
        first.events().subscribe(RunEvent.subscriber(event -> changes.signal()));
        second.events().subscribe(RunEvent.subscriber(event -> changes.signal()));
        waitUntil(() -> first.state() == RunState.RUNNING || second.state() == RunState.RUNNING,
                () -> "neither run started");
        RunHandle running = first.state() == RunState.RUNNING ? first : second;
        RunHandle waiting = running == first ? second : first;
        AtomicInteger ticks = new AtomicInteger();
        running.events().subscribe(RunEvent.subscriber(event -> {
            if (event instanceof RunEvent.UnitCompleted) {
                ticks.incrementAndGet();
                changes.signal();
            }
        }));
        waitUntil(() -> ticks.get() >= TICKS_WHILE_CAPPED, () -> "the running ticker did not tick");

        assertEquals(RunState.SCHEDULED, waiting.state(), "a second run started despite the limit of 1");
        running.cancel("make room");
        waitUntil(() -> waiting.state() == RunState.RUNNING, () -> "the waiting run never started");
    }

    @Test
    void aWriteKeepsTheConfigurationsOtherProperties() throws Exception {
        Configuration configuration = configurationAdmin.getConfiguration(EngineConfiguration.PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(POOL_SIZE, 2);
        properties.put(BORROW_TIMEOUT_MILLIS, 777L);
        properties.put(PROVIDER_JVM_OPTIONS_PREFIX + "mandelbrot", "-Xmx2g");
        configuration.update(properties);
        // Felix SCR can miss an update that lands while it reads the one before (it takes the properties and the
        // change count in two calls), so the test's own update must have arrived before the store's.
        waitUntil(() -> Long.valueOf(777).equals(engineProperty(BORROW_TIMEOUT_MILLIS)),
                () -> "the engine never got the first configuration: " + engineProperty(BORROW_TIMEOUT_MILLIS));
        ConfigAdminEngineSettingsStore store = new ConfigAdminEngineSettingsStore(configurationAdmin, null, Map.of());
        assertEquals(DEFAULTS.withPool(2, 4, ""), store.read(), "the engine's default run limit was not read");

        store.write(DEFAULTS.withPool(3, 2, ""));

        Dictionary<String, Object> written = configuration(EngineConfiguration.PID).getProperties();
        assertEquals("3", written.get(POOL_SIZE));
        assertEquals("2", written.get(MAX_CONCURRENT_RUNS));
        assertEquals(777L, written.get(BORROW_TIMEOUT_MILLIS));
        assertEquals("-Xmx2g", written.get(PROVIDER_JVM_OPTIONS_PREFIX + "mandelbrot"));
        waitUntil(() -> "3".equals(engineProperty(POOL_SIZE)) && Long.valueOf(777).equals(engineProperty(BORROW_TIMEOUT_MILLIS)),
                () -> "the engine's properties are " + engineProperty(POOL_SIZE) + ", " + engineProperty(BORROW_TIMEOUT_MILLIS));
    }

    @Test
    void theDropinFolderIsAFileInstallWatcherUntilItIsCleared() throws Exception {
        ConfigAdminEngineSettingsStore store = new ConfigAdminEngineSettingsStore(configurationAdmin, null,
                Map.of("felix.fileinstall.poll", "1000"));

        store.write(DEFAULTS.withPool(0, 4, temp.toString()));

        Configuration watcher = configuration(ConfigAdminEngineSettingsStore.DROPINS_PID);
        assertNotNull(watcher, "no File Install watcher configuration");
        assertEquals(WorkerBundles.FILE_INSTALL_FACTORY_PID, watcher.getFactoryPid());
        assertEquals(temp.toString(), watcher.getProperties().get(WorkerBundles.FILE_INSTALL_DIR));
        assertEquals(".*\\.jar", watcher.getProperties().get("felix.fileinstall.filter"));
        assertEquals("1000", watcher.getProperties().get("felix.fileinstall.poll"));
        assertEquals(temp.toString(), store.read().dropinFolder());

        store.write(DEFAULTS.withPool(0, 4, ""));

        assertNull(configuration(ConfigAdminEngineSettingsStore.DROPINS_PID), "the watcher stayed configured");
        assertEquals("", store.read().dropinFolder());
    }

    @Test
    void inTheProductTheSettingsAreKeptInTheCfgFilesFileInstallReadsAtStart() throws Exception {
        Path conf = Files.createDirectory(temp.resolve("conf"));
        Path dropins = Files.createDirectory(temp.resolve("more dropins"));
        Path engineFile = conf.resolve("org.parallelworkbench.engine.cfg");
        Files.write(engineFile, List.of("# Workers; 0 = one per processor.", "#poolSize = 0", "",
                "borrowTimeoutMillis = 777", "#maxConcurrentRuns = 4"), StandardCharsets.ISO_8859_1);
        ConfigAdminEngineSettingsStore store = new ConfigAdminEngineSettingsStore(configurationAdmin, conf,
                Map.of("felix.fileinstall.poll", "1000"));

        store.write(DEFAULTS.withPool(5, 2, dropins.toString()));

        // The lines as users read them: a renamed key must fail here, as it would break their files.
        assertEquals(List.of("# Workers; 0 = one per processor.", "poolSize = 5", "", "borrowTimeoutMillis = 777",
                "maxConcurrentRuns = 2", "defaultTarget = threads", "dropinTarget = processes", "processPoolSize = 0",
                "processIdleMillis = 60000", "processMaxUnits = 0", "processJvmOptions = -Xmx1g"),
                Files.readAllLines(engineFile, StandardCharsets.ISO_8859_1), "keys missing from the file are appended");
        assertEquals(ConfigAdminEngineSettingsStore.fileInstallKey(engineFile),
                configuration(EngineConfiguration.PID).getProperties().get("felix.fileinstall.filename"),
                "File Install would not recognise the configuration as its file's");
        Path dropinsFile = conf.resolve("org.apache.felix.fileinstall-dropins.cfg");
        assertEquals(List.of("felix.fileinstall.poll = 1000", "felix.fileinstall.filter = .*\\\\.jar",
                "felix.fileinstall.dir = " + dropins), Files.readAllLines(dropinsFile, StandardCharsets.ISO_8859_1));

        store.write(DEFAULTS.withPool(5, 2, ""));

        assertFalse(Files.exists(dropinsFile), "the cleared drop-in folder is still in conf");
        assertTrue(Files.readAllLines(engineFile, StandardCharsets.ISO_8859_1).contains("poolSize = 5"));
    }

    @Test
    void theProcessPoolAndDefaultTargetsReplaceTheShippedCfgLinesAndReachTheRunningEngine() throws Exception {
        Path conf = Files.createDirectory(temp.resolve("conf"));
        Path engineFile = conf.resolve("org.parallelworkbench.engine.cfg");
        // As shipped: documented defaults commented out, plus a per-provider key the store must not take for its own.
        Files.write(engineFile, List.of("borrowTimeoutMillis = 777", "# For the providers shipped in bundle/.",
                "#defaultTarget = threads", "#dropinTarget = processes", "# --- Worker processes", "#processPoolSize = 0",
                "#processIdleMillis = 60000", "#processMaxUnits = 0", "#processJvmOptions = -Xmx1g",
                "#processJvmOptions.mandelbrot = -Xmx2g", "processJvmOptions.primes = -Xss4m"), StandardCharsets.ISO_8859_1);
        ConfigAdminEngineSettingsStore store = new ConfigAdminEngineSettingsStore(configurationAdmin, conf, Map.of());
        Settings settings = DEFAULTS.withTargets(ExecutionTarget.PROCESSES, ExecutionTarget.THREADS)
                .withProcesses(new ProcessPool(3, 1_500, 200, "-Xmx512m -XX:+UseSerialGC"));

        store.write(settings);

        assertEquals(List.of("borrowTimeoutMillis = 777", "# For the providers shipped in bundle/.",
                "defaultTarget = processes", "dropinTarget = threads", "# --- Worker processes", "processPoolSize = 3",
                "processIdleMillis = 1500", "processMaxUnits = 200", "processJvmOptions = -Xmx512m -XX:+UseSerialGC",
                "#processJvmOptions.mandelbrot = -Xmx2g", "processJvmOptions.primes = -Xss4m", "poolSize = 0",
                "maxConcurrentRuns = 4"), Files.readAllLines(engineFile, StandardCharsets.ISO_8859_1));
        Dictionary<String, Object> written = configuration(EngineConfiguration.PID).getProperties();
        assertEquals("processes", written.get(SHIPPED_TARGET));
        assertEquals("threads", written.get(DROPIN_TARGET));
        assertEquals("3", written.get(PROCESS_POOL_SIZE));
        assertEquals("1500", written.get(PROCESS_IDLE_MILLIS));
        assertEquals("200", written.get(PROCESS_MAX_UNITS));
        assertEquals("-Xmx512m -XX:+UseSerialGC", written.get(PROCESS_JVM_OPTIONS));
        assertEquals(settings, store.read(), "what was written does not read back");
        waitUntil(() -> "1500".equals(engineProperty(PROCESS_IDLE_MILLIS)) && "threads".equals(engineProperty(DROPIN_TARGET))
                && "-Xmx512m -XX:+UseSerialGC".equals(engineProperty(PROCESS_JVM_OPTIONS)),
                () -> "the engine's properties are " + engineProperty(PROCESS_IDLE_MILLIS) + ", "
                        + engineProperty(DROPIN_TARGET) + ", " + engineProperty(PROCESS_JVM_OPTIONS));
    }

    @Test
    void valuesTheEngineReadsAsDefaultAreReadSoAndNumbersFromOtherClientsCount() throws Exception {
        Configuration configuration = configurationAdmin.getConfiguration(EngineConfiguration.PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SHIPPED_TARGET, "auto");
        properties.put(DROPIN_TARGET, "sideways");
        properties.put(PROCESS_IDLE_MILLIS, 2_500L);
        properties.put(PROCESS_POOL_SIZE, 5);
        configuration.update(properties);

        Settings read = new ConfigAdminEngineSettingsStore(configurationAdmin, null, Map.of()).read();

        assertEquals(DEFAULTS.withProcesses(new ProcessPool(5, 2_500, 0, "-Xmx1g")), read);
    }

    /** The defaults Restore Defaults shows are the engine's own, as its component description declares them. */
    @Test
    void theStoresDefaultsAreTheEngines() {
        ServiceReference<JobService> reference = context.getServiceReference(JobService.class);
        Map<String, Object> engine = scr.getComponentDescriptionDTO(reference.getBundle(), ENGINE_COMPONENT).properties;

        Settings declared = new Settings(number(engine, POOL_SIZE).intValue(), number(engine, MAX_CONCURRENT_RUNS).intValue(),
                "", ExecutionTarget.parse((String) engine.get(SHIPPED_TARGET)),
                ExecutionTarget.parse((String) engine.get(DROPIN_TARGET)),
                new ProcessPool(number(engine, PROCESS_POOL_SIZE).intValue(), number(engine, PROCESS_IDLE_MILLIS).longValue(),
                        number(engine, PROCESS_MAX_UNITS).longValue(), (String) engine.get(PROCESS_JVM_OPTIONS)));

        assertEquals(declared, Settings.DEFAULTS);
    }

    private <S> S service(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(SERVICE_WITHIN.toMillis());
        if (service == null) {
            fail("The " + type.getSimpleName() + " service did not arrive within " + SERVICE_WITHIN.toSeconds() + " seconds");
        }
        return service; // the tracker stays open; the framework closes it at the end
    }

    private static Number number(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        if (value instanceof Number number) {
            return number;
        }
        return fail("the engine declares no number " + key + ": " + value);
    }

    private Object engineProperty(String key) {
        ServiceReference<JobService> reference = context.getServiceReference(JobService.class);
        return reference == null ? null : reference.getProperty(key);
    }

    private Map<String, Object> engineComponentProperties() {
        ServiceReference<JobService> reference = context.getServiceReference(JobService.class);
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(reference.getBundle(), ENGINE_COMPONENT);
        return scr.getComponentConfigurationDTOs(description).stream().findFirst()
                .map(configuration -> configuration.properties).orElse(Map.of());
    }

    private Configuration configuration(String pid) throws IOException, InvalidSyntaxException {
        List<Configuration> found = configurations("(service.pid=" + pid + ")");
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Configuration> configurations(String filter) throws IOException, InvalidSyntaxException {
        Configuration[] found = configurationAdmin.listConfigurations(filter);
        return found == null ? List.of() : List.of(found);
    }

    /** The engine's properties change in its service's MODIFIED events, runs in their own events. */
    private void waitUntil(BooleanSupplier condition, Supplier<String> message) {
        changes.await(condition, APPLIED_WITHIN, message);
    }
}
