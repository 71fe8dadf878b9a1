package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.testing.TestJars;

/**
 * The install dialog's ViewModels read the chosen file on the file executor, never in the Realm, and a zip's
 * extracted jars are deleted however the dialog's close and the read's end interleave. The file executor is a
 * queue the test runs by hand.
 */
class InstallReadingTest {

    private static final String BSN = "com.example.fractals";

    @TempDir
    Path temp;

    private InstallFixture fixture;
    private WorkerBundlesViewModel viewModel;

    @BeforeEach
    void setUp() {
        fixture = new InstallFixture(temp);
        fixture.bundles.inspector = file -> new WorkerBundleReport(file, BSN, "1.0.0", "Fractals", "",
                List.of(new DeclaredProvider(BSN + ".provider", BSN + ".Provider")), false, "", List.of());
        viewModel = fixture.viewModel();
    }

    @Test
    void aJarIsReadOnTheFileExecutorAndItsReportArrivesInTheRealm() throws IOException {
        Path jar = Files.write(temp.resolve("fractals.jar"), workerJar(BSN));

        InstallBundleViewModel install = viewModel.inspect(jar);

        assertEquals(List.of(), fixture.bundles.inspected, "the jar was read in the Realm");
        assertEquals(1, fixture.fileWork.size(), "no read was queued on the file executor");
        assertTrue(install.reading().getValue());
        assertFalse(install.isRead());
        assertFalse(install.canInstall().getValue(), "Install enabled before the jar was read");
        assertEquals("Reading fractals.jar\u2026", install.installProblem());

        fixture.runQueuedFileWork();
        assertEquals(List.of(jar), fixture.bundles.inspected);
        assertTrue(install.reading().getValue(), "the report changed the ViewModel outside the Realm");

        fixture.realm.drain();
        assertFalse(install.reading().getValue());
        assertTrue(install.isRead());
        assertEquals("Fractals", install.name());
        assertEquals("", install.installProblem());
        assertTrue(install.canInstall().getValue());
    }

    @Test
    void installDoesNothingWhileTheJarIsRead() throws IOException {
        Path jar = Files.write(temp.resolve("fractals.jar"), workerJar(BSN));
        InstallBundleViewModel install = viewModel.inspect(jar);

        install.install();

        assertEquals(1, fixture.fileWork.size(), "a copy was queued before the jar was read");
        assertEquals(List.of(), fixture.statuses);
    }

    @Test
    void aReadThatThrowsSaysWhyAndKeepsInstallDisabled() throws IOException {
        Path jar = Files.write(temp.resolve("fractals.jar"), workerJar(BSN));
        fixture.bundles.inspector = file -> {
            throw new IllegalStateException("disk gone");
        };
        InstallBundleViewModel install = viewModel.inspect(jar);

        fixture.runQueuedFileWork();
        fixture.realm.drain();

        assertFalse(install.reading().getValue());
        assertFalse(install.isRead());
        assertEquals("Could not read fractals.jar: java.lang.IllegalStateException: disk gone", install.installProblem());
        assertFalse(install.canInstall().getValue());
    }

    @Test
    void aZipIsExtractedAndReadOnTheFileExecutorAndInstalls() throws IOException {
        InstallRepositoryViewModel install = viewModel.inspectRepository(repositoryZip());
        assertTrue(install.reading().getValue());
        assertEquals(List.of(), fixture.bundles.inspected, "the zip was read in the Realm");

        fixture.runQueuedFileWork();
        fixture.realm.drain();
        assertEquals(List.of("Fractals (" + BSN + " 1.0.0)"), install.workers());
        Path extracted = extractedFolder();
        assertTrue(Files.isDirectory(extracted));

        install.install();
        fixture.runQueuedFileWork();
        fixture.realm.drain();
        assertTrue(Files.isRegularFile(fixture.dropinsPath.resolve(BSN + ".jar")), "not installed; status: " + fixture.statuses);
        assertFalse(Files.exists(extracted), "the extracted jars outlived Install");
    }

    @Test
    void aZipWhoseDialogClosedBeforeTheReadRanLeavesNoExtractedFolder() throws IOException {
        InstallRepositoryViewModel install = viewModel.inspectRepository(repositoryZip());

        install.close();
        fixture.runQueuedFileWork();

        Path extracted = extractedFolder();
        assertFalse(Files.exists(extracted), "the jars extracted for a closed dialog were left in " + extracted);
        assertEquals(0, fixture.realm.queued(), "a closed dialog's report was still sent to the Realm");
    }

    @Test
    void aZipWhoseDialogClosedWhileItsReportWasOnItsWayIsDeletedOffTheRealm() throws IOException {
        InstallRepositoryViewModel install = viewModel.inspectRepository(repositoryZip());
        fixture.runQueuedFileWork();
        Path extracted = extractedFolder();
        assertTrue(Files.isDirectory(extracted));

        install.close();
        fixture.realm.drain();
        assertTrue(Files.isDirectory(extracted), "deleted on the Realm's thread");
        assertTrue(install.reading().getValue(), "a closed dialog's report was shown");
        fixture.runQueuedFileWork();

        assertFalse(Files.exists(extracted), "the jars extracted for a closed dialog were left in " + extracted);
        assertFalse(install.canInstall().getValue());
    }

    @Test
    void aZipWhoseDialogClosedAfterTheReportArrivedIsDeletedOffTheRealm() throws IOException {
        InstallRepositoryViewModel install = viewModel.inspectRepository(repositoryZip());
        fixture.runQueuedFileWork();
        fixture.realm.drain();
        Path extracted = extractedFolder();

        install.close();
        assertTrue(Files.isDirectory(extracted), "deleted on the Realm's thread");
        fixture.runQueuedFileWork();

        assertFalse(Files.exists(extracted), "the jars extracted for a closed dialog were left in " + extracted);
        install.install();
        assertEquals(List.of(), fixture.statuses, "a closed dialog installed");
    }

    /** The temporary folder the zip's jars went to: the parent of its {@code plugins/} folder. */
    private Path extractedFolder() {
        assertEquals(1, fixture.bundles.inspected.size(), "the zip's one worker jar was not read: " + fixture.bundles.inspected);
        return fixture.bundles.inspected.get(0).getParent().getParent();
    }

    private Path repositoryZip() throws IOException {
        Path zip = temp.resolve("repository.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("plugins/" + BSN + "_1.0.0.jar"));
            out.write(workerJar(BSN));
            out.closeEntry();
        }
        return zip;
    }

    /** A jar whose manifest names a component, as a repository's reader looks for before inspecting. */
    private static byte[] workerJar(String symbolicName) {
        return TestJars.bundle(symbolicName, "1.0.0").header("Service-Component", "OSGI-INF/provider.xml").bytes();
    }
}
