package org.parallelworkbench.ui.internal;

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
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.viewmodel.EngineSettingsStore;

/**
 * The engine's settings in Config Admin, where the engine applies them at once ({@code @Modified}), and
 * in the product's {@code conf/} folder, where they survive a restart.
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
 * {@value #FILE_INSTALL_FACTORY_PID}{@code ~}{@value #DROPINS_NAME}, kept in
 * {@code conf/org.apache.felix.fileinstall-dropins.cfg}, the file File Install itself maps to that PID.
 * <p>
 * Called on the UI thread; each call does a few small local file and Config Admin operations.
 */
public final class ConfigAdminEngineSettingsStore implements EngineSettingsStore {

    /** The engine's Config Admin PID ({@code EngineConfig.PID} in the engine). */
    public static final String ENGINE_PID = "org.parallelworkbench.engine";
    static final String POOL_SIZE = "poolSize";
    static final String MAX_CONCURRENT_RUNS = "maxConcurrentRuns";
    /** Where runs left to the engine execute for providers the product ships ({@code shippedTarget} here). */
    static final String DEFAULT_TARGET = "defaultTarget";
    static final String DROPIN_TARGET = "dropinTarget";
    static final String PROCESS_POOL_SIZE = "processPoolSize";
    static final String PROCESS_IDLE_MILLIS = "processIdleMillis";
    static final String PROCESS_MAX_UNITS = "processMaxUnits";
    static final String PROCESS_JVM_OPTIONS = "processJvmOptions";
    /**
     * The engine's defaults ({@code EngineSettings} and {@code EngineConfig} in the engine; the shipped
     * {@code conf/org.parallelworkbench.engine.cfg} documents them). Drop-ins run in processes: code the
     * product did not ship may call System.exit or crash its JVM, which only a process walls off.
     */
    static final Settings ENGINE_DEFAULTS = new Settings(0, 4, "", ExecutionTarget.THREADS, ExecutionTarget.PROCESSES,
            new ProcessPool(0, 60_000, 0, "-Xmx1g"));

    static final String FILE_INSTALL_FACTORY_PID = "org.apache.felix.fileinstall";
    static final String DROPINS_NAME = "dropins";
    static final String DROPINS_PID = FILE_INSTALL_FACTORY_PID + "~" + DROPINS_NAME;
    static final String FILE_INSTALL_DIR = "felix.fileinstall.dir";
    static final String FILE_INSTALL_FILTER = "felix.fileinstall.filter";
    /** The configuration property by which File Install links a configuration to its file. */
    static final String FILE_INSTALL_FILENAME = "felix.fileinstall.filename";
    /** Drop-in folders hold bundles; a .cfg in one is not meant as configuration. */
    static final String BUNDLES_ONLY_FILTER = ".*\\.jar";
    /** Settings of the product's own watchers that the drop-in watcher copies from the framework. */
    static final List<String> SHARED_WATCHER_SETTINGS = List.of("felix.fileinstall.poll",
            "felix.fileinstall.start.level", "felix.fileinstall.active.level", "felix.fileinstall.tmpdir");
    /** Framework property naming the product folder, set by bin/parallel-workbench. */
    static final String HOME_PROPERTY = "parallelworkbench.home";

    /** Any bundle may be bound to these configurations, as File Install creates them. */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin configurationAdmin;
    private final Path confDirectory;
    private final Map<String, String> watcherSettings;

    /**
     * The product's store: the conf folder is {@code ${parallelworkbench.home}/conf}, and the drop-in
     * watcher polls like the product's own. Without that property (tests, an embedding) the settings are
     * kept in Config Admin only.
     */
    public ConfigAdminEngineSettingsStore(ConfigurationAdmin configurationAdmin, BundleContext context) {
        this(configurationAdmin, confDirectory(context), sharedWatcherSettings(context));
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

    private static Path confDirectory(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? null : Path.of(home, "conf");
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
        Dictionary<String, Object> engine = properties(ENGINE_PID);
        Dictionary<String, Object> dropins = properties(DROPINS_PID);
        ProcessPool processDefaults = ENGINE_DEFAULTS.processes();
        ProcessPool processes = new ProcessPool(intValue(engine, PROCESS_POOL_SIZE, processDefaults.size()),
                longValue(engine, PROCESS_IDLE_MILLIS, processDefaults.idleMillis()),
                longValue(engine, PROCESS_MAX_UNITS, processDefaults.maxUnits()),
                stringValue(engine, PROCESS_JVM_OPTIONS, processDefaults.jvmOptions()));
        return new Settings(intValue(engine, POOL_SIZE, ENGINE_DEFAULTS.poolSize()),
                intValue(engine, MAX_CONCURRENT_RUNS, ENGINE_DEFAULTS.maxConcurrentRuns()),
                stringValue(dropins, FILE_INSTALL_DIR, ""),
                targetValue(engine, DEFAULT_TARGET, ENGINE_DEFAULTS.shippedTarget()),
                targetValue(engine, DROPIN_TARGET, ENGINE_DEFAULTS.dropinTarget()), processes);
    }

    @Override
    public Settings defaults() {
        return ENGINE_DEFAULTS;
    }

    @Override
    public void write(Settings settings) throws IOException {
        writeEngine(settings);
        writeDropins(settings.dropinFolder());
    }

    private void writeEngine(Settings settings) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(ENGINE_PID, ANY_LOCATION);
        Dictionary<String, Object> properties = orEmpty(configuration.getProperties());
        Map<String, String> values = new LinkedHashMap<>();
        values.put(POOL_SIZE, Integer.toString(settings.poolSize()));
        values.put(MAX_CONCURRENT_RUNS, Integer.toString(settings.maxConcurrentRuns()));
        values.put(DEFAULT_TARGET, settings.shippedTarget().name().toLowerCase(Locale.ROOT));
        values.put(DROPIN_TARGET, settings.dropinTarget().name().toLowerCase(Locale.ROOT));
        ProcessPool processes = settings.processes();
        values.put(PROCESS_POOL_SIZE, Integer.toString(processes.size()));
        values.put(PROCESS_IDLE_MILLIS, Long.toString(processes.idleMillis()));
        values.put(PROCESS_MAX_UNITS, Long.toString(processes.maxUnits()));
        values.put(PROCESS_JVM_OPTIONS, processes.jvmOptions());
        Path file = cfgFile(properties, ENGINE_PID);
        if (file != null) {
            CfgFile.set(file, values);
            properties.put(FILE_INSTALL_FILENAME, fileInstallKey(file));
        }
        values.forEach(properties::put);
        configuration.updateIfDifferent(properties);
    }

    private void writeDropins(String folder) throws IOException {
        Configuration existing = configuration(DROPINS_PID);
        Path file = confDirectory == null ? null : confDirectory.resolve(FILE_INSTALL_FACTORY_PID + "-" + DROPINS_NAME + ".cfg");
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
                : configurationAdmin.getFactoryConfiguration(FILE_INSTALL_FACTORY_PID, DROPINS_NAME, ANY_LOCATION);
        Dictionary<String, Object> properties = orEmpty(configuration.getProperties());
        Map<String, String> values = new LinkedHashMap<>(watcherSettings);
        values.put(FILE_INSTALL_FILTER, BUNDLES_ONLY_FILTER);
        values.put(FILE_INSTALL_DIR, folder);
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
