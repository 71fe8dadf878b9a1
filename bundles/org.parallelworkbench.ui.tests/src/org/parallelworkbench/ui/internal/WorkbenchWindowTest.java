package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.ui.internal.UiTestSupport.fill;
import static org.parallelworkbench.ui.internal.UiTestSupport.menuItem;
import static org.parallelworkbench.ui.internal.UiTestSupport.pick;
import static org.parallelworkbench.ui.internal.UiTestSupport.select;
import static org.parallelworkbench.ui.internal.UiTestSupport.spinUntil;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;

/** The real window on the real engine and ticker, driven the way a user drives it. */
class WorkbenchWindowTest {

    private static final Duration VALUES_TIMEOUT = Duration.ofSeconds(10);
    /** Eclipse's own bar for a cancelled job, and the product's promise to the user. */
    private static final long STOP_WITHIN_MILLIS = 1_000;

    private static Display display;
    private static JobService jobs;

    private final Deque<Integer> closeAnswers = new ArrayDeque<>();
    private final List<String> closeQuestions = new ArrayList<>();
    private WorkbenchViewModel viewModel;
    private WorkbenchWindow window;

    @BeforeAll
    static void openDisplay() throws InterruptedException {
        display = UiTestSupport.openDisplay();
        jobs = UiTestSupport.service(WorkbenchWindowTest.class, JobService.class);
    }

    @AfterAll
    static void closeDisplay() {
        display.dispose();
    }

