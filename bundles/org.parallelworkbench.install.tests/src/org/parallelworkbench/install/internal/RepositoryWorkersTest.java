package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.testbundles.NamedProvider;
import org.parallelworkbench.testing.TestJars;

/** Finding the worker bundles of p2 repository folders and zips made in the test. */
class RepositoryWorkersTest {

    private final WorkerBundleInspector inspector = new WorkerBundleInspector("0.5.0");

    @TempDir
    Path folder;

    @Test
    void aRepositoryFolderGivesItsWorkersAndSkipsBundlesWithoutProviders() throws IOException {
        Path repository = repositoryFolder();

        try (RepositoryWorkers found = RepositoryWorkers.read(repository, inspector::inspect)) {
            assertEquals(List.of("com.example.alpha", "com.example.beta"),
                    found.workers().stream().map(WorkerBundleReport::symbolicName).toList());
            assertEquals(List.of("com.example.library_1.0.0.jar", "plain_1.0.0.jar"), found.skipped());
            assertEquals(List.of(), found.problems());
            assertEquals(repository.resolve("plugins/com.example.alpha_1.0.0.jar"), found.workers().get(0).file());
        }
        assertTrue(Files.isRegularFile(repository.resolve("plugins/com.example.alpha_1.0.0.jar")), "a folder is left as it is");
    }

    @Test
    void aRepositoryZipIsExtractedForInspectionAndTheExtractedJarsGoOnClose() throws IOException {
        Path zip = zip(repositoryFolder(), folder.resolve("repository.zip"));

        Path extractedJar;
        try (RepositoryWorkers found = RepositoryWorkers.read(zip, inspector::inspect)) {
            assertEquals(List.of("com.example.alpha", "com.example.beta"),
                    found.workers().stream().map(WorkerBundleReport::symbolicName).toList());
            assertEquals(List.of("com.example.library_1.0.0.jar", "plain_1.0.0.jar"), found.skipped());
            extractedJar = found.workers().get(1).file();
            assertFalse(extractedJar.startsWith(folder), extractedJar::toString);
            assertTrue(Files.isRegularFile(extractedJar), extractedJar::toString);
            assertTrue(found.workers().get(1).installable(), found.workers().get(1).problems()::toString);
        }
        assertFalse(Files.exists(extractedJar), extractedJar::toString);
    }

    @Test
    void aZipWithoutPluginsFolderIsNoRepository() throws IOException {
        Path zip = folder.resolve("photos.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "features/x.jar", TestJars.bundle("com.example.x", "1.0.0").bytes());
        }

        try (RepositoryWorkers found = RepositoryWorkers.read(zip, inspector::inspect)) {
            assertEquals(List.of(BundleProblem.error("photos.zip is not a p2 repository: it has no plugins/ folder")),
                    found.problems());
            assertEquals(List.of(), found.workers());
        }
    }

    @Test
    void aFolderWithoutPluginsIsNoRepository() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("downloads"));

        try (RepositoryWorkers found = RepositoryWorkers.read(empty, inspector::inspect)) {
            assertEquals(List.of(BundleProblem.error("downloads is not a p2 repository: it has no plugins/ folder")),
                    found.problems());
        }
    }

    @Test
    void aTextFileNamedZipIsNoRepositoryZip() throws IOException {
        Path notAZip = Files.writeString(folder.resolve("notes.zip"), "just text\n");

        try (RepositoryWorkers found = RepositoryWorkers.read(notAZip, inspector::inspect)) {
            assertEquals(1, found.problems().size(), found.problems()::toString);
            assertTrue(found.problems().get(0).isError());
            assertTrue(found.problems().get(0).message().startsWith("notes.zip is not a p2 repository zip: "),
                    found.problems().get(0).message());
            assertEquals(List.of(), found.workers());
        }
    }

    @Test
    void aRepositoryWithoutWorkersSaysSoAsAWarning() throws IOException {
        Path plugins = Files.createDirectories(folder.resolve("platform/plugins"));
        TestJars.bundle("com.example.library", "1.0.0").write(plugins.resolve("com.example.library_1.0.0.jar"));

        try (RepositoryWorkers found = RepositoryWorkers.read(plugins.getParent(), inspector::inspect)) {
            assertEquals(List.of(BundleProblem.warning("platform holds no worker bundle: no jar in plugins/ declares a"
                    + " WorkProvider component")), found.problems());
            assertEquals(List.of("com.example.library_1.0.0.jar"), found.skipped());
        }
    }

    @Test
    void onlyZipsAndFoldersAreRepositories() throws IOException {
        assertTrue(RepositoryWorkers.isRepository(folder));
        assertTrue(RepositoryWorkers.isRepository(folder.resolve("site.ZIP")));
        assertFalse(RepositoryWorkers.isRepository(folder.resolve("worker.jar")));
    }

    @Test
    void zipEntriesOutsidePluginsOrLeavingTheFolderAreNotExtracted() throws IOException {
        Path zip = folder.resolve("sneaky.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "plugins/../../escaped.jar", worker("com.example.escaped").bytes());
            put(out, "plugins/nested/deeper.jar", worker("com.example.deeper").bytes());
            put(out, "plugins/com.example.alpha_1.0.0.jar", worker("com.example.alpha").bytes());
        }

        try (RepositoryWorkers found = RepositoryWorkers.read(zip, inspector::inspect)) {
            assertEquals(List.of("com.example.alpha"), found.workers().stream().map(WorkerBundleReport::symbolicName).toList());
        }
        assertFalse(Files.exists(folder.getParent().resolve("escaped.jar")));
    }

    private Path repositoryFolder() throws IOException {
        Path repository = folder.resolve("repository");
        Path plugins = Files.createDirectories(repository.resolve("plugins"));
        Files.createDirectories(repository.resolve("features"));
        Files.writeString(repository.resolve("artifacts.jar"), "not inspected");
        worker("com.example.beta").write(plugins.resolve("com.example.beta_1.0.0.jar"));
        worker("com.example.alpha").write(plugins.resolve("com.example.alpha_1.0.0.jar"));
        TestJars.bundle("com.example.library", "1.0.0").header("Import-Package", TestJars.SPI_IMPORT)
                .write(plugins.resolve("com.example.library_1.0.0.jar"));
        TestJars.plainJar().entry("readme.txt", "no bundle").write(plugins.resolve("plain_1.0.0.jar"));
        return repository;
    }

    private static TestJars worker(String symbolicName) {
        return TestJars.bundle(symbolicName, "1.0.0").header("Import-Package", TestJars.SPI_IMPORT)
                .provider(symbolicName + ".provider", NamedProvider.class, Map.of("providerId", symbolicName));
    }

    private static Path zip(Path repository, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                var files = Files.walk(repository)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                put(out, repository.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return zip;
    }

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
