package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.ui.internal.UiTestSupport.fill;
import static org.parallelworkbench.ui.internal.UiTestSupport.pick;
import static org.parallelworkbench.ui.internal.UiTestSupport.select;
import static org.parallelworkbench.ui.internal.UiTestSupport.spinUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;

/** Each provider the product ships runs from the window and shows its result in the view for its kind. */
class InstalledProvidersTest {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    private static Display display;
    private static JobService jobs;
    private WorkbenchViewModel viewModel;
    private WorkbenchWindow window;

    @BeforeAll
    static void openDisplay() throws InterruptedException {
        display = UiTestSupport.openDisplay();
        jobs = UiTestSupport.service(InstalledProvidersTest.class, JobService.class);
        spinUntil(display, () -> jobs.providers().size() >= 5, Duration.ofSeconds(10),
                () -> "the shipped providers did not all arrive: " + jobs.providers());
    }

    @AfterAll
    static void closeDisplay() {
        jobs.cancelAll("test ended");
        display.dispose();
    }

    @BeforeEach
    void openWindow() {
        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> {
            viewModel = new WorkbenchViewModel(Realm.getDefault(), jobs);
            window = new WorkbenchWindow(viewModel, (shell, question) -> CloseConfirmation.CANCEL_RUNS_AND_EXIT);
            window.setBlockOnOpen(false);
            window.open();
        });
    }

    @AfterEach
    void closeWindow() {
        window.close();
    }

    @Test
    void theWindowListsEveryShippedProvider() {
        List<String> ids = viewModel.providers().stream().map(ProviderInfo::id).toList();
        assertTrue(ids.containsAll(List.of("ticker", "primes", "montecarlo", "mandelbrot", "checksums")), ids::toString);
    }

    @Test
    void primesShowsThePrimeCountBelowAMillion() {
        run("primes", "limit=1000000 chunkSize=100000", () -> window.valueLabel().getText().equals("78498"));
    }

    @Test
    void monteCarloDrawsItsRunningEstimateAsAChart() {
        run("montecarlo", "samples=200000 units=20 seed=7", () -> window.resultView().visiblePage() == window.resultView().chart());
        ResultValue.Series series = (ResultValue.Series) viewModel.runs().selection().getValue().result().getValue();
        double estimate = series.points().get(series.points().size() - 1).y();
        assertTrue(Math.abs(estimate - Math.PI) < 0.05, "estimate " + estimate);
    }

    @Test
    void mandelbrotShowsItsImage() {
        run("mandelbrot", "width=64 height=48 tileSize=16 maxIterations=100",
                () -> window.resultView().visiblePage() instanceof Canvas && window.resultView().image() != null);
        assertEquals(64, window.resultView().image().getBounds().width);
        assertEquals(48, window.resultView().image().getBounds().height);
    }

    @Test
    void theFormGrowsToShowEveryParameterOfTheProviderPickedNext() {
        pick(window, provider("ticker"));
        pick(window, provider("mandelbrot"));

        org.eclipse.swt.widgets.Control form = window.parameterForm().control();
        spinUntil(display, () -> form.getSize().y >= form.computeSize(SWT.DEFAULT, SWT.DEFAULT).y, RUN_TIMEOUT,
                () -> "the form is cut: " + form.getSize() + " of " + form.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        for (String name : List.of("width", "height", "maxIterations", "centerX", "centerY", "viewWidth", "tileSize")) {
            assertTrue(window.parameterForm().editor(name).isVisible(), name);
        }
    }

    @Test
    void checksumsListsEachFileOfTheFolderInATable(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("a.txt"), "abc");
        Files.writeString(folder.resolve("b.txt"), "");

        run("checksums", "folder=" + folder + " algorithm=SHA-1",
                () -> window.resultView().table() != null && window.resultView().table().getTable().getItemCount() == 2);
        org.eclipse.swt.widgets.Table table = window.resultView().table().getTable();
        assertEquals("a.txt", table.getItem(0).getText(0));
        assertEquals("3", table.getItem(0).getText(1));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", table.getItem(0).getText(2), "SHA-1 of 'abc'");
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", table.getItem(1).getText(2), "SHA-1 of nothing");
    }

    private ProviderInfo provider(String providerId) {
        return viewModel.providers().stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> new AssertionError(providerId + " is not listed"));
    }

    private void run(String providerId, String parameters, BooleanSupplier shown) {
        pick(window, provider(providerId));
        fill(window, parameters);
        select(window.startButton());
        spinUntil(display, () -> viewModel.statusLine().getValue().startsWith("Finished") && shown.getAsBoolean(),
                RUN_TIMEOUT, () -> providerId + " did not finish and show its result: " + viewModel.statusLine().getValue()
                        + ", label '" + window.valueLabel().getText() + "'");
    }
}
