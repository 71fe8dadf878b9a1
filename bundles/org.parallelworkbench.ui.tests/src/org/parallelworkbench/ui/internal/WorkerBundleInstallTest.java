package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.ui.internal.UiTestSupport.select;
import static org.parallelworkbench.ui.internal.UiTestSupport.spinUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundles;
import org.parallelworkbench.ui.testbundles.GeneratedProvider;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;
import org.parallelworkbench.viewmodel.WorkerBundleRow;
import org.parallelworkbench.viewmodel.WorkerBundlesViewModel;

/**
 * File > Install Worker Bundle and the Bundles tab on the real window, engine, inspector and SCR. The test
 * framework (Equinox) has no File Install: the product's WorkerBundles service is real but its drop-in
 * folder is a temporary one, and {@link #syncDropins()} stands in for File Install, installing and
 * starting each jar that appears there and uninstalling each one that goes.
 */
class WorkerBundleInstallTest {

    private static final String SYMBOLIC_NAME = "org.parallelworkbench.ui.tests.generated";
    private static final String PROVIDER_ID = "generated-in-ui-test";
    private static final Duration WITHIN = Duration.ofSeconds(15);

    private static Display display;
    private static JobService jobs;
    private static WorkerBundles realBundles;

    @TempDir
    Path temp;

    private final BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
    private final Map<Path, Bundle> installedFromDropins = new HashMap<>();
    /** File work the test holds back while {@link #holdFileWork} is set; otherwise each runs on a thread of its own. */
    private final List<Runnable> heldFileWork = new CopyOnWriteArrayList<>();
    private volatile boolean holdFileWork;
    private DropinFolder dropins;
    private WorkbenchViewModel viewModel;
    private WorkerBundlesViewModel bundles;
    private WorkbenchWindow window;

    @BeforeAll
    static void openDisplay() throws InterruptedException {
        display = UiTestSupport.openDisplay();
        jobs = UiTestSupport.service(WorkerBundleInstallTest.class, JobService.class);
        realBundles = UiTestSupport.service(WorkerBundleInstallTest.class, WorkerBundles.class);
    }

    @AfterAll
    static void closeDisplay() {
        display.dispose();
    }

