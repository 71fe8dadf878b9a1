package org.parallelworkbench.cli.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.cli.internal.TestProviders;
import org.parallelworkbench.testing.FakeJobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.testing.FakeWorkerBundles;

/** pw:workers, pw:install and pw:uninstall: answers as text, refusals as exceptions Gogo prints. */
class PwWorkerCommandsTest {

    @TempDir
    Path temp;

    private static PwWorkerCommands commands(FakeWorkerBundles bundles, FakeJobService jobs) {
        return new PwWorkerCommands(bundles,
                WorkerBundleChanges.over(bundles, () -> jobs, () -> List::of, Runnable::run, Duration.ofMillis(500)));
    }

    @Test
    void installThenWorkersThenUninstall() throws Exception {
        FakeWorkerBundles bundles = FakeWorkerBundles.withFileInstall(temp.resolve("dropins"));
        bundles.providerIds.put("com.example.w", List.of("gen"));
        PwWorkerCommands commands = commands(bundles, TestProviders.jobs());
        Path jar = FakeWorkerBundles.jar(temp.resolve("w.jar"), "com.example.w", "1.0.0");

        assertTrue(commands.install(jar.toString()).endsWith("Started com.example.w 1.0.0: provider gen is available"));
        assertEquals(" 100  com.example.w 1.0.0  ACTIVE  providers: gen\n", commands.workers());
        assertTrue(commands.uninstall("com.example.w").endsWith("Uninstalled com.example.w 1.0.0; gone: provider gen"));
        assertEquals("No worker bundles installed.\n", commands.workers());
    }

    @Test
    void refusalsThrowWithTheWholeReason() throws Exception {
        FakeWorkerBundles bundles = FakeWorkerBundles.withFileInstall(temp.resolve("dropins"));
        bundles.providerIds.put("com.example.w", List.of("gen"));
        FakeJobService jobs = TestProviders.jobs();
        jobs.providers.add(new ProviderInfo("gen", "Generated", "", "1.0.0", List.of()));
        PwWorkerCommands commands = commands(bundles, jobs);
        commands.install(FakeWorkerBundles.jar(temp.resolve("w.jar"), "com.example.w", "1.0.0").toString());
        String id = jobs.start("gen", Parameters.NONE).id();

        IllegalArgumentException busy = assertThrows(IllegalArgumentException.class, () -> commands.uninstall("com.example.w"));
        assertTrue(busy.getMessage().startsWith("Worker bundle com.example.w 1.0.0 has 1 active run: " + id + " (gen, RUNNING)"),
                busy.getMessage());
        IllegalArgumentException usage = assertThrows(IllegalArgumentException.class, () -> commands.uninstall());
        assertTrue(usage.getMessage().startsWith("pw:uninstall: Missing required parameter: '<symbolic-name>'\n"
                + "Usage: pw:uninstall [-h] [--force] <symbolic-name>"), usage.getMessage());
        IllegalArgumentException notAJar = assertThrows(IllegalArgumentException.class,
                () -> commands.install(temp.resolve("missing.jar").toString()));
        assertTrue(notAJar.getMessage().endsWith("Nothing installed."), notAJar.getMessage());

        commands.uninstall("--force", "com.example.w");
        assertEquals(RunState.CANCELED, jobs.started.get(0).state());
    }
}
