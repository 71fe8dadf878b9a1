package org.parallelworkbench.engine.settings.internal;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.engine.settings.EngineSettingsStore;
import org.parallelworkbench.install.WorkerBundles;

/**
 * The {@link EngineSettingsStore} service: the engine's settings in Config Admin, where the engine applies them at
 * once ({@code @Modified}), and in the product's {@code conf/} folder, where they survive a restart.
 * <p>
 * Why both: the product cleans the framework cache, and with it Config Admin's own storage, at every
 * start, and File Install then recreates the configurations from {@code conf/*.cfg}; with
 * {@code felix.fileinstall.enableConfigSave=false} it never writes a Config Admin change back. So a
 * setting that lived only in Config Admin would silently fall back to the file's value at the next
 * start. This store therefore changes the keys' lines in the {@code .cfg} file first, then the
 * configuration, with the values typed as File Install reads them back (strings), so that its next poll
 * of the file finds nothing to change. Properties other than the ones it owns are left as they are.
 * <p>
 * The extra drop-in folder is a File Install watcher: the factory configuration
 * {@value WorkerBundles#FILE_INSTALL_FACTORY_PID}{@code ~}{@value #DROPINS_NAME}, kept in
 * {@code conf/org.apache.felix.fileinstall-dropins.cfg}, the file File Install itself maps to that PID.
 * <p>
 * Thread-safe: calls take turns, so that two writes never interleave their changes to a file.
 */
@Component(service = EngineSettingsStore.class)
public final class ConfigAdminEngineSettingsStore implements EngineSettingsStore {

    static final String DROPINS_NAME = "dropins";
    static final String DROPINS_PID = WorkerBundles.FILE_INSTALL_FACTORY_PID + "~" + DROPINS_NAME;
    static final String FILE_INSTALL_FILTER = "felix.fileinstall.filter";
    /** The configuration property by which File Install links a configuration to its file. */
    static final String FILE_INSTALL_FILENAME = "felix.fileinstall.filename";
    /** Drop-in folders hold bundles; a .cfg in one is not meant as configuration. */
    static final String BUNDLES_ONLY_FILTER = ".*\\.jar";
    /** Settings of the product's own watchers that the drop-in watcher copies from the framework. */
    static final List<String> SHARED_WATCHER_SETTINGS = List.of("felix.fileinstall.poll",
            "felix.fileinstall.start.level", "felix.fileinstall.active.level", "felix.fileinstall.tmpdir");
    /** Any bundle may be bound to these configurations, as File Install creates them. */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin configurationAdmin;
    private final Path confDirectory;
    private final Map<String, String> watcherSettings;
    private final Object turn = new Object();

    /**
     * The product's store: the conf folder is the product's, and the drop-in watcher polls like the product's
     * own. Outside the product (tests, an embedding) the settings are kept in Config Admin only.
     */
    @Activate
    public ConfigAdminEngineSettingsStore(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin,
            BundleContext context) {
        this(configurationAdmin, ProductHome.from(context::getProperty).map(ProductHome::conf).orElse(null),
                sharedWatcherSettings(context));
    }

    /**
     * @param confDirectory   the folder File Install reads .cfg files from; null to keep the settings in
     *                        Config Admin only
     * @param watcherSettings File Install settings for the drop-in folder's watcher
     */
    ConfigAdminEngineSettingsStore(ConfigurationAdmin configurationAdmin, Path confDirectory,
            Map<String, String> watcherSettings) {
        this.configurationAdmin = Objects.requireNonNull(configurationAdmin, "configurationAdmin");
        this.confDirectory = confDirectory;
        this.watcherSettings = Map.copyOf(watcherSettings);
    }

