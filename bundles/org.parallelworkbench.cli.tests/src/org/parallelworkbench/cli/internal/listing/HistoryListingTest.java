package org.parallelworkbench.cli.internal.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunRecord;

class HistoryListingTest {

    private static final Instant START = Instant.parse("2026-11-25T10:15:30Z");

    @Test
    void eachRunIsOneLineWithWhereItRanStatusDurationResultOrReasonAndParameters() {
        List<RunRecord> records = List.of(
                new RunRecord("a", "primes", "0.1.0", new Parameters(Map.of("limit", "1000000")), START,
                        START.plusMillis(2_340), RunRecord.Status.SUCCEEDED, "78498", ""),
                new RunRecord("b", "ticker", "0.1.0", Parameters.NONE, START.plusSeconds(60), null,
                        RunRecord.Status.INTERRUPTED, "", "", ExecutionTarget.PROCESSES),
                new RunRecord("c", "ticker", "0.1.0", Parameters.NONE, START.plusSeconds(120), START.plusSeconds(125),
                        RunRecord.Status.CANCELED, "3", "Stopped by the user"));

        List<String> lines = HistoryListing.format(records).lines().toList();

        assertEquals(4, lines.size(), lines::toString);
        assertEquals("started               provider      run on     status            took  result or reason", lines.get(0));
        assertEquals("2026-11-25 10:15:30Z  primes        threads    SUCCEEDED        2.3 s  78498  [limit=1000000]", lines.get(1));
        assertEquals("2026-11-25 10:16:30Z  ticker        processes  INTERRUPTED          -  ", lines.get(2));
        assertEquals("2026-11-25 10:17:30Z  ticker        threads    CANCELED         5.0 s  Stopped by the user", lines.get(3));
    }

    @Test
    void anEmptyHistorySaysSo() {
        assertEquals("No runs recorded yet.\n", HistoryListing.format(List.of()));
    }
}
