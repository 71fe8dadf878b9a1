package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker author does: {@code releng/bin/new-worker} makes a project from {@code releng/worker-template},
 * {@code releng/bin/build-worker} builds and tests it outside the product's build against the product's p2
 * repository, and the unpacked product installs the jar and runs its provider headless.
 */
class WorkerTemplateIT {

    static final Path CHECKOUT = Path.of(System.getProperty("pw.checkout")).normalize();
    static final Path REPOSITORY = CHECKOUT.resolve("releng/org.parallelworkbench.repository/target/repository");
    /** A whole Maven build of one bundle on a loaded machine; a bound, not a speed goal. */
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    static final String PROVIDER_ID = "templatecheck";
    static final String PACKAGE = "com.example.templatecheck";

    private Path dropin;

    @AfterEach
    void removeInstalledJar() throws IOException {
        if (dropin != null) {
            Files.deleteIfExists(dropin);
        }
    }

    @Test
    void aWorkerMadeFromTheTemplateBuildsOnItsOwnWithItsTestThenInstallsAndRuns(@TempDir Path authorDir) throws Exception {
        assertTrue(Files.isDirectory(REPOSITORY), "The product's p2 repository was not built: " + REPOSITORY);
        Path project = authorDir.resolve("templatecheck");

        Command.Result created = script(authorDir, "new-worker", PROVIDER_ID, PACKAGE, project.toString())
                .run(Duration.ofSeconds(30), Product.WORK_DIR);
        assertEquals(0, created.exitCode(), created::describe);
        assertTrue(created.stdout().contains("releng/bin/build-worker " + project), created::describe);
        Path provider = project.resolve("src/com/example/templatecheck/TemplatecheckProvider.java");
        assertTrue(Files.readString(provider).contains("ID = \"" + PROVIDER_ID + "\""), created::describe);

        List<String> build = new ArrayList<>(List.of(project.toString(), "-Dmaven.repo.local=" + System.getProperty("pw.maven.repo.local")));
        if (Boolean.getBoolean("pw.maven.offline")) {
            build.add("-o");
        }
        Command.Result built = script(authorDir, "build-worker", build.toArray(String[]::new)).run(BUILD_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, built.exitCode(), built::describe);
        assertTrue(built.stdout().contains(" in " + PACKAGE + ".TemplatecheckProviderTest"), "the template's unit test ran\n" + built.describe());
        assertTrue(built.stdout().contains("BUILD SUCCESS"), built::describe);
        Path jar = project.resolve("target/" + PACKAGE + "-1.0.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(jar), built::describe);

        dropin = Product.home().resolve("dropins").resolve(PACKAGE + ".jar");
        Command.Result install = CliIT.run("install", jar.toString());
        assertEquals(0, install.exitCode(), install::describe);
        assertTrue(install.stdout().contains("  symbolic name: " + PACKAGE + "\n"), install::describe);
        assertTrue(install.stdout().contains("provider " + PROVIDER_ID + " is available"), install::describe);

        Command.Result run = CliIT.run("run", PROVIDER_ID, "text=One two three. Four five! Six, seven?");
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("7", run.stdout().strip(), run::describe);
    }

    /** A releng/bin script with the test's JDK, so that use-jdk.sh needs no search. */
    private static Command script(Path workDir, String name, String... args) {
        List<String> argv = new ArrayList<>(List.of(CHECKOUT.resolve("releng/bin/" + name).toString()));
        argv.addAll(List.of(args));
        return new Command(argv, workDir, Map.of("JAVA_HOME", System.getProperty("java.home")), true);
    }
}