    private static Map<String, String> sharedWatcherSettings(BundleContext context) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : SHARED_WATCHER_SETTINGS) {
            String value = context.getProperty(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    @Override
    public Settings read() throws IOException {
        synchronized (turn) {
            Dictionary<String, Object> engine = properties(EngineConfiguration.PID);
            Dictionary<String, Object> dropins = properties(DROPINS_PID);
            Settings defaults = Settings.DEFAULTS;
            ProcessPool processDefaults = defaults.processes();
            ProcessPool processes = new ProcessPool(
                    intValue(engine, EngineConfiguration.PROCESS_POOL_SIZE, processDefaults.size()),
                    longValue(engine, EngineConfiguration.PROCESS_IDLE_MILLIS, processDefaults.idleMillis()),
                    longValue(engine, EngineConfiguration.PROCESS_MAX_UNITS, processDefaults.maxUnits()),
                    stringValue(engine, EngineConfiguration.PROCESS_JVM_OPTIONS, processDefaults.jvmOptions()));
            return new Settings(intValue(engine, EngineConfiguration.POOL_SIZE, defaults.poolSize()),
                    intValue(engine, EngineConfiguration.MAX_CONCURRENT_RUNS, defaults.maxConcurrentRuns()),
                    stringValue(dropins, WorkerBundles.FILE_INSTALL_DIR, ""),
                    targetValue(engine, EngineConfiguration.SHIPPED_TARGET, defaults.shippedTarget()),
                    targetValue(engine, EngineConfiguration.DROPIN_TARGET, defaults.dropinTarget()), processes);
        }
    }

    @Override
    public Settings defaults() {
        return Settings.DEFAULTS;
    }

    @Override
    public void write(Settings settings) throws IOException {
        synchronized (turn) {
            writeEngine(settings);
            writeDropins(settings.dropinFolder());
        }
    }

    private void writeEngine(Settings settings) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(EngineConfiguration.PID, ANY_LOCATION);
        Dictionary<String, Object> properties = orEmpty(configuration.getProperties());
        Map<String, String> values = new LinkedHashMap<>();
        values.put(EngineConfiguration.POOL_SIZE, Integer.toString(settings.poolSize()));
        values.put(EngineConfiguration.MAX_CONCURRENT_RUNS, Integer.toString(settings.maxConcurrentRuns()));
        values.put(EngineConfiguration.SHIPPED_TARGET, settings.shippedTarget().name().toLowerCase(Locale.ROOT));
        values.put(EngineConfiguration.DROPIN_TARGET, settings.dropinTarget().name().toLowerCase(Locale.ROOT));
        ProcessPool processes = settings.processes();
        values.put(EngineConfiguration.PROCESS_POOL_SIZE, Integer.toString(processes.size()));
        values.put(EngineConfiguration.PROCESS_IDLE_MILLIS, Long.toString(processes.idleMillis()));
        values.put(EngineConfiguration.PROCESS_MAX_UNITS, Long.toString(processes.maxUnits()));
        values.put(EngineConfiguration.PROCESS_JVM_OPTIONS, processes.jvmOptions());
        Path file = cfgFile(properties, EngineConfiguration.PID);
        if (file != null) {
            CfgFile.set(file, values);
            properties.put(FILE_INSTALL_FILENAME, fileInstallKey(file));
        }
        values.forEach(properties::put);
        configuration.updateIfDifferent(properties);
    }

    private void writeDropins(String folder) throws IOException {
        Configuration existing = configuration(DROPINS_PID);
        Path file = confDirectory == null ? null
                : confDirectory.resolve(WorkerBundles.FILE_INSTALL_FACTORY_PID + "-" + DROPINS_NAME + ".cfg");
        if (folder.isEmpty()) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            if (existing != null) {
                existing.delete();
            }
            return;
        }
        Configuration configuration = existing != null ? existing
                : configurationAdmin.getFactoryConfiguration(WorkerBundles.FILE_INSTALL_FACTORY_PID, DROPINS_NAME, ANY_LOCATION);
        Dictionary<String, Object> properties = orEmpty(configuration.getProperties());
        Map<String, String> values = new LinkedHashMap<>(watcherSettings);
        values.put(FILE_INSTALL_FILTER, BUNDLES_ONLY_FILTER);
        values.put(WorkerBundles.FILE_INSTALL_DIR, folder);
        if (file != null) {
            CfgFile.set(file, values);
            properties.put(FILE_INSTALL_FILENAME, fileInstallKey(file));
        }
        values.forEach(properties::put);
        configuration.updateIfDifferent(properties);
    }

    /**
     * The .cfg file that keeps the configuration: the one File Install created it from, else the one it
     * would read in the conf folder; null when there is none to write.
     */
    private Path cfgFile(Dictionary<String, Object> properties, String pid) throws IOException {
        Object key = properties.get(FILE_INSTALL_FILENAME);
        if (key != null) {
            Path file = Path.of(URI.create(key.toString()));
            if (!file.getFileName().toString().endsWith(".cfg")) {
                throw new IOException(file + " is not a .cfg file; change the settings there by hand");
            }
            return file;
        }
        return confDirectory == null ? null : confDirectory.resolve(pid + ".cfg");
    }

    /** How File Install names a file in {@value #FILE_INSTALL_FILENAME}, so it finds the configuration by it. */
    static String fileInstallKey(Path file) {
        return new File(file.toString()).getAbsoluteFile().toURI().toString();
    }

    private Configuration configuration(String pid) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("Bad filter for PID " + pid, e);
        }
    }

    private Dictionary<String, Object> properties(String pid) throws IOException {
        Configuration configuration = configuration(pid);
        return configuration == null ? null : configuration.getProperties();
    }

    private static Dictionary<String, Object> orEmpty(Dictionary<String, Object> properties) {
        return properties == null ? new Hashtable<>() : properties;
    }

    /** File Install gives strings, Config Admin clients may give numbers; what the engine cannot read counts as unset. */
    private static int intValue(Dictionary<String, Object> properties, String key, int fallback) {
        try {
            return Integer.parseInt(stringValue(properties, key, Integer.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long longValue(Dictionary<String, Object> properties, String key, long fallback) {
        try {
            return Long.parseLong(stringValue(properties, key, Long.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** As the engine reads it: threads or processes in any case; anything else, Default included, is unset. */
    private static ExecutionTarget targetValue(Dictionary<String, Object> properties, String key, ExecutionTarget fallback) {
        try {
            ExecutionTarget target = ExecutionTarget.parse(stringValue(properties, key, fallback.name()));
            return target == ExecutionTarget.AUTO ? fallback : target;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String stringValue(Dictionary<String, Object> properties, String key, String fallback) {
        Object value = properties == null ? null : properties.get(key);
        return value == null ? fallback : value.toString();
    }
}
