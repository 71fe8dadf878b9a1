package org.parallelworkbench.cli.internal.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.BundleState;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;

/** How install describes a jar before copying it, and how pw:workers lists worker bundles. */
class WorkerBundleTextTest {

    private static final Path FILE = Path.of("/tmp/w.jar");

    @Test
    void aReportShowsIdentityVendorProvidersSignatureAndEveryProblem() {
        WorkerBundleReport report = new WorkerBundleReport(FILE, "com.example.w", "1.2.0", "Example worker", "Example Inc.",
                List.of(new DeclaredProvider("com.example.w.Fast", "com.example.w.internal.FastProvider")), true,
                "CN=Example", List.of(BundleProblem.warning("w: component x has no implementation")));
        String text = WorkerBundleText.report(report);
        assertEquals("""
                Worker bundle Example worker
                  symbolic name: com.example.w
                  version:       1.2.0
                  vendor:        Example Inc.
                  providers:     FastProvider (component com.example.w.Fast)
                  signature:     signed by CN=Example
                  file:          /tmp/w.jar
                warning: w: component x has no implementation
                """, text);
    }

    @Test
    void aFileThatIsNoBundleShowsItsPathAndItsErrors() {
        WorkerBundleReport report = new WorkerBundleReport(FILE, "", "", "", "", List.of(), false, "",
                List.of(BundleProblem.error("w.jar is not a jar: zip END header not found")));
        assertEquals("File /tmp/w.jar\nerror: w.jar is not a jar: zip END header not found\n", WorkerBundleText.report(report));
    }

    @Test
    void missingVendorVersionAndProvidersAreSaid() {
        WorkerBundleReport report = new WorkerBundleReport(FILE, "w", "", "", "", List.of(), false, "", List.of());
        String text = WorkerBundleText.report(report);
        assertTrue(text.startsWith("Worker bundle w\n"), text);
        assertTrue(text.contains("  version:       0.0.0\n"), text);
        assertTrue(text.contains("  vendor:        (none given)\n"), text);
        assertTrue(text.contains("  providers:     none declared\n"), text);
        assertTrue(text.contains("  signature:     not signed\n"), text);
        assertFalse(text.contains("error"), text);
    }

    @Test
    void workersListIdNameVersionStateAndProviderIds() {
        List<InstalledWorker> workers = List.of(
                new InstalledWorker(12, "com.example.w", "1.2.0", BundleState.ACTIVE, "file:/d/w.jar", List.of("fast", "slow"), List.of()),
                new InstalledWorker(3, "com.example.broken", "0.1.0", BundleState.INSTALLED, "file:/d/b.jar", List.of(), List.of()));
        assertEquals("  12  com.example.w 1.2.0  ACTIVE  providers: fast, slow\n"
                + "   3  com.example.broken 0.1.0  INSTALLED  providers: none registered\n", WorkerBundleText.workers(workers));
        assertEquals("No worker bundles installed.\n", WorkerBundleText.workers(List.of()));
    }
}
