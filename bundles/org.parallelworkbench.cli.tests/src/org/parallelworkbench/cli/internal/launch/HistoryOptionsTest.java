package org.parallelworkbench.cli.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.cli.internal.command.UsageException;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunRecord;

/** {@code history [--last N] [--provider ID]}: which recorded runs it lists, from the parsed command line. */
class HistoryOptionsTest {

    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    /** Six runs, oldest first: primes, ticker, primes, ... with their index as the summary. */
    private static final List<RunRecord> RECORDS = IntStream.range(0, 6).mapToObj(i -> new RunRecord("r" + i,
            i % 2 == 0 ? "primes" : "ticker", "0.1.0", Parameters.NONE, START.plusSeconds(i), START.plusSeconds(i + 1),
            RunRecord.Status.SUCCEEDED, "summary-" + i, "")).toList();

    private static ProductCommandLine.History history(String... arguments) throws UsageException {
        ProductCommandLine commandLine = new ProductCommandLine();
        assertEquals(Optional.empty(), commandLine.parse(List.of(arguments)));
        assertEquals(HeadlessMode.HISTORY, commandLine.mode());
        return commandLine.history();
    }

    /** The summaries of the runs a listing shows, in its order. */
    private static List<String> shown(String listing) {
        return listing.lines().skip(1).map(line -> line.replaceAll(".*(summary-\\d).*", "$1")).toList();
    }

    @Test
    void withoutOptionsEveryRunOldestFirst() throws UsageException {
        assertEquals(List.of("summary-0", "summary-1", "summary-2", "summary-3", "summary-4", "summary-5"),
                shown(history("history").text(RECORDS)));
    }

    @Test
    void lastNKeepsTheNewestNStillOldestFirstAndAProviderFiltersBeforeCounting() throws UsageException {
        assertEquals(List.of("summary-4", "summary-5"), shown(history("history", "--last", "2").text(RECORDS)));
        assertEquals(List.of("summary-1", "summary-3", "summary-5"),
                shown(history("history", "--provider", "ticker").text(RECORDS)));
        assertEquals(List.of("summary-2", "summary-4"),
                shown(history("history", "--provider=primes", "--last=2").text(RECORDS)));
        assertEquals(6, shown(history("history", "--last", "100").text(RECORDS)).size());
    }

    @Test
    void anUnknownProviderOrAnEmptyJournalSaysSo() throws UsageException {
        assertEquals("No runs of provider 'mandelbrot' recorded.\n",
                history("history", "--provider", "mandelbrot").text(RECORDS));
        assertEquals("No runs recorded yet.\n", history("history", "--last", "3").text(List.of()));
    }

    @Test
    void lastMustBeAWholeNumberOfAtLeastOne() {
        for (String bad : List.of("0", "-2", "two", "")) {
            UsageException refused = assertThrows(UsageException.class,
                    () -> new ProductCommandLine().parse(List.of("history", "--last", bad)), bad);
            assertTrue(refused.getMessage().startsWith("parallel-workbench history: --last must be a whole number of at"
                    + " least 1, not '" + bad + "'"), refused.getMessage());
        }
    }
}
