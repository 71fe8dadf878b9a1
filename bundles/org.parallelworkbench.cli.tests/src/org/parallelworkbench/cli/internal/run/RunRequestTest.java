package org.parallelworkbench.cli.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.cli.internal.command.UsageException;
import org.parallelworkbench.core.ExecutionTarget;

/** The {@code run} command line, parsed. */
class RunRequestTest {

    @Test
    void runTakesProviderPairsAndOptionsInAnyOrder() throws UsageException {
        RunRequest request = RunRequest.parse(List.of("--retries", "3", "primes", "limit=10", "--output=out/p.csv", "x=1"));
        assertEquals("primes", request.providerId());
        assertEquals(List.of("limit=10", "x=1"), request.pairs());
        assertEquals(3, request.retries());
        assertEquals(3, request.options().unitRetries());
        assertEquals(Optional.of(Path.of("out/p.csv")), request.output());
    }

    @Test
    void runDefaultsToNoRetriesNoOutputAndTheEnginesChoiceOfTarget() throws UsageException {
        RunRequest request = RunRequest.parse(List.of("ticker"));
        assertEquals(0, request.retries());
        assertEquals(Optional.empty(), request.output());
        assertEquals(ExecutionTarget.AUTO, request.options().target());
    }

    @Test
    void onNamesWhereUnitsExecuteInAnyCaseAndEitherForm() throws UsageException {
        assertEquals(ExecutionTarget.PROCESSES, RunRequest.parse(List.of("primes", "--on", "processes", "limit=9")).target());
        assertEquals(ExecutionTarget.THREADS, RunRequest.parse(List.of("--on=Threads", "primes")).options().target());
        assertEquals(ExecutionTarget.AUTO, RunRequest.parse(List.of("primes", "--on", "auto")).target());
        assertEquals(List.of("limit=9"), RunRequest.parse(List.of("primes", "--on", "processes", "limit=9")).pairs());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        RunRequest request = RunRequest.parse(List.of("--", "--odd-id", "a=1"));
        assertEquals("--odd-id", request.providerId());
        assertEquals(List.of("a=1"), request.pairs());
    }

    @Test
    void badRunCommandLinesSayWhatIsWrongAndShowTheUsage() {
        Map<List<String>, String> cases = Map.of(
                List.of(), "which provider?",
                List.of("ticker", "--retries", "11"), "--retries must be a whole number from 0 to 10, not '11'",
                List.of("ticker", "--retries", "many"), "--retries must be a whole number from 0 to 10, not 'many'",
                List.of("ticker", "--output"), "--output needs a value",
                List.of("ticker", "--verbose"), "unknown option --verbose",
                List.of("ticker", "--retries=1", "--retries=2"), "--retries given twice",
                List.of("ticker", "--on", "cluster"), "--on: 'cluster' is not a place to run units; choose auto, threads, processes",
                List.of("ticker", "--on"), "--on needs a value",
                List.of("ticker", "--on=threads", "--on=processes"), "--on given twice");
        cases.forEach((arguments, expected) -> {
            UsageException e = assertThrows(UsageException.class, () -> RunRequest.parse(arguments), arguments::toString);
            assertEquals(2, e.lines().size(), e::getMessage);
            assertTrue(e.lines().get(0).contains(expected), () -> arguments + ": " + e.getMessage());
            assertEquals(RunRequest.USAGE, e.lines().get(1));
        });
    }
}