    @BeforeEach
    void openWindow() {
        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> {
            viewModel = new WorkbenchViewModel(Realm.getDefault(), jobs);
            window = new WorkbenchWindow(viewModel, (shell, question) -> {
                closeQuestions.add(question);
                return closeAnswers.removeFirst();
            });
            window.setBlockOnOpen(false);
            window.open();
            // As a user picks it: with nothing started before, the window opens on the first provider by name.
            pick(window, jobs.providers().stream().filter(p -> p.id().equals("ticker")).findFirst().orElseThrow());
        });
    }

    @AfterEach
    void closeWindow() {
        jobs.cancelAll("test ended");
        closeAnswers.add(CloseConfirmation.CANCEL_RUNS_AND_EXIT);
        if (window.getShell() != null) {
            window.close();
        }
        spinUntil(display, () -> jobs.activeRuns().isEmpty(), Duration.ofSeconds(5), () -> "runs still active after the test");
    }

    @Test
    void startShowsSuccessiveValuesAndStopEndsTheRunCancelledWithinOneSecond() throws Exception {
        assertTrue(window.startButton().isEnabled());
        assertFalse(window.stopButton().isEnabled(), "nothing to stop yet");

        select(window.startButton());
        RunHandle run = onlyActiveRun();
        List<Long> shown = new ArrayList<>();
        spinUntil(display, () -> recordValue(shown) && twoSuccessive(shown), VALUES_TIMEOUT,
                () -> "label did not show two successive values, saw " + shown);
        assertTrue(window.stopButton().isEnabled());
        assertEquals(WorkbenchViewModel.TITLE + " \u2013 1 run active", window.getShell().getText());

        // Stop from the keyboard path: the Run menu item that its accelerator triggers.
        long stopPressed = System.nanoTime();
        select(menuItem(window.getShell().getMenuBar(), "Run", WorkbenchWindow.STOP_ACCELERATOR));
        RunOutcome outcome = run.outcome().toCompletableFuture().get(STOP_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
        long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopPressed);

        assertEquals(RunState.CANCELED, outcome.state(), () -> "run ended " + outcome);
        assertTrue(stoppedMillis <= STOP_WITHIN_MILLIS, "stop took " + stoppedMillis + " ms");
        spinUntil(display, () -> !window.stopButton().isEnabled(), Duration.ofSeconds(5),
                () -> "Stop stayed enabled after the run ended");
        assertEquals(WorkbenchViewModel.TITLE, window.getShell().getText());
    }

    @Test
    void closingWhileRunningAsksAndKeepRunningKeepsWindowAndRun() throws Exception {
        select(window.startButton());
        RunHandle run = onlyActiveRun();

        closeAnswers.add(CloseConfirmation.KEEP_RUNNING);
        window.getShell().close();

        assertEquals(List.of("1 run is still active. Cancel and exit, or keep running?"), closeQuestions);
        assertFalse(window.getShell() == null || window.getShell().isDisposed(), "window closed although the user kept it");
        assertFalse(run.state().isFinal(), "run ended although the user kept it running");

        closeAnswers.add(CloseConfirmation.CANCEL_RUNS_AND_EXIT);
        window.getShell().close();

        assertTrue(window.getShell() == null, "window stayed open after cancel and exit");
        RunOutcome outcome = run.outcome().toCompletableFuture().get(STOP_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(RunState.CANCELED, outcome.state());
    }

    /** The walk through the window: a bad value, its fix, two runs, one cancelled, the other's result. */
    @Test
    void aBadValueDisablesStartItsFixStartsAndOfTwoRunsTheCancelledOneLeavesTheOthersResult() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        LatchProvider latch = new LatchProvider();
        List<ServiceRegistration<WorkProvider>> registrations = List.of(
                context.registerService(WorkProvider.class, new SumProvider(), null),
                context.registerService(WorkProvider.class, latch, null));
        try {
            spinUntil(display, () -> jobs.providers().containsAll(List.of(SumProvider.INFO, LatchProvider.INFO)),
                    Duration.ofSeconds(5), () -> "the engine did not see the test providers");
            select(menuItem(window.getShell().getMenuBar(), "Run", SWT.F5));
            assertTrue(viewModel.providers().containsAll(List.of(SumProvider.INFO, LatchProvider.INFO)),
                    "Run > Refresh Providers did not list the test providers");

            pick(window, LatchProvider.INFO);
            select(window.startButton());
            pick(window, SumProvider.INFO);
            assertEquals(SumProvider.INFO, viewModel.selectedProvider().getValue());
            fill(window, "n=1001");
            spinUntil(display, () -> !window.startButton().isEnabled() && window.parameterForm().decoration("n").isVisible(),
                    Duration.ofSeconds(5), () -> "Start stayed enabled, or no error decoration, for n=1001");
            assertEquals("must be between 1 and 1000, not 1001", window.parameterForm().decoration("n").getDescriptionText());
            // JFace's PNG marker, not its SVG one (a second of start-up) nor the missing image's red square.
            try (InputStream png = FieldDecorationRegistry.class.getResourceAsStream("images/error_ovr.png")) {
                assertNotNull(png, "JFace no longer ships images/error_ovr.png");
                ImageData marker = new ImageData(png);
                Rectangle shown = window.parameterForm().decoration("n").getImage().getBounds();
                assertEquals(List.of(marker.width, marker.height), List.of(shown.width, shown.height));
            }
            assertEquals("Cannot start: n: must be between 1 and 1000, not 1001", viewModel.statusLine().getValue());
            assertEquals(viewModel.statusLine().getValue(), window.statusLine().getText());

            fill(window, "n=100");
            spinUntil(display, () -> window.startButton().isEnabled() && !window.parameterForm().decoration("n").isVisible(),
                    Duration.ofSeconds(5), () -> "Start did not come back, or the decoration stayed, for n=100");
            select(window.startButton());
            Table table = window.runsTable().viewer().getTable();
            spinUntil(display, () -> table.getItemCount() == 2, Duration.ofSeconds(5), () -> "two runs are not listed");

            table.setSelection(1);
            table.notifyListeners(SWT.Selection, new Event());
            Event esc = new Event();
            esc.keyCode = SWT.ESC;
            table.notifyListeners(SWT.KeyDown, esc);
            spinUntil(display, () -> rowText(table, 1).startsWith("Latch  Threads CANCELED"), Duration.ofSeconds(5),
                    () -> "Esc did not cancel the selected run: " + rowText(table, 1));
            // The row and the status line follow the run through separate Realm deliveries.
            spinUntil(display, () -> "Canceled by the user".equals(viewModel.statusLine().getValue()), Duration.ofSeconds(5),
                    () -> "the selected run's status: " + viewModel.statusLine().getValue());

            table.setSelection(0);
            table.notifyListeners(SWT.Selection, new Event());
            // The state event may show SUCCEEDED a moment before the outcome finishes the row: wait for both.
            spinUntil(display, () -> window.valueLabel().getText().equals("sum = 5050")
                    && rowText(table, 0).startsWith("Sum n=100 Threads SUCCEEDED")
                    && viewModel.statusLine().getValue().equals("Finished: sum = 5050"), Duration.ofSeconds(10),
                    () -> "label shows '" + window.valueLabel().getText() + "', not the Sum run's result; row "
                            + rowText(table, 0) + "; status " + viewModel.statusLine().getValue());
        } finally {
            latch.release();
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    @Test
    void aFailedRunsCauseIsOneDoubleClickAwayInTheLog() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceRegistration<WorkProvider> registration = context.registerService(WorkProvider.class, new FailingProvider(), null);
        try {
            spinUntil(display, () -> jobs.providers().contains(FailingProvider.INFO), Duration.ofSeconds(5),
                    () -> "the engine did not see the test provider");
            viewModel.refreshProviders();
            pick(window, FailingProvider.INFO);
            select(window.startButton());
            Table runs = window.runsTable().viewer().getTable();
            spinUntil(display, () -> rowText(runs, 0).startsWith("Failing  Threads FAILED") && window.bottomTabs().getItem(1).getText().equals("Log (1)"),
                    Duration.ofSeconds(10), () -> "no failed row and no unseen error on the Log tab: " + rowText(runs, 0) + ", tab "
                            + window.bottomTabs().getItem(1).getText());
            assertTrue(viewModel.statusLine().getValue().startsWith("Failed: ") && viewModel.statusLine().getValue().contains(FailingProvider.CAUSE),
                    viewModel.statusLine().getValue());

            runs.notifyListeners(SWT.DefaultSelection, new Event());

            assertEquals(window.bottomTabs().getItem(1), window.bottomTabs().getSelection(), "the Log tab is shown");
            spinUntil(display, () -> window.logView().detail().getText().contains(FailingProvider.CAUSE)
                    && window.bottomTabs().getItem(1).getText().equals("Log"), Duration.ofSeconds(5),
                    () -> "the log's detail does not show the cause, or the error is not counted as seen: "
                            + window.logView().detail().getText() + ", tab " + window.bottomTabs().getItem(1).getText());
        } finally {
            registration.unregister();
        }
    }

    @Test
    void eachResultKindIsShownInItsOwnView() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceRegistration<WorkProvider> registration = context.registerService(WorkProvider.class, new KindsProvider(), null);
        try {
            spinUntil(display, () -> jobs.providers().contains(KindsProvider.INFO), Duration.ofSeconds(5),
                    () -> "the engine did not see the test provider");
            viewModel.refreshProviders();
            pick(window, KindsProvider.INFO);
            ResultView view = window.resultView();

            runToTheEnd("kind=series", () -> view.visiblePage() == view.chart());
            assertEquals(KindsProvider.UNITS, view.chart().getSeriesSet().getSeries()[0].getYSeries().length);

            runToTheEnd("kind=table", () -> view.table() != null && view.visiblePage() == view.table().getTable().getParent());
            assertEquals(KindsProvider.UNITS, view.table().getTable().getItemCount());
            assertEquals("9", view.table().getTable().getItem(3).getText(1));

            runToTheEnd("kind=image", () -> view.visiblePage() instanceof org.eclipse.swt.widgets.Canvas);
            assertEquals(KindsProvider.IMAGE_WIDTH, view.image().getBounds().width);
            assertEquals(KindsProvider.IMAGE_HEIGHT, view.image().getBounds().height);
            org.eclipse.swt.graphics.ImageData shown = view.image().getImageData();
            assertEquals(new org.eclipse.swt.graphics.RGB(255, 0, 0), shown.palette.getRGB(shown.getPixel(3, 2)),
                    "the provider's opaque red pixels");

            Table runs = window.runsTable().viewer().getTable();
            runs.setSelection(2);
            runs.notifyListeners(SWT.Selection, new Event());
            spinUntil(display, () -> view.visiblePage() == view.chart(), Duration.ofSeconds(5),
                    () -> "selecting the series run did not show its chart again");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void theRunsTableListsEachRunEscCancelsTheSelectedOneAndCancelAllTheRest() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        LatchProvider latch = new LatchProvider();
        ServiceRegistration<WorkProvider> sum = context.registerService(WorkProvider.class, new SumProvider(), null);
        ServiceRegistration<WorkProvider> waiting = context.registerService(WorkProvider.class, latch, null);
        try {
            spinUntil(display, () -> jobs.providers().containsAll(List.of(SumProvider.INFO, LatchProvider.INFO)),
                    Duration.ofSeconds(5), () -> "the engine did not see the test providers");
            viewModel.refreshProviders();
            pick(window, SumProvider.INFO);
            runToTheEnd("n=10", () -> true);

            pick(window, LatchProvider.INFO);
            select(window.startButton());
            Table table = window.runsTable().viewer().getTable();
            spinUntil(display, () -> table.getItemCount() == 2 && rowText(table, 0).startsWith("Latch  Threads RUNNING"),
                    Duration.ofSeconds(5), () -> "no running Latch row on top: " + rowText(table, 0));

            Event esc = new Event();
            esc.keyCode = SWT.ESC;
            table.notifyListeners(SWT.KeyDown, esc);

            spinUntil(display, () -> rowText(table, 0).startsWith("Latch  Threads CANCELED"), Duration.ofSeconds(5),
                    () -> "Esc did not cancel the selected run: " + rowText(table, 0));
            assertEquals("Sum n=10 Threads SUCCEEDED " + RunsTable.percent(1) + " 10 / 10 units", rowText(table, 1).substring(0,
                    rowText(table, 1).indexOf(" units") + " units".length()));

            select(window.startButton());
            select(window.startButton());
            spinUntil(display, () -> table.getItemCount() == 4 && rowText(table, 0).startsWith("Latch  Threads RUNNING")
                    && rowText(table, 1).startsWith("Latch  Threads RUNNING"),
                    Duration.ofSeconds(5), () -> "the two new Latch runs are not listed on top: " + rowText(table, 0));
            // Cancel All is enabled by a side effect of the active count, in a Realm turn after the rows show the runs;
            // a disabled item ignores the selection, as it ignores a click.
            MenuItem cancelAll = menuItem(window.getShell().getMenuBar(), "Run", WorkbenchWindow.CANCEL_ALL_ACCELERATOR);
            spinUntil(display, cancelAll::isEnabled, Duration.ofSeconds(5), () -> "Run > Cancel All stayed disabled");
            select(cancelAll);
            spinUntil(display, () -> rowText(table, 0).startsWith("Latch  Threads CANCELED") && rowText(table, 1).startsWith("Latch  Threads CANCELED"),
                    Duration.ofSeconds(5), () -> "Run > Cancel All did not cancel the active runs: " + rowText(table, 0));
        } finally {
            latch.release();
            waiting.unregister();
            sum.unregister();
        }
    }

    /**
     * Run on, as a user picks it: Processes shows the engine's refusal, Cluster without a cluster disables Start saying
     * why, Threads runs and says so in its row.
     */
    @Test
    void runOnOffersTheTargetsShowsARefusalAndTheRunsTableSaysWhereARunExecutes() {
        Combo runOn = window.parameterForm().runOn().combo();
        assertEquals(List.of("Default", "Threads", "Processes", "Cluster"), List.of(runOn.getItems()));
        assertEquals("Default", runOn.getText());
        assertTrue(runOn.getToolTipText().contains("a unit that crashes or exits cannot take the window down"),
                runOn.getToolTipText());
        assertTrue(runOn.setFocus(), "Run on cannot take the keyboard focus");

        choose(runOn, "Processes");
        assertEquals(ExecutionTarget.PROCESSES, viewModel.form().target().getValue());
        select(window.startButton());
        Table table = window.runsTable().viewer().getTable();
        // An engine without worker processes refuses; one with them runs there. Either way the window says which.
        spinUntil(display, () -> viewModel.statusLine().getValue().startsWith("Cannot start Ticker: Provider 'ticker' cannot run"
                + " on processes") || table.getItemCount() == 1 && table.getItem(0).getText(2).equals("Processes"),
                Duration.ofSeconds(5), () -> "neither a refusal in the status line (" + viewModel.statusLine().getValue()
                        + ") nor a run on processes: " + rowText(table, 0));
        choose(runOn, "Cluster"); // this window's product has no cluster bundle
        spinUntil(display, () -> !window.startButton().isEnabled(), Duration.ofSeconds(5), () -> "Start stayed enabled");
        assertEquals("Cannot start: Run on: the cluster bundle is not running", viewModel.statusLine().getValue());
        spinUntil(display, () -> runOn.getToolTipText().startsWith("Cannot run here now: the cluster bundle is not running"),
                Duration.ofSeconds(5), runOn::getToolTipText);
        choose(runOn, "Threads");
        select(window.startButton());
        spinUntil(display, () -> table.getItemCount() >= 1 && table.getItem(0).getText(2).equals("Threads"), Duration.ofSeconds(5),
                () -> "the run on threads is not listed on top: " + rowText(table, 0));
        assertEquals("Run on", table.getColumn(2).getText());
        viewModel.form().restoreDefaults();
        assertEquals("Default", runOn.getText(), "Restore Default Parameters did not reach the drop-down");
    }

    private static void choose(Combo combo, String item) {
        combo.select(List.of(combo.getItems()).indexOf(item));
        combo.notifyListeners(SWT.Selection, new Event());
    }

    /** A row's cell texts, space separated. */
    private static String rowText(Table table, int row) {
        if (table.getItemCount() <= row) {
            return "(no row " + row + ")";
        }
        TableItem item = table.getItem(row);
        return String.join(" ", java.util.stream.IntStream.range(0, table.getColumnCount()).mapToObj(item::getText).toList());
    }

    private void runToTheEnd(String parameters, java.util.function.BooleanSupplier shown) {
        fill(window, parameters);
        select(window.startButton());
        spinUntil(display, () -> viewModel.statusLine().getValue().startsWith("Finished") && shown.getAsBoolean(),
                Duration.ofSeconds(10), () -> "run with " + parameters + " did not finish and show its result: "
                        + viewModel.statusLine().getValue() + ", page " + window.resultView().visiblePage());
    }

    @Test
    void theWindowOpensAtItsInitialSizeWithEveryPartShowing() {
        assertEquals(WorkbenchWindow.INITIAL_SIZE, window.getShell().getSize());
        // Layouts of tab folders and column layouts settle in the event loop.
        spinUntil(display, () -> window.runsTable().viewer().getTable().getSize().y > 50
                && window.providersList().viewer().getTable().getSize().x > 100, Duration.ofSeconds(5),
                () -> "a part is squeezed out: Runs table " + window.runsTable().viewer().getTable().getSize()
                        + ", providers list " + window.providersList().viewer().getTable().getSize());
        Table runs = window.runsTable().viewer().getTable();
        spinUntil(display, () -> java.util.Arrays.stream(runs.getColumns()).mapToInt(c -> c.getWidth()).sum() <= runs.getClientArea().width,
                Duration.ofSeconds(5), () -> "the Runs table's columns do not fit its " + runs.getClientArea().width + " px: "
                        + java.util.Arrays.stream(runs.getColumns()).map(c -> c.getText() + " " + c.getWidth()).toList());
    }

    @Test
    void closingWhenIdleDoesNotAsk() {
        window.getShell().close();

        assertTrue(closeQuestions.isEmpty(), "asked " + closeQuestions);
        assertTrue(window.getShell() == null, "idle window did not close");
    }

    private RunHandle onlyActiveRun() {
        List<RunHandle> active = jobs.activeRuns();
        assertEquals(1, active.size(), () -> "expected the ticker's run, got " + active);
        return active.get(0);
    }

    private boolean recordValue(List<Long> shown) {
        String text = window.valueLabel().getText();
        if (text.matches("\\d+")) {
            long value = Long.parseLong(text);
            if (shown.isEmpty() || shown.get(shown.size() - 1) != value) {
                shown.add(value);
            }
        }
        return true;
    }

    private static boolean twoSuccessive(List<Long> shown) {
        for (int i = 1; i < shown.size(); i++) {
            if (shown.get(i) == shown.get(i - 1) + 1) {
                return true;
            }
        }
        return false;
    }
}
