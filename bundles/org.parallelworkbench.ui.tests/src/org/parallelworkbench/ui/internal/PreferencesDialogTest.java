package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.ui.internal.UiTestSupport.select;
import static org.parallelworkbench.ui.internal.UiTestSupport.spinUntil;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.engine.settings.EngineSettingsStore.ProcessPool;
import org.parallelworkbench.engine.settings.EngineSettingsStore.Settings;
import org.parallelworkbench.viewmodel.PreferencesViewModel;

/** The Preferences dialog on a recording store, driven the way a user drives it. */
class PreferencesDialogTest {

    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(5);
    private static final int PROCESSORS = 4;
    private static final String POOL_SIZE_PROBLEM = "Pool size must be a whole number from 0 to 1024";
    private static final Settings STORED = Settings.DEFAULTS.withPool(2, 3, "")
            .withTargets(ExecutionTarget.PROCESSES, ExecutionTarget.THREADS)
            .withProcesses(new ProcessPool(3, 1_500, 200, "-Xmx2g"));

    private static Display display;

    @TempDir
    Path temp;

    private RecordingSettingsStore store;
    private PreferencesDialog dialog;

    @BeforeAll
    static void openDisplay() {
        display = UiTestSupport.openDisplay();
    }

    @AfterAll
    static void closeDisplay() {
        display.dispose();
    }

