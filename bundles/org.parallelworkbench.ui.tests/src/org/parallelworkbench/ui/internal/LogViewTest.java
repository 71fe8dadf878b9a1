package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.ui.internal.UiTestSupport.spinUntil;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.viewmodel.LogCapture;
import org.parallelworkbench.viewmodel.LogEntry;
import org.parallelworkbench.viewmodel.LogViewModel;

/** The Log view on a real display, fed through java.util.logging from another thread. */
class LogViewTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String LOGGER_NAME = "org.parallelworkbench.ui.tests.LogViewTest";

    private static Display display;

    /** Held strongly: java.util.logging keeps loggers only weakly, and with them their handlers. */
    private Logger julLogger;
    private LogViewModel log;
    private LogCapture capture;
    private Shell shell;
    private LogView view;

    @BeforeAll
    static void openDisplay() {
        display = UiTestSupport.openDisplay();
    }

    @AfterAll
    static void closeDisplay() {
        display.dispose();
    }

    @BeforeEach
    void openView() {
        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> {
            log = new LogViewModel(DisplayRealm.getRealm(display));
            shell = new Shell(display);
            shell.setLayout(new FillLayout());
            view = new LogView(shell, log);
            shell.setSize(800, 500);
            shell.open();
        });
        julLogger = Logger.getLogger(LOGGER_NAME);
        julLogger.setUseParentHandlers(false); // the warning is the test's, not news for the console
        capture = LogCapture.install(log, julLogger);
    }

    @AfterEach
    void closeView() {
        capture.close();
        julLogger.setUseParentHandlers(true);
        shell.dispose();
    }

    @Test
    void aWarningLoggedOnAnotherThreadShowsAndItsDetailHasTheStackTrace() throws InterruptedException {
        Thread worker = new Thread(() -> System.getLogger(LOGGER_NAME).log(System.Logger.Level.WARNING,
                "Run mibx3k2a-0007 (Primes run #7): unit 3 failed", new ArithmeticException("/ by zero")), "fake-engine");
        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        Table table = view.viewer().getTable();
        spinUntil(display, () -> table.getItemCount() == 1, TIMEOUT, () -> "the warning did not appear in the table");

        assertEquals("Warning", table.getItem(0).getText(1));
        assertEquals("Primes run #7", table.getItem(0).getText(2));
        assertEquals("unit 3 failed", table.getItem(0).getText(3));
        assertEquals("", view.detail().getText(), "nothing selected yet");

        clickRow(table, 0);
        spinUntil(display, () -> view.detail().getText().contains("java.lang.ArithmeticException: / by zero"), TIMEOUT,
                () -> "the detail did not show the stack trace: " + view.detail().getText());
        assertTrue(view.detail().getText().contains("at org.parallelworkbench.ui.internal.LogViewTest"),
                view.detail().getText());
    }

    @Test
    void theNewestEntryIsOnTopAndAFailedRunsErrorCanBeSelectedFromOutside() {
        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> {
            log.post(Instant.now(), LogEntry.Severity.WARNING, "Engine", "older", "", "");
            log.post(Instant.now(), LogEntry.Severity.ERROR, "Primes", "Run r-7 failed: out of memory",
                    "Reason: out of memory", "r-7");
            log.post(Instant.now(), LogEntry.Severity.WARNING, "Engine", "newest", "", "");
        });
        Table table = view.viewer().getTable();
        spinUntil(display, () -> table.getItemCount() == 3, TIMEOUT, () -> "the entries did not appear");
        assertEquals("newest", table.getItem(0).getText(3), "newest at the top, as in Eclipse's Error Log");

        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> assertTrue(log.selectRun("r-7")));

        assertEquals(1, table.getSelectionIndex(), "the run's error row is selected");
        assertTrue(view.detail().getText().contains("Reason: out of memory"), view.detail().getText());
    }

    @Test
    void clearEmptiesTheTableAndTheDetail() {
        Realm.runWithDefault(DisplayRealm.getRealm(display),
                () -> log.post(Instant.now(), LogEntry.Severity.ERROR, "Engine", "broken", "trace", ""));
        Table table = view.viewer().getTable();
        spinUntil(display, () -> table.getItemCount() == 1, TIMEOUT, () -> "the entry did not appear");
        clickRow(table, 0);
        assertTrue(view.detail().getText().contains("trace"), view.detail().getText());

        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> view.clearAction().run());

        assertEquals(0, table.getItemCount());
        assertEquals("", view.detail().getText());
        assertEquals("No warnings or errors", view.summary().getText());
    }

    @Test
    void enterOnAnEntryMovesTheFocusToItsDetail() {
        Realm.runWithDefault(DisplayRealm.getRealm(display),
                () -> log.post(Instant.now(), LogEntry.Severity.WARNING, "Engine", "slow worker", "", ""));
        Table table = view.viewer().getTable();
        spinUntil(display, () -> table.getItemCount() == 1, TIMEOUT, () -> "the entry did not appear");
        table.setFocus();
        clickRow(table, 0);

        // A double-click and Enter both end in the table's default selection.
        Event enter = new Event();
        enter.item = table.getItem(0);
        table.notifyListeners(SWT.DefaultSelection, enter);

        spinUntil(display, () -> view.detail().isFocusControl(), TIMEOUT, () -> "the detail did not take the focus");
    }

    /** What a mouse click on a row ends in: the table selects it and tells its listeners. */
    private static void clickRow(Table table, int index) {
        table.setSelection(index);
        Event event = new Event();
        event.item = table.getItem(index);
        table.notifyListeners(SWT.Selection, event);
    }
}