    @BeforeEach
    void openWindow() {
        dropins = new DropinFolder(temp.resolve("dropins"));
        WorkerBundles withTemporaryDropins = new WorkerBundles() {
            @Override
            public List<InstalledWorker> installed() {
                return realBundles.installed();
            }

            @Override
            public WorkerBundleReport inspect(Path file) {
                return realBundles.inspect(file);
            }

            @Override
            public String providerSpiVersion() {
                return realBundles.providerSpiVersion();
            }

            @Override
            public Optional<DropinFolder> dropins() {
                return Optional.of(dropins);
            }
        };
        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> {
            viewModel = new WorkbenchViewModel(Realm.getDefault(), jobs);
            // The change waits while syncDropins, File Install's stand-in, installs the jar.
            WorkerBundleChanges changes = WorkerBundleChanges.over(withTemporaryDropins, () -> jobs, () -> List::of,
                    this::runFileWork, WITHIN);
            bundles = new WorkerBundlesViewModel(Realm.getDefault(), withTemporaryDropins, changes, this::runFileWork,
                    viewModel::showMessage);
            window = new WorkbenchWindow(viewModel, (shell, question) -> CloseConfirmation.CANCEL_RUNS_AND_EXIT,
                    new WindowServices(List::of, null, bundles));
            window.setBlockOnOpen(false);
            window.open();
        });
    }

    @AfterEach
    void closeWindow() throws BundleException {
        window.close();
        for (Bundle bundle : installedFromDropins.values()) {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
        }
    }

    @Test
    void aBundleInstalledThroughTheDialogAddsItsProviderAndUninstallFromTheBundlesTabRemovesIt() throws Exception {
        Path jar = WorkerJar.write(temp.resolve("generated.jar"), SYMBOLIC_NAME, "1.0.0", PROVIDER_ID, "Generated in UI test",
                GeneratedProvider.class);
        assertTrue(providers().stream().noneMatch(p -> p.id().equals(PROVIDER_ID)), "listed before it was installed");

        InstallBundleDialog dialog = window.openInstallDialog(jar, false);
        spinUntil(display, dialog::showsReport, WITHIN, () -> "the jar's report did not show: " + dialog.readingLabel().getText());
        assertEquals(SYMBOLIC_NAME + ".provider (" + GeneratedProvider.class.getName() + ")", dialog.providersLabel().getText());
        assertEquals("Generated test worker", dialog.nameLabel().getText());
        assertEquals("not signed", dialog.signatureLabel().getText());
        // Install follows the report in a Realm turn of its own.
        spinUntil(display, () -> dialog.installButton().isEnabled(), WITHIN,
                () -> "Install disabled: " + dialog.problemsLabel().getText());
        select(dialog.installButton());

        spinUntil(display, () -> {
            syncDropins();
            return providers().stream().anyMatch(p -> p.id().equals(PROVIDER_ID));
        }, WITHIN, () -> "the installed bundle's provider did not appear; status: " + viewModel.statusLine().getValue()
                + ", providers " + providers().stream().map(ProviderInfo::id).toList());
        spinUntil(display, () -> bundleRow().isPresent()
                && viewModel.statusLine().getValue().equals("Installed worker bundle " + SYMBOLIC_NAME + " 1.0.0: provider " + PROVIDER_ID),
                WITHIN, () -> "the Bundles tab did not list the bundle as active with its provider; status: "
                        + viewModel.statusLine().getValue());
        WorkerBundleRow row = bundleRow().orElseThrow();
        assertEquals("drop-in", row.origin());

        window.bundlesView().viewer().setSelection(new StructuredSelection(row), true);
        spinUntil(display, () -> window.bundlesView().uninstallButton().isEnabled(), WITHIN,
                () -> "Uninstall stayed disabled: " + window.bundlesView().hint().getText());
        select(window.bundlesView().uninstallButton());

        // Uninstall answers through the Realm once the run journal was read. A condition that refreshes widgets
        // makes events on every check, and SWT runs async work only when no event is pending: wait on the file first.
        Path dropin = dropins.path().resolve(SYMBOLIC_NAME + ".jar");
        spinUntil(display, () -> !Files.exists(dropin), WITHIN, () -> "the drop-in was not deleted; status: "
                + viewModel.statusLine().getValue());
        spinUntil(display, () -> {
            syncDropins();
            return providers().stream().noneMatch(p -> p.id().equals(PROVIDER_ID)) && bundleRow().isEmpty();
        }, WITHIN, () -> "the uninstalled bundle's provider is still listed; status: " + viewModel.statusLine().getValue());
    }

    @Test
    void theDialogSaysItIsReadingWithInstallDisabledUntilTheReportArrives() throws Exception {
        Path jar = WorkerJar.write(temp.resolve("generated.jar"), SYMBOLIC_NAME, "1.0.0", PROVIDER_ID, "Generated in UI test",
                GeneratedProvider.class);
        holdFileWork = true;

        InstallBundleDialog dialog = window.openInstallDialog(jar, false);

        assertEquals("Reading generated.jar\u2026", dialog.readingLabel().getText());
        assertFalse(dialog.installButton().isEnabled(), "Install enabled while the jar is read");
        assertEquals(1, heldFileWork.size(), "the jar was not read on the file executor");
        holdFileWork = false;
        heldFileWork.forEach(this::runFileWork);

        spinUntil(display, dialog::showsReport, WITHIN, () -> "the jar's report did not replace 'Reading'");
        assertEquals("Generated test worker", dialog.nameLabel().getText());
        spinUntil(display, () -> dialog.installButton().isEnabled(), WITHIN,
                () -> "Install stayed disabled: " + dialog.problemsLabel().getText());
        dialog.close();
        assertTrue(dropins.jars().isEmpty(), "closing the dialog installed the jar");
    }

    @Test
    void aShippedBundleCannotBeUninstalledAndTheTabSaysWhy() {
        WorkerBundleRow ticker = bundles.rows().stream().filter(r -> r.symbolicName().equals("org.parallelworkbench.workers.ticker"))
                .findFirst().orElseThrow(() -> new AssertionError("the ticker bundle is not listed: " + bundles.rows()));

        window.bundlesView().viewer().setSelection(new StructuredSelection(ticker), true);

        spinUntil(display, () -> window.bundlesView().hint().getText().startsWith("Ships with the product")
                && window.bundlesView().hint().getText().equals(window.bundlesView().uninstallButton().getToolTipText()),
                WITHIN, () -> "no reason shown: '" + window.bundlesView().hint().getText() + "', tooltip '"
                        + window.bundlesView().uninstallButton().getToolTipText() + "'");
        assertTrue(!window.bundlesView().uninstallButton().isEnabled() && !window.bundlesView().updateButton().isEnabled(),
                "Update or Uninstall enabled for a shipped bundle");
    }

    private void runFileWork(Runnable command) {
        if (holdFileWork) {
            heldFileWork.add(command);
        } else {
            new Thread(command, "test-dropins").start();
        }
    }

    /** The window's list, read again from the engine: WorkbenchApplication's provider tracking is not wired here. */
    private List<ProviderInfo> providers() {
        viewModel.refreshProviders();
        return List.copyOf(viewModel.providers());
    }

    /** The Bundles tab's row of the generated bundle, once active with its provider registered. */
    private Optional<WorkerBundleRow> bundleRow() {
        bundles.refresh();
        return bundles.rows().stream().filter(r -> r.symbolicName().equals(SYMBOLIC_NAME) && r.state().equals("ACTIVE")
                && r.worker().providerIds().contains(PROVIDER_ID)).findFirst();
    }

    /** What File Install does in the product: installs and starts new jars of the folder, uninstalls removed ones. */
    private void syncDropins() {
        try {
            for (Path jar : dropins.jars()) {
                if (!installedFromDropins.containsKey(jar)) {
                    Bundle bundle = context.installBundle(jar.toUri().toString());
                    installedFromDropins.put(jar, bundle);
                    bundle.start();
                }
            }
            List<Path> present = dropins.jars();
            for (var entry : List.copyOf(installedFromDropins.entrySet())) {
                if (!present.contains(entry.getKey())) {
                    entry.getValue().uninstall();
                    installedFromDropins.remove(entry.getKey());
                }
            }
        } catch (IOException | BundleException e) {
            throw new AssertionError("the File Install stand-in failed", e);
        }
    }
}
