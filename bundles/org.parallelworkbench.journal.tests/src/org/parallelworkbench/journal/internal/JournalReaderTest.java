package org.parallelworkbench.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunRecord.Status;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.LoggedWarnings;
import org.parallelworkbench.testing.FakeJobService.FakeRun;

/** Reading a journal a crash or a stranger left in any shape; every test on its own temp folder. */
class JournalReaderTest {

    /** A process that has ended: its unfinished runs are interrupted. */
    private static final String PROCESS = "1@0";
    private static final Instant T0 = Instant.parse("2025-01-31T10:15:30.123456Z");

    @TempDir
    Path folder;

    private static String started(long seq, String runId) {
        return new JournalEntry.Started(PROCESS, seq, runId, "ticker", "0.1.0", Parameters.NONE.with("intervalMillis", "50"),
                T0.plusSeconds(seq), ExecutionTarget.THREADS).toLine();
    }

    private static String ended(long seq, String runId, RunState state) {
        return new JournalEntry.Ended(PROCESS, seq, runId, state, T0.plusSeconds(seq + 1), "summary " + seq, "").toLine();
    }

    private Path write(String... lines) throws IOException {
        Path file = folder.resolve("runs.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static List<RunRecord> reopen(Path file) throws IOException {
        try (RunJournal journal = RunJournal.open(file)) {
            return journal.records();
        }
    }

    @Test
    void entriesSurviveTheirLineRoundTrip() {
        JournalEntry.Started start = new JournalEntry.Started(PROCESS, 3, "7", "p", "", Parameters.NONE.with("a\"\n", "\uD800x"), T0,
                ExecutionTarget.PROCESSES);
        JournalEntry.Ended end = new JournalEntry.Ended(PROCESS, 3, "7", RunState.FAILED, T0, "s\u2028", "Unit 1: \"kaboom\"\n");

        assertEquals(start, JournalEntry.parse(start.toLine()));
        assertEquals(end, JournalEntry.parse(end.toLine()));
        assertTrue(start.toLine().endsWith(",\"target\":\"PROCESSES\"}"), start.toLine());
    }

    @Test
    void aStartedLineWrittenBefore04ReadsAsARunOnThreads() throws IOException {
        // exactly as core 0.3 wrote it: no target member
        String old = "{\"type\":\"started\",\"seq\":1,\"process\":\"1@0\",\"runId\":\"1\",\"providerId\":\"ticker\","
                + "\"providerVersion\":\"0.1.0\",\"parameters\":{},\"startedAt\":\"2025-01-31T10:15:30.123Z\"}";
        Path file = write(old, started(2, "2").replace("THREADS", "PROCESSES"));

        List<RunRecord> records = reopen(file);

        assertEquals(List.of(ExecutionTarget.THREADS, ExecutionTarget.PROCESSES),
                records.stream().map(RunRecord::target).toList());
    }

    @Test
    void aStartedLineWithATargetNoRunHasIsSkipped() throws IOException {
        Path file = write(started(1, "1").replace("THREADS", "AUTO"), started(2, "2").replace("THREADS", "cluster"),
                started(3, "3"));

        try (LoggedWarnings log = new LoggedWarnings(JournalReader.class)) {
            JournalReader.Summary summary = JournalReader.read(file, entry -> {
            });

            assertEquals(2, summary.skipped(), log.warnings().toString());
            assertTrue(log.warnings().get(1).contains("'cluster'"), log.warnings().get(1));
        }
    }

    @Test
    void aRunStartedButNeverEndedIsInterrupted() throws IOException {
        Path file = write(started(1, "1"), started(2, "2"), ended(1, "1", RunState.SUCCEEDED));

        List<RunRecord> records = reopen(file);

        assertEquals(List.of("1", "2"), records.stream().map(RunRecord::runId).toList());
        assertEquals(Status.SUCCEEDED, records.get(0).status());
        assertEquals("summary 1", records.get(0).summary());
        assertEquals(T0.plusSeconds(2), records.get(0).endedAt());
        assertEquals(Status.INTERRUPTED, records.get(1).status());
        assertNull(records.get(1).endedAt(), "an interrupted run has no known end");
        assertEquals(Map.of("intervalMillis", "50"), records.get(1).parameters().values());
    }

    @Test
    void aTruncatedLastLineIsSkippedWithOneWarningAndLaterEntriesStartANewLine() throws IOException {
        String half = started(2, "2").substring(0, 30);
        Path file = folder.resolve("runs.jsonl");
        Files.writeString(file, started(1, "1") + "\n" + ended(1, "1", RunState.CANCELED) + "\n" + half);

        List<RunRecord> records;
        List<String> warnings;
        try (LoggedWarnings log = new LoggedWarnings(JournalReader.class); RunJournal journal = RunJournal.open(file)) {
            records = journal.records();
            warnings = log.warnings();
            FakeRun next = Runs.run("1", "ticker", Parameters.NONE);
            journal.runStarted(next);
            Runs.end(next, RunState.SUCCEEDED, "after the crash", "");
        }

        assertEquals(1, records.size(), records.toString());
        assertEquals(Status.CANCELED, records.get(0).status());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("line 3") && warnings.get(0).contains("incomplete"), warnings.get(0));
        List<String> lines = Files.readAllLines(file);
        assertEquals(half, lines.get(2), "the fragment keeps a line of its own");
        assertEquals(5, lines.size(), lines.toString());
        JournalReader.Summary summary = JournalReader.read(file, entry -> {
        });
        assertEquals(new JournalReader.Summary(4, 1, 2, Files.size(file)), summary, "the new run continues the sequence");
        List<RunRecord> after = reopen(file);
        assertEquals(List.of(Status.CANCELED, Status.SUCCEEDED), after.stream().map(RunRecord::status).toList());
    }

