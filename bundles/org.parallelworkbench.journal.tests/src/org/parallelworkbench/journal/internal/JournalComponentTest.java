package org.parallelworkbench.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunObserver;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunRecord.Status;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.core.product.ProductProperties;
import org.parallelworkbench.testing.FakeJobService.FakeRun;

/** The journal as a real DS service in the OSGi test runtime, and where it puts its file. */
class JournalComponentTest {

    private static final Duration SERVICE_WAIT = Duration.ofSeconds(10);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(5);

    private ServiceTracker<RunObserver, RunObserver> observers;
    private ServiceTracker<RunHistory, RunHistory> histories;

    @BeforeEach
    void openTrackers() {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        observers = new ServiceTracker<>(context, RunObserver.class, null);
        histories = new ServiceTracker<>(context, RunHistory.class, null);
        observers.open();
        histories.open();
    }

    @AfterEach
    void closeTrackers() {
        observers.close();
        histories.close();
    }

    @Test
    void aRunToldToTheObserverServiceShowsInTheHistoryServiceAndOnDisk() throws Exception {
        RunObserver observer = observers.waitForService(SERVICE_WAIT.toMillis());
        RunHistory history = histories.waitForService(SERVICE_WAIT.toMillis());
        assertNotNull(observer, "no RunObserver service within " + SERVICE_WAIT + " (is the DS runtime started?)");
        assertNotNull(history, "no RunHistory service within " + SERVICE_WAIT);
        assertSame(observer, history, "one journal provides both services");
        String runId = "osgi-" + System.nanoTime();
        FakeRun run = Runs.run(runId, "ticker", Parameters.NONE.with("intervalMillis", "50"));

        observer.runStarted(run);
        assertEquals(Status.ACTIVE, recordOf(history, runId).status());
        run.cancel("test over");

        RunRecord record = recordOf(history, runId);
        assertEquals(Status.CANCELED, record.status());
        assertEquals("test over", record.reason());
        Path file = ((JournalComponent) history).journal().file();
        Path dataArea = FrameworkUtil.getBundle(JournalComponent.class).getBundleContext()
                .getDataFile(JournalComponent.JOURNAL_IN_DATA_AREA).toPath();
        assertEquals(dataArea, file, "without " + ProductProperties.HOME + " the journal is in the data area");
        FileWrites.until(file, () -> linesOf(file).stream().anyMatch(line -> line.contains("\"runId\":\"" + runId + "\"")
                && line.contains("\"CANCELED\"")), WRITE_WAIT, () -> "the run's end never reached " + file);
    }

    @Test
    void theFileIsUnderTheHomeFolderWhenTheProductNamesOne() throws IOException {
        Path home = Path.of("/opt/parallel-workbench");

        assertEquals(home.resolve("data/journal/runs.jsonl"), JournalComponent.journalFile(home(home.toString()), name -> {
            throw new AssertionError("the data area must not be asked for " + name);
        }));
        assertEquals(Path.of("/area/journal/runs.jsonl"),
                JournalComponent.journalFile(home(null), name -> new File("/area", name)));
        assertEquals(Path.of("/area/journal/runs.jsonl"),
                JournalComponent.journalFile(home(" "), name -> new File("/area", name)));
        IOException nowhere = assertThrows(IOException.class, () -> JournalComponent.journalFile(home(null), name -> null));
        assertTrue(nowhere.getMessage().contains(ProductProperties.HOME), nowhere.getMessage());
    }

    /** The product a framework with this home property runs. */
    private static Optional<ProductHome> home(String property) {
        return ProductHome.from(key -> ProductProperties.HOME.equals(key) ? property : null);
    }

    private static RunRecord recordOf(RunHistory history, String runId) {
        List<RunRecord> matching = history.records().stream().filter(r -> r.runId().equals(runId)).toList();
        assertEquals(1, matching.size(), "records of run " + runId + ": " + matching);
        return matching.getFirst();
    }

    private static List<String> linesOf(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
