package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.viewmodel.EngineSettingsStore.Settings;

class PreferencesViewModelTest {

    private static final int PROCESSORS = 6;

    @TempDir
    Path temp;

    private QueueRealm realm;
    private FakeEngineSettingsStore store;
    private PreferencesViewModel preferences;

    @BeforeEach
    void setUp() {
        realm = new QueueRealm();
        store = new FakeEngineSettingsStore(new Settings(3, 2, ""));
        preferences = new PreferencesViewModel(realm, store, PROCESSORS);
    }

    @Test
    void theFieldsShowTheStoredSettings() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("workers"));
        store.current = new Settings(8, 5, folder.toString());
        preferences = new PreferencesViewModel(realm, store, PROCESSORS);

        assertEquals("8", preferences.poolSize().getValue());
        assertEquals("5", preferences.maxConcurrentRuns().getValue());
        assertEquals(folder.toString(), preferences.dropinFolder().getValue());
        assertEquals("8 workers", preferences.effectivePoolSize().getValue());
        assertTrue(preferences.canApply().getValue());
        assertEquals("", preferences.problem().getValue());
    }

    @Test
    void poolSizeZeroShowsOneWorkerPerProcessor() {
        preferences.poolSize().setValue("0");

        assertEquals("", preferences.poolSizeProblem().getValue());
        assertEquals(PROCESSORS + " workers (one per processor)", preferences.effectivePoolSize().getValue());
    }

    @Test
    void aPoolSizeThatIsNoWholeNumberInRangeIsAProblemAndBlocksApply() {
        for (String bad : List.of("", "x", "2.5", "-1", "1025", "99999999999")) {
            preferences.poolSize().setValue(bad);

            assertEquals("Pool size must be a whole number from 0 to 1024", preferences.poolSizeProblem().getValue(),
                    () -> "for '" + bad + "'");
            assertFalse(preferences.canApply().getValue(), () -> "Apply enabled for '" + bad + "'");
            assertEquals("", preferences.effectivePoolSize().getValue());
        }
        preferences.poolSize().setValue(" 1024 ");
        assertEquals("", preferences.poolSizeProblem().getValue());
        assertTrue(preferences.canApply().getValue());
    }

    @Test
    void concurrentRunsMustBeBetweenOneAnd1024() {
        preferences.maxConcurrentRuns().setValue("0");
        assertEquals("Concurrent runs must be a whole number from 1 to 1024",
                preferences.maxConcurrentRunsProblem().getValue());
        assertEquals(preferences.maxConcurrentRunsProblem().getValue(), preferences.problem().getValue());
        assertFalse(preferences.canApply().getValue());

        preferences.maxConcurrentRuns().setValue("1");
        assertEquals("", preferences.maxConcurrentRunsProblem().getValue());
        assertTrue(preferences.canApply().getValue());
    }

    @Test
    void theDropinFolderMustBeAnExistingAbsoluteFolderOrEmpty() throws IOException {
        Path file = Files.createFile(temp.resolve("a.jar"));

        preferences.dropinFolder().setValue(temp.resolve("missing").toString());
        assertEquals("Drop-in folder must be an existing folder", preferences.dropinFolderProblem().getValue());
        preferences.dropinFolder().setValue(file.toString());
        assertEquals("Drop-in folder must be an existing folder", preferences.dropinFolderProblem().getValue());
        preferences.dropinFolder().setValue("relative/folder");
        assertEquals("Drop-in folder must be an absolute path", preferences.dropinFolderProblem().getValue());
        assertFalse(preferences.canApply().getValue());

        preferences.dropinFolder().setValue(temp.toString());
        assertEquals("", preferences.dropinFolderProblem().getValue());
        preferences.dropinFolder().setValue("  ");
        assertEquals("", preferences.dropinFolderProblem().getValue());
        assertTrue(preferences.canApply().getValue());
    }

    @Test
    void applyWritesTheTypedValuesTrimmed() {
        preferences.poolSize().setValue(" 12");
        preferences.maxConcurrentRuns().setValue("7 ");
        preferences.dropinFolder().setValue(" " + temp + " ");

        assertTrue(preferences.apply());

        assertEquals(List.of(new Settings(12, 7, temp.toString())), store.written);
    }

    @Test
    void applyWritesNothingWhileAFieldHasAProblem() {
        preferences.poolSize().setValue("many");

        assertFalse(preferences.apply());

        assertEquals(List.of(), store.written);
    }

    @Test
    void aFailedWriteIsShownNotThrownAndClearedByTheNextSuccessfulApply() {
        store.nextWriteFailure = new IOException("conf is read-only");

        assertFalse(preferences.apply());

        assertEquals("Could not save the settings: conf is read-only", preferences.problem().getValue());
        assertTrue(preferences.canApply().getValue(), "a failed write must not block a retry");
        assertTrue(preferences.apply());
        assertEquals("", preferences.problem().getValue());
        assertEquals(1, store.written.size());
    }

    @Test
    void aFailedReadShowsTheDefaultsAndSaysWhy() {
        store.nextReadFailure = new IOException("Config Admin is gone");

        preferences = new PreferencesViewModel(realm, store, PROCESSORS);

        assertEquals("0", preferences.poolSize().getValue());
        assertEquals("4", preferences.maxConcurrentRuns().getValue());
        assertEquals("Could not read the current settings, showing the defaults: Config Admin is gone",
                preferences.problem().getValue());
    }

    @Test
    void restoreDefaultsShowsTheStoresDefaultsWithoutWriting() {
        preferences.poolSize().setValue("x");

        preferences.restoreDefaults();

        assertEquals("0", preferences.poolSize().getValue());
        assertEquals("4", preferences.maxConcurrentRuns().getValue());
        assertEquals("", preferences.dropinFolder().getValue());
        assertTrue(preferences.canApply().getValue());
        assertEquals(List.of(), store.written);
    }

    @Test
    void commandsOutsideTheRealmAreRefused() throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                preferences.apply();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join(5_000);

        assertTrue(thrown[0] instanceof IllegalStateException, () -> "apply outside the Realm was not refused: " + thrown[0]);
        assertEquals(List.of(), store.written);
    }
}
