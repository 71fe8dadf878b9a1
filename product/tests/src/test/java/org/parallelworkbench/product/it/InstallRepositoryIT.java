package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/parallel-workbench install <repository>} with a p2 repository: the zip this build publishes, whose
 * workers the product already ships, and a folder made by the test holding a {@link WorkerJar} worker.
 */
class InstallRepositoryIT {

    static final Path REPOSITORY_ZIP = Path.of(System.getProperty("pw.repository.zip"));
    static final List<String> SHIPPED_WORKERS = List.of("checksums", "mandelbrot", "montecarlo", "primes", "ticker");

    private Path installed;

    @AfterEach
    void removeInstalledJar() throws IOException {
        if (installed != null) {
            Files.deleteIfExists(installed);
        }
    }

    @Test
    void theBuildsRepositoryZipInstallsNothingBecauseTheProductShipsItsWorkers() throws Exception {
        assertTrue(Files.isRegularFile(REPOSITORY_ZIP), REPOSITORY_ZIP + " is built before the product tests");
        List<Path> before = dropinJars();

        Command.Result install = CliIT.run("install", REPOSITORY_ZIP.toString());

        assertEquals(0, install.exitCode(), install::describe);
        String shown = install.stdout();
        assertTrue(shown.contains("Repository " + REPOSITORY_ZIP.toAbsolutePath().normalize() + ": "
                + SHIPPED_WORKERS.size() + " worker bundles, "), install::describe);
        for (String worker : SHIPPED_WORKERS) {
            assertTrue(shown.contains("Skipped org.parallelworkbench.workers." + worker + " 0.1.0."), install::describe);
        }
        assertEquals(SHIPPED_WORKERS.size(), shown.lines().filter(l -> l.contains(": already part of the product (")).count(),
                install::describe);
        assertTrue(shown.endsWith("Nothing to install: the product has every worker bundle of " + REPOSITORY_ZIP.getFileName()
                + ".\n"), install::describe);
        assertEquals(before, dropinJars(), "nothing copied into dropins/");
    }

    @Test
    void aRepositoryFolderInstallsItsWorkerWhoseProviderThenRunsHeadless() throws Exception {
        WorkerJar worker = WorkerJar.provider("repository-folder");
        Path repository = Files.createDirectories(Product.WORK_DIR.resolve("repository-folder"));
        Path plugins = Files.createDirectories(repository.resolve("plugins"));
        Files.createDirectories(repository.resolve("features"));
        worker.writeTo(plugins.resolve(worker.symbolicName() + "_1.0.0.jar"), Product.WORK_DIR);
        installed = dropins().resolve(worker.symbolicName() + ".jar");

        Command.Result install = CliIT.run("install", repository.toString());

        assertEquals(0, install.exitCode(), install::describe);
        String shown = install.stdout();
        assertTrue(shown.contains("Repository " + repository + ": 1 worker bundle, 0 other bundles skipped\n"), install::describe);
        assertTrue(shown.contains("Installed as " + installed + "; "), install::describe);
        assertTrue(shown.contains("Started " + worker.symbolicName() + " 1.0.0: provider repository-folder is available\n"),
                install::describe);
        assertTrue(shown.endsWith("Installed 1 of 1.\n"), install::describe);

        Command.Result run = CliIT.run("run", worker.providerId());
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("v1", run.stdout().strip(), run::describe);
    }

    @Test
    void aZipWithoutPluginsIsRefusedWithExit2() throws Exception {
        Path zip = Files.createDirectories(Product.WORK_DIR).resolve("no-repository.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("no plugins here".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        List<Path> before = dropinJars();

        Command.Result install = CliIT.run("install", zip.toString());

        assertEquals(2, install.exitCode(), install::describe);
        assertTrue(install.stderr().contains("error: no-repository.zip is not a p2 repository: it has no plugins/ folder\n"),
                install::describe);
        assertEquals(before, dropinJars(), "nothing copied into dropins/");
    }

    private static List<Path> dropinJars() throws IOException, InterruptedException {
        try (var files = Files.list(dropins())) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Path dropins() throws IOException, InterruptedException {
        return Product.home().resolve("dropins");
    }
}
