package org.parallelworkbench.logfile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.core.product.ProductProperties;

/** The log file on a logger of the test's own, so that nothing else logs into it. */
class LogFileTest {

    @TempDir
    Path temp;

    private static Logger quietLogger() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        return logger;
    }

    private static List<Path> logFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void infoAndAboveAreWrittenFineIsNotAndNothingAfterClose() throws IOException {
        Path folder = temp.resolve("data/logs");
        Logger logger = quietLogger();
        try (LogFile file = LogFile.open(folder, logger)) {
            logger.info("engine started");
            logger.fine("a detail nobody asked for");
            logger.warning("pool shrank to \u00e9 1");
        }
        logger.severe("after close");

        assertEquals(List.of(folder.resolve("parallel-workbench-0.0.log")), logFiles(folder));
        String text = Files.readString(folder.resolve("parallel-workbench-0.0.log"), StandardCharsets.UTF_8);
        assertTrue(text.contains("engine started"), text);
        assertTrue(text.contains("pool shrank to \u00e9 1"), text);
        assertFalse(text.contains("a detail nobody asked for"), text);
        assertFalse(text.contains("after close"), text);
    }

    @Test
    void aSecondWriterAtOnceGetsAFileOfItsOwnAndALaterOneAppends() throws IOException {
        Logger window = quietLogger();
        Logger headless = quietLogger();
        try (LogFile first = LogFile.open(temp, window); LogFile second = LogFile.open(temp, headless)) {
            window.info("from the window");
            headless.info("from a headless command");
        }
        Logger later = quietLogger();
        try (LogFile again = LogFile.open(temp, later)) {
            later.info("from a later start");
        }

        String first = Files.readString(temp.resolve("parallel-workbench-0.0.log"));
        String second = Files.readString(temp.resolve("parallel-workbench-1.0.log"));
        assertTrue(first.contains("from the window") && !first.contains("from a headless command"), first);
        assertTrue(second.contains("from a headless command"), second);
        assertTrue(first.contains("from a later start"), "the next start appends to the first file: " + first);
    }

    @Test
    void aPercentInTheFolderNameIsPartOfTheName() throws IOException {
        Path folder = temp.resolve("100%u done");
        Logger logger = quietLogger();
        try (LogFile file = LogFile.open(folder, logger)) {
            logger.info("written");
        }
        assertTrue(Files.readString(folder.resolve("parallel-workbench-0.0.log")).contains("written"));
    }

    @Test
    void theFolderIsDataLogsUnderTheHomeElseTheDataArea() throws IOException {
        assertEquals(Path.of("/opt/pw/data/logs"), LogFileComponent.folder(home("/opt/pw"), name -> null));
        File area = temp.resolve("bundle-data").toFile();
        assertEquals(temp.resolve("bundle-data/logs"), LogFileComponent.folder(home(null), name -> new File(area, name)));
        IOException none = assertThrows(IOException.class, () -> LogFileComponent.folder(home(" "), name -> null));
        assertTrue(none.getMessage().startsWith("No place for the log file"), none.getMessage());
    }

    /** The product a framework with this home property runs. */
    private static Optional<ProductHome> home(String property) {
        return ProductHome.from(key -> ProductProperties.HOME.equals(key) ? property : null);
    }
}
