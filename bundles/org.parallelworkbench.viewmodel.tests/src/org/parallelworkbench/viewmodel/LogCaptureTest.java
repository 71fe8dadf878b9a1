package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ErrorManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.viewmodel.LogEntry.Severity;

/** Records logged through {@link System.Logger}, as the engine does, reach the Log's model. */
class LogCaptureTest {

    private static final String LOGGER_NAME = "org.parallelworkbench.test.internal.Engine";

    private final QueueRealm realm = new QueueRealm();
    private final LogViewModel log = new LogViewModel(realm, 100, 0, System::nanoTime);
    /** Held strongly: java.util.logging keeps loggers only weakly, and with them their handlers. */
    private Logger julLogger;
    private LogCapture capture;

    @BeforeEach
    void install() {
        julLogger = Logger.getLogger(LOGGER_NAME);
        julLogger.setUseParentHandlers(false); // keeps the test's console quiet
        julLogger.setLevel(java.util.logging.Level.ALL);
        capture = LogCapture.install(log, julLogger);
    }

    @AfterEach
    void remove() {
        capture.close();
        julLogger.setUseParentHandlers(true);
        julLogger.setLevel(null);
    }

    @Test
    void anEngineRecordAboutARunBecomesAnEntryAboutThatRun() {
        System.getLogger(LOGGER_NAME).log(Level.WARNING,
                "Run mibx3k2a-0003 (Monte Carlo (π) run #3): RUNNING -> FAILED (unit 2 failed), 4 unit results");
        realm.drain();

        LogEntry entry = single();
        assertEquals("mibx3k2a-0003", entry.runId());
        assertEquals("Monte Carlo (π) run #3", entry.source(), "a provider's name may hold parentheses");
        assertEquals("RUNNING -> FAILED (unit 2 failed), 4 unit results", entry.message());
        assertEquals(Severity.WARNING, entry.severity());
        assertTrue(entry.detail().contains("Logger: " + LOGGER_NAME), entry.detail());
    }

    @Test
    void theThrownExceptionsStackTraceIsTheDetail() {
        System.getLogger(LOGGER_NAME).log(Level.ERROR, "Engine error", new IllegalStateException("pool broken",
                new ArithmeticException("/ by zero")));
        realm.drain();

        LogEntry entry = single();
        assertEquals(Severity.ERROR, entry.severity(), "System.Logger's ERROR is an error");
        assertEquals("Engine", entry.source(), "the logger's simple name");
        assertEquals("Engine error", entry.message());
        assertEquals("", entry.runId());
        assertTrue(entry.detail().contains("java.lang.IllegalStateException: pool broken"), entry.detail());
        assertTrue(entry.detail().contains("Caused by: java.lang.ArithmeticException: / by zero"), entry.detail());
        assertTrue(entry.detail().contains("at org.parallelworkbench.viewmodel.LogCaptureTest"), entry.detail());
    }

    @Test
    void belowTheLevelNothingIsForwardedUntilTheLevelIsLowered() {
        System.getLogger(LOGGER_NAME).log(Level.INFO, "Engine started");
        realm.drain();
        assertEquals(0, log.entries().size(), "INFO is below the default level");

        capture.setLevel(java.util.logging.Level.INFO);
        System.getLogger(LOGGER_NAME).log(Level.INFO, "Engine started");
        realm.drain();
        assertEquals(Severity.INFO, single().severity());
    }

    @Test
    void afterCloseNothingIsForwarded() {
        capture.close();
        System.getLogger(LOGGER_NAME).log(Level.WARNING, "after close");
        realm.drain();
        assertEquals(0, log.entries().size());
    }

    @Test
    void aRecordThatCannotBeTakenIsReportedNotThrown() {
        List<String> reported = new CopyOnWriteArrayList<>();
        capture.setErrorManager(new ErrorManager() {
            @Override
            public synchronized void error(String message, Exception cause, int code) {
                reported.add(message + ": " + cause);
            }
        });
        LogRecord record = new LogRecord(java.util.logging.Level.WARNING, "broken");
        record.setThrown(new RuntimeException("unprintable") {
            @Override
            public void printStackTrace(java.io.PrintWriter writer) {
                throw new IllegalStateException("cannot print");
            }
        });

        capture.publish(record); // throwing here would fail the test
        assertEquals(1, reported.size(), "the failure goes to the handler's error manager");
        assertTrue(reported.get(0).contains("cannot print"), reported.get(0));
    }

    private LogEntry single() {
        assertEquals(1, log.entries().size(), () -> "entries: " + log.entries());
        return log.entries().get(0);
    }
}