    @Test
    void garbageLinesAreSkippedAndEverythingElseIsRead() throws IOException {
        Path file = folder.resolve("runs.jsonl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<byte[]> lines = new ArrayList<>();
        lines.add(started(1, "1").getBytes(StandardCharsets.UTF_8));
        lines.add("not json at all".getBytes(StandardCharsets.UTF_8));
        lines.add(new byte[] { (byte) 0xff, (byte) 0xfe, '{', '}' }); // not UTF-8
        lines.add(new byte[] { 0, 0, 0, 0 }); // what a lost page of a crashed disk looks like
        lines.add("{\"type\":\"started\",\"seq\":9}".getBytes(StandardCharsets.UTF_8)); // fields missing
        lines.add("{\"type\":\"paused\",\"seq\":9,\"runId\":\"9\"}".getBytes(StandardCharsets.UTF_8));
        lines.add("[1,2]".getBytes(StandardCharsets.UTF_8));
        lines.add("x".repeat(JournalReader.MAX_LINE_BYTES + 10).getBytes(StandardCharsets.UTF_8));
        lines.add(new byte[0]); // an empty line is no problem
        lines.add(ended(42, "42", RunState.FAILED).getBytes(StandardCharsets.UTF_8)); // its start is unknown
        lines.add(ended(1, "1", RunState.FAILED).getBytes(StandardCharsets.UTF_8));
        for (byte[] line : lines) {
            bytes.writeBytes(line);
            bytes.write('\n');
        }
        Files.write(file, bytes.toByteArray());

        JournalReader.Summary summary;
        try (LoggedWarnings log = new LoggedWarnings(JournalReader.class)) {
            summary = JournalReader.read(file, entry -> {
            });
            assertEquals(7, log.warnings().size(), log.warnings().toString());
        }
        List<RunRecord> records = reopen(file);

        assertEquals(new JournalReader.Summary(3, 7, 42, Files.size(file)), summary);
        assertEquals(1, records.size(), records.toString());
        assertEquals(Status.FAILED, records.get(0).status());
    }

    @Test
    void manyBadLinesAreWarnedAboutInBrief() throws IOException {
        int badLines = JournalReader.MAX_WARNED_LINES * 3;
        Path file = write("garbage\n".repeat(badLines).strip());

        try (LoggedWarnings log = new LoggedWarnings(JournalReader.class)) {
            JournalReader.Summary summary = JournalReader.read(file, entry -> {
            });

            assertEquals(badLines, summary.skipped());
            assertEquals(JournalReader.MAX_WARNED_LINES + 1, log.warnings().size());
            assertTrue(log.warnings().getLast().contains((badLines - JournalReader.MAX_WARNED_LINES) + " more"),
                    log.warnings().getLast());
        }
    }

    @Test
    void anEmptyFileHasNoRunsAndTakesNewOnes() throws IOException {
        Path file = folder.resolve("runs.jsonl");
        Files.createFile(file);

        try (RunJournal journal = RunJournal.open(file)) {
            assertEquals(List.of(), journal.records());
            journal.runStarted(Runs.run("1", "ticker", Parameters.NONE));
        }

        assertEquals(List.of(Status.INTERRUPTED), reopen(file).stream().map(RunRecord::status).toList());
    }

    @Test
    void missingFoldersAreCreatedAndAMissingFileReadsAsEmpty() throws IOException {
        Path file = folder.resolve("product/data/journal/runs.jsonl");

        assertEquals(new JournalReader.Summary(0, 0, 0, 0), JournalReader.read(file, entry -> {
        }));
        assertEquals(List.of(), reopen(file));
        assertTrue(Files.isRegularFile(file), "the journal file was not created");
    }

    @Test
    void onlyTheNewestRunsAreKeptInMemory() throws IOException {
        int runs = RunJournal.MAX_RUNS_IN_MEMORY + 5;
        List<String> lines = new ArrayList<>();
        for (int seq = 1; seq <= runs; seq++) {
            lines.add(started(seq, Integer.toString(seq)));
        }
        lines.add(ended(1, "1", RunState.SUCCEEDED)); // fell out of memory: ignored
        lines.add(ended(runs, Integer.toString(runs), RunState.SUCCEEDED));

        List<RunRecord> records = reopen(write(lines.toArray(String[]::new)));

        assertEquals(RunJournal.MAX_RUNS_IN_MEMORY, records.size());
        assertEquals("6", records.getFirst().runId(), "oldest kept first");
        assertEquals(Status.SUCCEEDED, records.getLast().status());
        assertEquals(Status.INTERRUPTED, records.getFirst().status());
    }
}
