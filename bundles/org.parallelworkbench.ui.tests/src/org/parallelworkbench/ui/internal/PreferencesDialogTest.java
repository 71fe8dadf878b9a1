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
import java.util.List;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.viewmodel.EngineSettingsStore.Settings;
import org.parallelworkbench.viewmodel.PreferencesViewModel;

/** The Preferences dialog on a recording store, driven the way a user drives it. */
class PreferencesDialogTest {

    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(5);
    private static final int PROCESSORS = 4;
    private static final String POOL_SIZE_PROBLEM = "Pool size must be a whole number from 0 to 1024";

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
        store = new RecordingSettingsStore(RecordingSettingsStore.DEFAULTS.withPool(2, 3, ""));
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

        assertEquals(List.of(RecordingSettingsStore.DEFAULTS.withPool(6, 5, temp.toString())), store.written);
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

    private Button okButton() {
        return dialog.okButton();
    }
}
