package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.FakeJobService;

class ExportViewModelTest {

    private static final ResultValue.Table TABLE = new ResultValue.Table(List.of("File", "Size"),
            List.of(List.of("a.txt", "3"), List.of("b,c.txt", "5")));

    @TempDir
    Path folder;

    private final QueueRealm realm = new QueueRealm();
    private final FakeJobService jobs = new FakeJobService(TestProviders.TICKER);
    /** Background work (starting runs, writing files) queued here runs when the test says. */
    private final List<Runnable> writes = new ArrayList<>();
    private WorkbenchViewModel workbench;

    @BeforeEach
    void setUp() {
        Executor background = writes::add;
        workbench = new WorkbenchViewModel(realm, jobs, ParameterMemory.NONE, background);
    }

    @Test
    void nothingToExportUntilTheSelectedRunHasAResult() {
        assertFalse(workbench.export().canExport().getValue());
        startRun();
        assertFalse(workbench.export().canExport().getValue());
        FakeJobService.FakeRun run = jobs.started.get(0);
        run.publish(new RunEvent.ResultUpdated(run.id(), new ResultValue.Scalar("")));
        realm.drain();
        assertFalse(workbench.export().canExport().getValue(), "an empty value is nothing to export");

        finishWith(TABLE);

        assertTrue(workbench.export().canExport().getValue());
        assertEquals(List.of("csv", "json"), workbench.export().extensions());
        assertEquals("ticker-1.csv", workbench.export().suggestedFileName());
    }

    @Test
    void theResultIsWrittenOffTheRealmAndTheStatusLineSaysWhere() throws IOException {
        startRun();
        finishWith(TABLE);
        Path file = folder.resolve("sums.csv");

        workbench.export().exportTo(file);

        assertEquals("Exporting to " + file + "\u2026", workbench.statusLine().getValue());
        assertFalse(Files.exists(file), "nothing is written on the Realm's thread");
        writes.forEach(Runnable::run);
        realm.drain();
        assertEquals("File,Size\r\na.txt,3\r\n\"b,c.txt\",5\r\n", Files.readString(file));
        assertEquals("Exported table result to " + file, workbench.statusLine().getValue());
    }

    @Test
    void aFileWithoutAKnownExtensionGetsTheFirstThatFits() {
        startRun();
        finishWith(TABLE);

        workbench.export().exportTo(folder.resolve("sums"));
        writes.forEach(Runnable::run);
        realm.drain();

        assertTrue(Files.exists(folder.resolve("sums.csv")));
    }

    @Test
    void aFormatThatDoesNotFitTheResultIsRefusedWithTheOnesThatDo() {
        startRun();
        finishWith(TABLE);

        workbench.export().exportTo(folder.resolve("sums.png"));

        assertTrue(writes.isEmpty());
        assertEquals("Cannot export: Table results cannot be written as .png; use .csv or .json",
                workbench.statusLine().getValue());
    }

    @Test
    void aFailedWriteIsReportedNotThrown() {
        startRun();
        finishWith(TABLE);
        Path intoMissingFolder = folder.resolve("missing/sums.csv");

        workbench.export().exportTo(intoMissingFolder);
        writes.forEach(Runnable::run);
        realm.drain();

        assertTrue(workbench.statusLine().getValue().startsWith("Could not export to " + intoMissingFolder + ": "),
                workbench.statusLine().getValue());
    }

    /** Start hands the engine call to the background too: run it, as the window's background thread would. */
    private void startRun() {
        workbench.start();
        List<Runnable> queued = List.copyOf(writes);
        writes.clear();
        queued.forEach(Runnable::run);
    }

    private void finishWith(ResultValue result) {
        FakeJobService.FakeRun run = jobs.started.get(jobs.started.size() - 1);
        run.end(RunState.SUCCEEDED, "", result);
        realm.drain();
    }
}
