package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.BundleState;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.testing.TestJars;

/** The install dialog's ViewModel for a p2 repository folder, on a fake WorkerBundles and a real drop-in folder. */
class InstallRepositoryViewModelTest {

    private static final String SHIPPED_BSN = "org.parallelworkbench.workers.primes";
    private static final String NEW_BSN = "com.example.fractals";

    @TempDir
    Path temp;

    private InstallFixture fixture;
    private List<String> statuses;
    private Path dropinsPath;
    private Path plugins;
    private WorkerBundlesViewModel viewModel;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new InstallFixture(temp);
        statuses = fixture.statuses;
        dropinsPath = fixture.dropinsPath;
        plugins = Files.createDirectories(temp.resolve("repository/plugins"));
        fixture.bundles.installed.add(new InstalledWorker(3, SHIPPED_BSN, "0.1.0", BundleState.ACTIVE, "file:/opt/pw/bundle/primes.jar",
                List.of("primes"), List.of()));
        viewModel = fixture.viewModel();
    }

    @Test
    void theRepositoryListsTheWorkersToInstallAndSkipsThoseTheProductHas() throws IOException {
        worker(SHIPPED_BSN, "0.1.0", List.of());
        worker(NEW_BSN, "1.0.0", List.of());

        InstallRepositoryViewModel install = viewModel.inspectRepository(plugins.getParent());
        runFileWork(); // the read

        assertEquals(List.of("Fractals (com.example.fractals 1.0.0)"), install.workers());
        assertEquals(List.of(SHIPPED_BSN + " 0.1.0: already part of the product"), install.skipped());
        assertEquals(List.of(), install.problems());
        assertEquals("", install.installProblem());
        assertTrue(install.canInstall().getValue());
    }

    @Test
    void installCopiesEachWorkerOffTheRealmAndSaysWhatStarted() throws IOException {
        worker(NEW_BSN, "1.0.0", List.of());
        worker("com.example.mazes", "2.0.0", List.of());
        fixture.bundles.fileInstall = true;
        fixture.bundles.providerIds.put(NEW_BSN, List.of("fractals"));
        fixture.bundles.providerIds.put("com.example.mazes", List.of("mazes"));
        InstallRepositoryViewModel install = viewModel.inspectRepository(plugins.getParent());
        runFileWork(); // the read

        install.install();

        assertEquals(List.of("Installing 2 worker bundles from repository\u2026"), statuses);
        assertFalse(install.canInstall().getValue(), "Install stays enabled while installing");
        assertFalse(Files.exists(dropinsPath), "copied on the Realm's thread");
        runFileWork();
        assertTrue(Files.isRegularFile(dropinsPath.resolve(NEW_BSN + ".jar")));
        assertTrue(Files.isRegularFile(dropinsPath.resolve("com.example.mazes.jar")));
        assertEquals("Installed worker bundle com.example.fractals 1.0.0: provider fractals; Installed worker bundle"
                + " com.example.mazes 2.0.0: provider mazes", statuses.get(statuses.size() - 1));
    }

    @Test
    void aRepositoryWhoseWorkersTheProductHasCannotInstall() throws IOException {
        worker(SHIPPED_BSN, "0.1.0", List.of());

        InstallRepositoryViewModel install = viewModel.inspectRepository(plugins.getParent());
        runFileWork(); // the read
        install.install();

        assertFalse(install.canInstall().getValue());
        assertEquals("The product already has every worker bundle of it", install.installProblem());
        assertTrue(fixture.fileWork.isEmpty(), "an install was queued with nothing to install");
    }

    @Test
    void aFolderWithoutPluginsIsNoRepository() throws IOException {
        Path downloads = Files.createDirectories(temp.resolve("downloads"));

        InstallRepositoryViewModel install = viewModel.inspectRepository(downloads);
        runFileWork(); // the read

        assertFalse(install.canInstall().getValue());
        assertEquals("downloads is not a p2 repository: it has no plugins/ folder", install.installProblem());
        assertEquals(List.of("downloads is not a p2 repository: it has no plugins/ folder"), install.problems());
    }

    @Test
    void aWorkerWithAnErrorDisablesInstallNamingIt() throws IOException {
        worker(NEW_BSN, "1.0.0", List.of(BundleProblem.error("needs the provider SPI [0.9,1.0)")));

        InstallRepositoryViewModel install = viewModel.inspectRepository(plugins.getParent());
        runFileWork(); // the read

        assertFalse(install.canInstall().getValue());
        assertEquals(NEW_BSN + " cannot be installed: needs the provider SPI [0.9,1.0)", install.installProblem());
        assertEquals(List.of("Fractals (com.example.fractals 1.0.0): needs the provider SPI [0.9,1.0)"), install.workers());
    }

    /** A jar in plugins/ whose manifest names a component, and the report the fake inspection gives for it. */
    private void worker(String symbolicName, String version, List<BundleProblem> problems) throws IOException {
        Path jar = plugins.resolve(symbolicName + "_" + version + ".jar");
        TestJars.bundle(symbolicName, version).header("Service-Component", "OSGI-INF/provider.xml").write(jar);
        String name = symbolicName.equals(NEW_BSN) ? "Fractals" : "";
        fixture.bundles.reports.put(jar, new WorkerBundleReport(jar, symbolicName, version, name, "", List.of(
                new DeclaredProvider(symbolicName + ".provider", symbolicName + ".Provider")), false, "", problems));
    }

    private void runFileWork() {
        fixture.runFileWork();
    }
}