    @BeforeEach
    void openDialog() {
        store = new RecordingSettingsStore(STORED);
        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> {
            PreferencesViewModel viewModel = new PreferencesViewModel(Realm.getDefault(), store, PROCESSORS);
            dialog = new PreferencesDialog(null, viewModel, (shell, current) -> temp.toString());
            dialog.setBlockOnOpen(false);
            dialog.open();
        });
    }

    @AfterEach
    void closeDialog() {
        if (dialog.getShell() != null) {
            dialog.close();
        }
    }

    @Test
    void aBadPoolSizeIsMarkedAndDisablesOkUntilFixedThenOkWritesTheValues() {
        assertEquals("2", dialog.poolSizeText().getText());
        assertEquals("3", dialog.maxConcurrentRunsText().getText());
        assertTrue(okButton().isEnabled());

        dialog.poolSizeText().setText("lots");

        spinUntil(display, () -> dialog.poolSizeDecoration().isVisible() && dialog.getErrorMessage() != null,
                SHOWN_WITHIN, () -> "the bad pool size was not decorated and reported");
        assertEquals(POOL_SIZE_PROBLEM, dialog.poolSizeDecoration().getDescriptionText());
        assertEquals(POOL_SIZE_PROBLEM, dialog.getErrorMessage());
        assertFalse(okButton().isEnabled(), "OK enabled with a bad pool size");

        dialog.poolSizeText().setText("6");
        dialog.maxConcurrentRunsText().setText("5");
        select(dialog.browseButton());

        spinUntil(display, () -> !dialog.poolSizeDecoration().isVisible() && dialog.getErrorMessage() == null,
                SHOWN_WITHIN, () -> "the fixed pool size stayed decorated or reported");
        assertTrue(okButton().isEnabled(), "OK disabled with valid values");
        assertEquals(temp.toString(), dialog.dropinFolderText().getText());
        assertEquals("6 workers", dialog.effectivePoolSizeLabel().getText());

        select(okButton());

        assertEquals(List.of(STORED.withPool(6, 5, temp.toString())), store.written);
        assertEquals(Window.OK, dialog.getReturnCode());
        assertNull(dialog.getShell(), "the dialog stayed open after OK");
    }

    @Test
    void restoreDefaultsShowsTheDefaultsWithoutWriting() {
        dialog.maxConcurrentRunsText().setText("0");
        spinUntil(display, () -> dialog.maxConcurrentRunsDecoration().isVisible(), SHOWN_WITHIN,
                () -> "0 concurrent runs was not decorated");

        select(dialog.restoreDefaultsButton());

        spinUntil(display, () -> !dialog.maxConcurrentRunsDecoration().isVisible(), SHOWN_WITHIN,
                () -> "the restored default stayed decorated");
        assertEquals("0", dialog.poolSizeText().getText());
        assertEquals("4", dialog.maxConcurrentRunsText().getText());
        assertEquals("", dialog.dropinFolderText().getText());
        assertEquals(PROCESSORS + " workers (one per processor)", dialog.effectivePoolSizeLabel().getText());
        assertEquals("Threads", dialog.shippedTargetViewer().getCombo().getText());
        assertEquals("Processes", dialog.dropinTargetViewer().getCombo().getText());
        assertEquals("0", dialog.processPoolSizeText().getText());
        assertEquals(PROCESSORS + " processes (one per processor)", dialog.effectiveProcessPoolSizeLabel().getText());
        assertEquals("60", dialog.processIdleSecondsText().getText());
        assertEquals("0", dialog.processMaxUnitsText().getText());
        assertEquals("-Xmx1g", dialog.processJvmOptionsText().getText());
        assertEquals(List.of(), store.written);
    }

    @Test
    void aFailedWriteKeepsTheDialogOpenAndSaysWhy() {
        store.nextWriteFailure = new IOException("conf is read-only");

        select(okButton());

        assertEquals(List.of(), store.written);
        assertTrue(dialog.getShell() != null && !dialog.getShell().isDisposed(), "the dialog closed although nothing was saved");
        spinUntil(display, () -> "Could not save the settings: conf is read-only".equals(dialog.getErrorMessage()),
                SHOWN_WITHIN, () -> "the failure was not shown, error message: " + dialog.getErrorMessage());
    }

    @Test
    void theWorkerProcessFieldsAndDefaultTargetsShowTheStoredSettingsAndOkWritesWhatTheUserChanged() {
        assertEquals("Processes", dialog.shippedTargetViewer().getCombo().getText());
        assertEquals("Threads", dialog.dropinTargetViewer().getCombo().getText());
        assertEquals(List.of("Threads", "Processes"), List.of(dialog.dropinTargetViewer().getCombo().getItems()));
        assertEquals("3", dialog.processPoolSizeText().getText());
        assertEquals("3 processes", dialog.effectiveProcessPoolSizeLabel().getText());
        assertEquals("1.5", dialog.processIdleSecondsText().getText());
        assertEquals("200", dialog.processMaxUnitsText().getText());
        assertEquals("-Xmx2g", dialog.processJvmOptionsText().getText());

        choose(dialog.shippedTargetViewer().getCombo(), "Threads");
        choose(dialog.dropinTargetViewer().getCombo(), "Processes");
        dialog.processPoolSizeText().setText("0");
        dialog.processIdleSecondsText().setText("120");
        dialog.processMaxUnitsText().setText("0");
        dialog.processJvmOptionsText().setText("-Xmx4g -XX:+UseZGC");
        spinUntil(display, () -> (PROCESSORS + " processes (one per processor)").equals(
                dialog.effectiveProcessPoolSizeLabel().getText()), SHOWN_WITHIN,
                () -> "the process count shows " + dialog.effectiveProcessPoolSizeLabel().getText());

        select(okButton());

        assertEquals(List.of(STORED.withTargets(ExecutionTarget.THREADS, ExecutionTarget.PROCESSES)
                .withProcesses(new ProcessPool(0, 120_000, 0, "-Xmx4g -XX:+UseZGC"))), store.written);
    }

    @Test
    void eachBadWorkerProcessFieldIsMarkedSaysWhyAndDisablesOk() {
        assertBadTextMarked(dialog.processPoolSizeText(), "-2", "Processes in total must be a whole number from 0 to 1024");
        assertBadTextMarked(dialog.processIdleSecondsText(), "soon", "Idle time must be a number of seconds from 0 to 86400");
        assertBadTextMarked(dialog.processMaxUnitsText(), "1.5",
                "Units before a process is replaced must be a whole number from 0 to 1000000000");
        assertBadTextMarked(dialog.processJvmOptionsText(), "\"\"", "JVM options: leave the field empty for none, without quotes");
    }

    @Test
    void bothDefaultTargetsSayWhyDropinsRunInProcesses() {
        for (Combo combo : List.of(dialog.shippedTargetViewer().getCombo(), dialog.dropinTargetViewer().getCombo())) {
            assertTrue(combo.getToolTipText().contains("System.exit") && combo.getToolTipText().contains("Java 24"),
                    () -> "tooltip: " + combo.getToolTipText());
            assertEquals(combo.getToolTipText(), labelBefore(combo).getToolTipText(), "the label explains what its field does");
        }
    }

    /** Alt+letter reaches every field: each label before a field has a mnemonic, and no two controls share one. */
    @Test
    void everyFieldHasItsOwnMnemonic() {
        List<Control> fields = new ArrayList<>(List.of(dialog.poolSizeText(), dialog.maxConcurrentRunsText(),
                dialog.dropinFolderText(), dialog.shippedTargetViewer().getCombo(), dialog.dropinTargetViewer().getCombo(),
                dialog.processPoolSizeText(), dialog.processIdleSecondsText(), dialog.processMaxUnitsText(),
                dialog.processJvmOptionsText()));
        List<String> texts = new ArrayList<>(fields.stream().map(field -> labelBefore(field).getText()).toList());
        texts.add(dialog.browseButton().getText());
        texts.add(dialog.restoreDefaultsButton().getText());
        Set<Character> mnemonics = new HashSet<>();
        for (String text : texts) {
            int ampersand = text.indexOf('&');
            assertTrue(ampersand >= 0 && ampersand < text.length() - 1, () -> "no mnemonic in '" + text + "'");
            char mnemonic = Character.toLowerCase(text.charAt(ampersand + 1));
            assertTrue(mnemonics.add(mnemonic), () -> "'" + text + "' shares its mnemonic " + mnemonic);
        }
    }

    private void assertBadTextMarked(Text text, String bad, String problem) {
        String good = text.getText();
        ControlDecoration decoration = dialog.decoration(text);

        text.setText(bad);

        spinUntil(display, () -> decoration.isVisible() && dialog.getErrorMessage() != null, SHOWN_WITHIN,
                () -> "'" + bad + "' was not decorated and reported");
        assertEquals(problem, decoration.getDescriptionText());
        assertEquals(problem, dialog.getErrorMessage());
        assertFalse(okButton().isEnabled(), () -> "OK enabled with '" + bad + "'");
        text.setText(good);
        spinUntil(display, () -> !decoration.isVisible() && dialog.getErrorMessage() == null && okButton().isEnabled(),
                SHOWN_WITHIN, () -> "'" + good + "' stayed decorated or reported, or OK disabled");
    }

    /** Picks an item as a user does: the selection changes and the drop-down says so. */
    private static void choose(Combo combo, String item) {
        combo.select(combo.indexOf(item));
        combo.notifyListeners(SWT.Selection, new Event());
    }

    /** The label whose mnemonic reaches the control: its sibling just before it. */
    private static Label labelBefore(Control control) {
        List<Control> siblings = List.of(control.getParent().getChildren());
        Control before = siblings.get(siblings.indexOf(control) - 1);
        assertTrue(before instanceof Label, () -> control + " has no label before it but " + before);
        return (Label) before;
    }

    private Button okButton() {
        return dialog.okButton();
    }
}
