package org.parallelworkbench.cli.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.cli.internal.command.CommandLines;
import org.parallelworkbench.cli.internal.command.UsageException;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.export.ResultExporters;

/** The {@code run} command line, parsed by {@link RunArguments}. */
class RunRequestTest {

    static RunRequest parse(String... arguments) throws UsageException {
        RunArguments run = new RunArguments();
        CommandLines.parse(CommandLines.create(run), List.of(arguments));
        return run.request();
    }

    @Test
    void runTakesProviderPairsAndOptionsInAnyOrder() throws UsageException {
        RunRequest request = parse("--retries", "3", "primes", "limit=10", "--output=out/p.csv", "x=1");
        assertEquals("primes", request.providerId());
        assertEquals(List.of("limit=10", "x=1"), request.pairs());
        assertEquals(3, request.retries());
        assertEquals(3, request.options().unitRetries());
        assertEquals(Optional.of(Path.of("out/p.csv")), request.output());
    }

    @Test
    void runDefaultsToNoRetriesNoOutputAndTheEnginesChoiceOfTarget() throws UsageException {
        RunRequest request = parse("ticker");
        assertEquals(0, request.retries());
        assertEquals(Optional.empty(), request.output());
        assertEquals(ExecutionTarget.AUTO, request.options().target());
    }

    @Test
    void onNamesWhereUnitsExecuteInAnyCaseAndEitherForm() throws UsageException {
        assertEquals(ExecutionTarget.PROCESSES, parse("primes", "--on", "processes", "limit=9").target());
        assertEquals(ExecutionTarget.THREADS, parse("--on=Threads", "primes").options().target());
        assertEquals(ExecutionTarget.AUTO, parse("primes", "--on", "auto").target());
        assertEquals(List.of("limit=9"), parse("primes", "--on", "processes", "limit=9").pairs());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        RunRequest request = parse("--", "--odd-id", "a=1");
        assertEquals("--odd-id", request.providerId());
        assertEquals(List.of("a=1"), request.pairs());
    }

    @Test
    void badRunCommandLinesSayWhatIsWrongAndShowTheUsage() {
        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(List.of(), "Missing required parameter: '<provider>'"),
                Map.entry(List.of(" "), "which provider? (list them with: parallel-workbench providers)"),
                Map.entry(List.of("ticker", "start"), "Expected name=value but got 'start'"),
                Map.entry(List.of("ticker", "--retries", "11"), "--retries must be a whole number from 0 to 10, not '11'"),
                Map.entry(List.of("ticker", "--retries", "many"), "--retries must be a whole number from 0 to 10, not 'many'"),
                Map.entry(List.of("ticker", "--output"), "Missing required parameter for option '--output' (FILE)"),
                Map.entry(List.of("ticker", "--output="), "--output needs a file name"),
                Map.entry(List.of("ticker", "--verbose"), "Unknown option: '--verbose'"),
                Map.entry(List.of("ticker", "--retries=1", "--retries=2"), "option '--retries' (N) should be specified only once"),
                Map.entry(List.of("ticker", "--on", "gpu"),
                        "--on: 'gpu' is not a place to run units; choose auto, threads, processes, cluster"),
                Map.entry(List.of("ticker", "--on"), "Missing required parameter for option '--on' (threads|processes|cluster|auto)"),
                Map.entry(List.of("ticker", "--on=threads", "--on=processes"),
                        "option '--on' (threads|processes|cluster|auto) should be specified only once"));
        cases.forEach((arguments, expected) -> {
            UsageException e = assertThrows(UsageException.class, () -> parse(arguments.toArray(String[]::new)),
                    arguments::toString);
            List<String> lines = e.lines();
            assertEquals("run: " + expected, lines.get(0), () -> arguments + ": " + e.getMessage());
            assertTrue(lines.get(1).startsWith("Usage: run [-h] [--on=threads|processes|cluster|auto] "), e::getMessage);
            assertEquals("Try 'run --help' for more information.", lines.get(lines.size() - 1), e::getMessage);
        });
    }

    @Test
    void aMisspelledOptionGetsASuggestion() {
        UsageException e = assertThrows(UsageException.class, () -> parse("ticker", "--retrys", "2"));
        assertTrue(e.lines().contains("Did you mean --retries?"), e::getMessage);
    }

    @Test
    void theHelpOfOutputNamesEveryExportFormat() {
        String description = String.join(" ", CommandLines.create(new RunArguments()).getCommandSpec()
                .findOption(RunArguments.OUTPUT_OPTION).description());
        assertTrue(description.contains(" as " + ResultExporters.extensionList() + " "), description);
    }
}
