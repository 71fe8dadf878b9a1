package org.parallelworkbench.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunState;

/**
 * Journals written before the move to Jackson: lines the hand-written codec wrote (copied from its output) still
 * read, and are written again byte for byte, so that an older product reads what this one writes.
 */
class JournalFormatTest {

    /**
     * Written by the 0.4 journal's own JSON codec; non-ASCII characters as Java escapes of the raw UTF-8. One
     * parameter only: the order of several is that of their map, arbitrary before and after.
     */
    static final String OLD_STARTED = "{\"type\":\"started\",\"seq\":7,\"process\":\"4711@1738318530000\",\"runId\":\"3\","
            + "\"providerId\":\"checksums\",\"providerVersion\":\"0.1.0\",\"parameters\":{\"folder\":\"/home/j\u00FCrgen/"
            + "\u65E5\u672C \\\"quoted\\\"\\\\tab\\there\\nbreak \uD83D\uDE00 lone \\ud800 sep \\u2028 nul \\u0000\"},"
            + "\"startedAt\":\"2025-01-31T10:15:30.123Z\",\"target\":\"PROCESSES\"}";
    static final String OLD_ENDED = "{\"type\":\"ended\",\"seq\":7,\"process\":\"4711@1738318530000\",\"runId\":\"3\","
            + "\"state\":\"FAILED\",\"endedAt\":\"2025-01-31T10:15:35.456789Z\",\"summary\":\"12 files\","
            + "\"reason\":\"Unit 2: \\\"kaboom\\\"\\r\\n\\tat x \u20AC \\udc00\\ud800\"}";

    static final JournalEntry STARTED = new JournalEntry.Started("4711@1738318530000", 7, "3", "checksums", "0.1.0",
            Parameters.NONE.with("folder",
                    "/home/j\u00fcrgen/\u65e5\u672c \"quoted\"\\tab\there\nbreak \uD83D\uDE00 lone \uD800 sep \u2028 nul \u0000"),
            Instant.parse("2025-01-31T10:15:30.123Z"), ExecutionTarget.PROCESSES);
    static final JournalEntry ENDED = new JournalEntry.Ended("4711@1738318530000", 7, "3", RunState.FAILED,
            Instant.parse("2025-01-31T10:15:35.456789Z"), "12 files", "Unit 2: \"kaboom\"\r\n\tat x \u20ac \uDC00\uD800");

    @TempDir
    Path folder;

    @Test
    void linesTheHandWrittenCodecWroteReadAsTheSameEntries() {
        assertEquals(STARTED, JournalEntry.parse(OLD_STARTED));
        assertEquals(ENDED, JournalEntry.parse(OLD_ENDED));
    }

    @Test
    void entriesAreWrittenAsTheHandWrittenCodecWroteThem() {
        assertEquals(OLD_STARTED, STARTED.toLine());
        assertEquals(OLD_ENDED, ENDED.toLine());
    }

    @Test
    void anOldJournalFileReadsWithoutSkippingALine() throws IOException {
        Path file = Files.write(folder.resolve("runs.jsonl"), (OLD_STARTED + "\n" + OLD_ENDED + "\n").getBytes(StandardCharsets.UTF_8));
        List<JournalEntry> read = new ArrayList<>();

        JournalReader.Summary summary = JournalReader.read(file, read::add);

        assertEquals(new JournalReader.Summary(2, 0, 7, Files.size(file)), summary);
        assertEquals(List.of(STARTED, ENDED), read);
    }

    @Test
    void membersInAnotherOrderWithSpacesAndUnknownOnesRead() {
        String stranger = " { \"reason\" : \"\" , \"summary\":\"5\", \"endedAt\":\"2025-01-31T10:15:35Z\", \"state\":\"CANCELED\","
                + " \"runId\":\"3\", \"process\":\"1@0\", \"seq\":9, \"type\":\"ended\", \"future\":{\"x\":[1,2.5,null,true]} } ";

        assertEquals(new JournalEntry.Ended("1@0", 9, "3", RunState.CANCELED, Instant.parse("2025-01-31T10:15:35Z"), "5", ""),
                JournalEntry.parse(stranger));
    }

    @Test
    void theEndOfARunOnTheClusterKeepsTheMembersThatExecutedItAndOthersReadWithoutThem() {
        JournalEntry.Ended onCluster = new JournalEntry.Ended("1@0", 9, "3", RunState.SUCCEEDED,
                Instant.parse("2025-01-31T10:15:35Z"), "78498", "", List.of("127.0.0.1:5701", "10.0.0.2:5702"));

        String line = onCluster.toLine();

        assertTrue(line.endsWith(",\"executedBy\":[\"127.0.0.1:5701\",\"10.0.0.2:5702\"]}"), line);
        assertEquals(onCluster, JournalEntry.parse(line));
        assertEquals(List.of(), ((JournalEntry.Ended) JournalEntry.parse(OLD_ENDED)).executedBy(), "a line from before 0.5");
        assertFalse(ENDED.toLine().contains("executedBy"), "a run no member executed writes no member list");
        for (String bad : List.of("[1]", "\"127.0.0.1:5701\"", "[[\"a\"]]", "{}")) {
            assertThrows(IllegalArgumentException.class, () -> JournalEntry.parse(line.replace(
                    "[\"127.0.0.1:5701\",\"10.0.0.2:5702\"]", bad)), bad);
        }
    }

    @Test
    void membersOfTheWrongKindAreRefused() {
        String ended = OLD_ENDED.replace("\"seq\":7", "\"seq\":SEQ").replace("\"process\":\"4711@1738318530000\"", "\"process\":PROCESS");
        assertEquals(ENDED, JournalEntry.parse(ended.replace("SEQ", "7").replace("PROCESS", "\"4711@1738318530000\"")));

        for (String seq : List.of("7.0", "\"7\"", "true", "null", "[7]", "{}", "123456789012345678901")) {
            assertThrows(IllegalArgumentException.class,
                    () -> JournalEntry.parse(ended.replace("SEQ", seq).replace("PROCESS", "\"1@0\"")), "seq " + seq);
        }
        for (String process : List.of("1", "true", "[\"1@0\"]", "{}")) {
            assertThrows(IllegalArgumentException.class,
                    () -> JournalEntry.parse(ended.replace("SEQ", "7").replace("PROCESS", process)), "process " + process);
        }
        assertEquals("", JournalEntry.parse(ended.replace("SEQ", "7").replace("PROCESS", "null")).process(),
                "null reads as a line from before there were processes");
    }
}
