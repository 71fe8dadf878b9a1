package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundles;
import org.parallelworkbench.install.testbundles.NamedProvider;
import org.parallelworkbench.testing.Waits;
import org.parallelworkbench.testing.TestJars;

/**
 * The folders File Install watches, as the WorkerBundles service finds them: the product's, and the extra ones
 * configured in the test runtime's real Config Admin.
 */
class DropinFoldersTest {

    @TempDir
    Path temp;

    private RuntimeFixture runtime;
    private ServiceTracker<WorkerBundles, WorkerBundles> workersTracker;
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdminTracker;
    private WorkerBundles workers;
    private ConfigurationAdmin configAdmin;
    /** PIDs of the configurations a test made, deleted after it through the Config Admin there is then. */
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        runtime = new RuntimeFixture();
        workersTracker = new ServiceTracker<>(runtime.context, WorkerBundles.class, null);
        workersTracker.open();
        workers = workersTracker.waitForService(RuntimeFixture.WITHIN.toMillis());
        assertNotNull(workers, "the WorkerBundles service did not arrive");
        configAdminTracker = new ServiceTracker<>(runtime.context, ConfigurationAdmin.class, null);
        configAdminTracker.open();
        configAdmin = configAdminTracker.waitForService(RuntimeFixture.WITHIN.toMillis());
        assertNotNull(configAdmin, "Config Admin did not arrive");
    }

    @AfterEach
    void stop() throws IOException, BundleException, InvalidSyntaxException {
        ConfigurationAdmin current = configAdminTracker.getService();
        for (String pid : created) {
            Configuration[] found = current.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            for (Configuration configuration : found == null ? new Configuration[0] : found) {
                configuration.delete();
            }
        }
        configAdminTracker.close();
        workersTracker.close();
        runtime.close();
    }

    @Test
    void theProductFolderComesFirstThenTheWatchedOnesByPathEachOnce() {
        DropinFolder product = new DropinFolder(temp.resolve("dropins"));

        List<DropinFolder> folders = WorkerBundlesComponent.folders(Optional.of(product), Arrays.asList(
                temp.resolve("z").toString(), " ", temp.resolve("a") + " ", temp.resolve("dropins/.").toString(), null,
                temp.resolve("z").toString()));

        assertEquals(List.of(product, new DropinFolder(temp.resolve("a")), new DropinFolder(temp.resolve("z"))), folders);
        assertEquals(List.of(), WorkerBundlesComponent.folders(Optional.empty(), List.of()));
    }

    @Test
    void theExtraFoldersAreFileInstallWatchersInConfigAdmin() throws IOException {
        watch("extra-b", temp.resolve("b"));
        watch("extra-a", temp.resolve("a"));
        Configuration other = configAdmin.getFactoryConfiguration("org.example.other", "x", "?");
        created.add(other.getPid());
        other.update(new Hashtable<>(Map.of(WorkerBundles.FILE_INSTALL_DIR, temp.resolve("not-a-watcher").toString())));

        // no framework property names a product folder in the test runtime
        assertEquals(List.of(new DropinFolder(temp.resolve("a")), new DropinFolder(temp.resolve("b"))), workers.dropinFolders());
    }

    @Test
    void aBundleInstalledFromAWatchedFolderIsHeldThereAndOneFromElsewhereIsNot() throws Exception {
        Path extra = Files.createDirectories(temp.resolve("extra"));
        watch("extra", extra);
        Bundle fromExtra = install(extra.resolve("generated.jar"), "com.example.generated");
        Bundle elsewhere = install(Files.createDirectories(temp.resolve("elsewhere")).resolve("other.jar"), "com.example.other");

        assertEquals(Optional.of(new DropinFolder(extra)), workers.folderOf(find(fromExtra)));
        assertEquals(Optional.empty(), workers.folderOf(find(elsewhere)));
        assertEquals(Optional.empty(), workers.folderOf(find("org.parallelworkbench.workers.ticker")));
    }

    @Test
    void withoutConfigAdminOnlyTheProductFolderIsKnownAndTheWatchersReturnWithIt() throws Exception {
        watch("extra", temp.resolve("extra"));
        Bundle configAdminBundle = configAdminTracker.getServiceReference().getBundle();

        configAdminBundle.stop();
        try {
            // SCR unbinds the dynamic reference while the service unregisters
            assertEquals(List.of(), workers.dropinFolders());
        } finally {
            configAdminBundle.start();
        }
        assertNotNull(configAdminTracker.waitForService(RuntimeFixture.WITHIN.toMillis()), "Config Admin did not return");

        Waits.until(() -> workers.dropinFolders().equals(List.of(new DropinFolder(temp.resolve("extra")))), RuntimeFixture.WITHIN,
                () -> "the watched folder did not return with Config Admin: " + workers.dropinFolders());
    }

    private void watch(String name, Path folder) throws IOException {
        Configuration watcher = configAdmin.getFactoryConfiguration(WorkerBundles.FILE_INSTALL_FACTORY_PID, name, "?");
        created.add(watcher.getPid());
        watcher.update(new Hashtable<>(Map.of(WorkerBundles.FILE_INSTALL_DIR, folder.toString())));
    }

    private Bundle install(Path location, String symbolicName) throws Exception {
        return runtime.install(location, TestJars.bundle(symbolicName, "1.0.0").header("Import-Package", TestJars.SPI_IMPORT)
                .provider(symbolicName + ".provider", NamedProvider.class, Map.of("providerId", symbolicName)));
    }

    private InstalledWorker find(Bundle bundle) {
        return find(bundle.getSymbolicName());
    }

    private InstalledWorker find(String symbolicName) {
        List<InstalledWorker> installed = workers.installed();
        return installed.stream().filter(w -> w.symbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not listed in " + installed));
    }
}
