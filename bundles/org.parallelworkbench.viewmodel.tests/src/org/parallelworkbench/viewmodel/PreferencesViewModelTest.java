package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.engine.settings.EngineSettingsStore.ProcessPool;
import org.parallelworkbench.engine.settings.EngineSettingsStore.Settings;

class PreferencesViewModelTest {

    private static final int PROCESSORS = 6;
    private static final ProcessPool PROCESSES = new ProcessPool(2, 30_000, 100, "-Xmx256m");
    /** Stored settings unlike the defaults in every field, so that a field showing a default is caught. */
    private static final Settings STORED = new Settings(3, 2, "", ExecutionTarget.PROCESSES, ExecutionTarget.THREADS,
            PROCESSES);

    @TempDir
    Path temp;

    private QueueRealm realm;
    private FakeEngineSettingsStore store;
    private PreferencesViewModel preferences;

    @BeforeEach
    void setUp() {
        realm = new QueueRealm();
        store = new FakeEngineSettingsStore(STORED);
        preferences = new PreferencesViewModel(realm, store, PROCESSORS);
    }

    @Test
    void theFieldsShowTheStoredSettings() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("workers"));
        store.current = STORED.withPool(8, 5, folder.toString())
                .withProcesses(new ProcessPool(3, 1_500, 250, "-Xmx2g -XX:+UseSerialGC"));
        preferences = new PreferencesViewModel(realm, store, PROCESSORS);

        assertEquals("8", preferences.poolSize().getValue());
        assertEquals("5", preferences.maxConcurrentRuns().getValue());
        assertEquals(folder.toString(), preferences.dropinFolder().getValue());
        assertEquals("8 workers", preferences.effectivePoolSize().getValue());
        assertEquals(ExecutionTarget.PROCESSES, preferences.shippedTarget().getValue());
        assertEquals(ExecutionTarget.THREADS, preferences.dropinTarget().getValue());
        assertEquals("3", preferences.processPoolSize().getValue());
        assertEquals("3 processes", preferences.effectiveProcessPoolSize().getValue());
        assertEquals("1.5", preferences.processIdleSeconds().getValue(), "idle time is shown in seconds");
        assertEquals("250", preferences.processMaxUnits().getValue());
        assertEquals("-Xmx2g -XX:+UseSerialGC", preferences.processJvmOptions().getValue());
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
    void processesInTotalIsAWholeNumberUpTo1024AndZeroMeansOnePerProcessor() {
        preferences.processPoolSize().setValue("0");
        assertEquals(PROCESSORS + " processes (one per processor)", preferences.effectiveProcessPoolSize().getValue());
        preferences.processPoolSize().setValue("1");
        assertEquals("1 process", preferences.effectiveProcessPoolSize().getValue());

        for (String bad : List.of("", "two", "1.5", "-1", "1025")) {
            preferences.processPoolSize().setValue(bad);

            assertProblem("Processes in total must be a whole number from 0 to 1024", preferences.processPoolSizeProblem(), bad);
            assertEquals("", preferences.effectiveProcessPoolSize().getValue());
        }
    }

    @Test
    void idleTimeIsSecondsToTheMillisecondUpToADayAndIsAppliedInMillis() {
        for (String bad : List.of("", "a minute", "-1", "86400.001", "1e3x")) {
            preferences.processIdleSeconds().setValue(bad);

            assertProblem("Idle time must be a number of seconds from 0 to 86400", preferences.processIdleSecondsProblem(), bad);
        }
        preferences.processIdleSeconds().setValue("0.0005");
        assertProblem("Idle time can be given to the millisecond at most", preferences.processIdleSecondsProblem(), "0.0005");

        preferences.processIdleSeconds().setValue(" 2.25 ");
        assertTrue(preferences.apply(), preferences.problem().getValue());
        preferences.processIdleSeconds().setValue("0");
        assertTrue(preferences.apply(), preferences.problem().getValue());
        preferences.processIdleSeconds().setValue("86400");
        assertTrue(preferences.apply(), preferences.problem().getValue());

        assertEquals(List.of(2_250L, 0L, 86_400_000L),
                store.written.stream().map(settings -> settings.processes().idleMillis()).toList());
    }

    @Test
    void unitsBeforeAProcessIsReplacedIsAWholeNumberFromZero() {
        for (String bad : List.of("", "-1", "1000000001", "ten")) {
            preferences.processMaxUnits().setValue(bad);

            assertProblem("Units before a process is replaced must be a whole number from 0 to 1000000000",
                    preferences.processMaxUnitsProblem(), bad);
        }
        preferences.processMaxUnits().setValue("1000000000");
        assertEquals("", preferences.processMaxUnitsProblem().getValue());
    }

    @Test
    void jvmOptionsAreUnquotedOptionsTheEngineCanPassOnAsTheyAre() {
        assertJvmOptionsProblem("JVM options: leave the field empty for none, without quotes", "\"\"");
        assertJvmOptionsProblem("JVM options: leave the field empty for none, without quotes", " '' ");
        assertJvmOptionsProblem("JVM options cannot be quoted: they are separated by spaces and passed on as written",
                "-Dtitle=\"a b\"");
        assertJvmOptionsProblem("JVM options must each start with '-', e.g. -Xmx2g; 'Xmx2g' does not", "-ea Xmx2g");
        assertJvmOptionsProblem("JVM options cannot include -cp: the engine sets how a worker process starts", "-cp /tmp");

        for (String good : List.of("", "  ", "-Xmx2g", " -Xmx2g   -XX:+UseZGC -Dname=a\\b ")) {
            preferences.processJvmOptions().setValue(good);
            assertEquals("", preferences.processJvmOptionsProblem().getValue(), () -> "for '" + good + "'");
        }
    }

    @Test
    void applyWritesTheProcessPoolAndTheDefaultTargets() {
        preferences.shippedTarget().setValue(ExecutionTarget.THREADS);
        preferences.dropinTarget().setValue(ExecutionTarget.PROCESSES);
        preferences.processPoolSize().setValue(" 0");
        preferences.processIdleSeconds().setValue("90");
        preferences.processMaxUnits().setValue("500 ");
        preferences.processJvmOptions().setValue("  -Xmx3g -XX:+UseZGC ");

        assertTrue(preferences.apply());

        assertEquals(List.of(STORED.withTargets(ExecutionTarget.THREADS, ExecutionTarget.PROCESSES)
                .withProcesses(new ProcessPool(0, 90_000, 500, "-Xmx3g -XX:+UseZGC"))), store.written);
    }

    @Test
    void theDefaultTargetsOfferThreadsAndProcessesButNotDefault() {
        assertEquals(List.of(ExecutionTarget.THREADS, ExecutionTarget.PROCESSES), PreferencesViewModel.TARGET_CHOICES);
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

        assertEquals(List.of(STORED.withPool(12, 7, temp.toString())), store.written);
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
        preferences.processJvmOptions().setValue("\"\"");

        preferences.restoreDefaults();

        assertEquals("0", preferences.poolSize().getValue());
        assertEquals("4", preferences.maxConcurrentRuns().getValue());
        assertEquals("", preferences.dropinFolder().getValue());
        assertEquals(ExecutionTarget.THREADS, preferences.shippedTarget().getValue());
        assertEquals(ExecutionTarget.PROCESSES, preferences.dropinTarget().getValue());
        assertEquals("0", preferences.processPoolSize().getValue());
        assertEquals(PROCESSORS + " processes (one per processor)", preferences.effectiveProcessPoolSize().getValue());
        assertEquals("45", preferences.processIdleSeconds().getValue());
        assertEquals("0", preferences.processMaxUnits().getValue());
        assertEquals("-Xmx512m", preferences.processJvmOptions().getValue());
        assertTrue(preferences.canApply().getValue());
        assertEquals(List.of(), store.written);

        assertTrue(preferences.apply());
        assertEquals(List.of(FakeEngineSettingsStore.DEFAULTS), store.written, "Apply after Restore Defaults");
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

    /** The field's problem is this text, it is the dialog's problem, and it blocks Apply. */
    private void assertProblem(String expected, IObservableValue<String> fieldProblem, String typed) {
        assertEquals(expected, fieldProblem.getValue(), () -> "for '" + typed + "'");
        assertEquals(expected, preferences.problem().getValue(), () -> "problem for '" + typed + "'");
        assertFalse(preferences.canApply().getValue(), () -> "Apply enabled for '" + typed + "'");
        assertFalse(preferences.apply(), () -> "applied '" + typed + "'");
        assertEquals(List.of(), store.written, () -> "written for '" + typed + "'");
    }

    private void assertJvmOptionsProblem(String expected, String typed) {
        preferences.processJvmOptions().setValue(typed);
        assertProblem(expected, preferences.processJvmOptionsProblem(), typed);
    }
}
