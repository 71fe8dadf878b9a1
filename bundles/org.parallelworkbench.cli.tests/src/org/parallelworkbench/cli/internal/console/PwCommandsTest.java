package org.parallelworkbench.cli.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.cli.internal.TestProviders;
import org.parallelworkbench.testing.FakeJobService;
import org.parallelworkbench.cli.internal.run.RunFollower;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunState;

/** The Gogo commands and the run follower behind pw:runs, against a fake engine. */
class PwCommandsTest {

    private final FakeJobService jobs = TestProviders.jobs();
    private final RunFollower follower = new RunFollower();
    private final PwCommands commands = new PwCommands(jobs, follower);

    @Test
    void providersListsIdVersionAndParametersWithDefaultsBoundsAndUnits() {
        String text = commands.providers();
        assertTrue(text.contains("ticker 0.1.0  Ticker: Counts up."), text);
        assertTrue(text.contains("    intervalMillis=1000 ms  (integer, 1..3600000 ms)  Time between two values."), text);
        assertTrue(text.contains("    limit=100  (integer, 2..1000000000)"), text);
        assertTrue(text.indexOf("primes") < text.indexOf("ticker"), "in the engine's order: " + text);
    }

    @Test
    void runStartsWithThePairsAndReturnsTheIdAtOnce() {
        assertEquals("1", commands.run("primes", "limit=500"));
        assertEquals(1, jobs.started.size());
        assertEquals(Parameters.parse(List.of("limit=500")), jobs.started.get(0).parameters());
        assertEquals(RunState.RUNNING, jobs.started.get(0).state());
        assertEquals(ExecutionTarget.AUTO, jobs.options.get(0).target(), "the engine chooses unless told");
    }

    @Test
    void runOnTakesTheTargetBeforeOrAfterTheProviderAndRunsShowsWhereItRuns() {
        jobs.runsOnProcesses = true;
        commands.run("--on", "processes", "primes", "limit=500");
        commands.run("ticker", "--on=threads");
        assertEquals(List.of(ExecutionTarget.PROCESSES, ExecutionTarget.THREADS),
                jobs.options.stream().map(RunOptions::target).toList());
        assertEquals(Parameters.parse(List.of("limit=500")), jobs.started.get(0).parameters());
        String text = commands.runs();
        assertTrue(text.contains("  1  primes  RUNNING  on processes  0 units, "), text);
        assertTrue(text.contains("  2  ticker  RUNNING  on threads  0 units, "), text);
    }

    @Test
    void runOnRefusesABadTargetAndPassesOnTheEnginesRefusalStartingNothing() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> commands.run("--on", "gpu", "primes"));
        assertTrue(bad.getMessage().startsWith("pw:run: --on: 'gpu' is not a place to run units; choose auto, threads, processes, cluster\n"
                + "Usage: pw:run [-h] [--on=threads|processes|cluster|auto] "), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> commands.run("primes", "--on"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> commands.run("--on", "processes", "primes"));
        assertTrue(refused.getMessage().startsWith("Provider 'primes' cannot run on processes"), refused.getMessage());
        assertEquals(List.of(), jobs.started);
    }

    @Test
    void runTakesTheOptionsOfTheCommandLinesRunButNotItsOutput() {
        commands.run("primes", "--retries", "2");
        assertEquals(2, jobs.options.get(0).unitRetries());
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                () -> commands.run("primes", "--output", "p.csv"));
        assertTrue(output.getMessage().startsWith("pw:run: Unknown option: '--output'\n"), output.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> commands.run());
        assertTrue(none.getMessage().startsWith("pw:run: Missing required parameter: '<provider>'\nUsage: pw:run "),
                none.getMessage());
        assertEquals(1, jobs.started.size());
    }

    @Test
    void runHelpIsTheCommandLinesWithoutOutputAndExitCodes() {
        String help = commands.run("--help");
        assertTrue(help.contains("Usage: pw:run [-h] [--on=threads|processes|cluster|auto] "), help);
        assertTrue(help.startsWith(PwCommands.RUN_HEADER + "\n"), help);
        assertTrue(help.contains("Tries a failing unit again up to N times (0-10)."), help);
        assertFalse(help.contains("--output=FILE"), help);
        assertFalse(help.contains("Exit codes"), help);
        assertEquals(List.of(), jobs.started);
    }

    @Test
    void runWithBadParametersNamesEveryProblemAndStartsNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.run("ticker", "intervalMillis=0", "bogus=1"));
        assertTrue(e.getMessage().contains("\nintervalMillis: must be between 1 and 3600000 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("\nbogus: unknown parameter"), e.getMessage());
        assertEquals(List.of(), jobs.started);
        assertThrows(IllegalArgumentException.class, () -> commands.run("nosuch"));
    }

    @Test
    void runsShowsActiveRunsWithStateAndProgressFromTheirEvents() {
        String id = commands.run("primes");
        FakeJobService.FakeRun run = jobs.started.get(0);
        run.publish(new RunEvent.Progress(id, 3, 10, 1.5, 4_700));
        String text = commands.runs();
        assertTrue(text.contains("  1  primes  RUNNING  on threads  3/10 units (30%), 1.5 units/s, ETA 0:05"), text);
        assertFalse(text.contains("History"), "no history without a RunHistory: " + text);
    }

    @Test
    void runsFollowsRunsAnnouncedToObserversAndForgetsEndedOnes() {
        FakeJobService.FakeRun other = (FakeJobService.FakeRun) jobs.start("ticker", Parameters.NONE);
        follower.runStarted(other);
        other.publish(new RunEvent.Progress(other.id(), 1, -1, 1.0, -1));
        assertTrue(commands.runs().contains("  1  ticker  RUNNING  on threads  1 unit, "), commands.runs());
        other.end(RunState.SUCCEEDED, "", new ResultValue.Scalar("1"), TestProviders.ELAPSED);
        assertTrue(commands.runs().startsWith("No active runs."), commands.runs());
    }

    @Test
    void runsShowsTheHistoryWhenThereIsOne() {
        RunRecord done = new RunRecord("7", "primes", "0.2.0", Parameters.NONE, Instant.parse("2026-11-25T10:00:00Z"),
                Instant.parse("2026-11-25T10:00:01Z"), RunRecord.Status.SUCCEEDED, "78498", "", ExecutionTarget.PROCESSES);
        commands.history = () -> List.of(done);
        String text = commands.runs();
        assertTrue(text.contains("History (1 of 1, oldest first):\n  7  primes  SUCCEEDED  on processes  2026-11-25T10:00:00Z  78498"), text);
        commands.history = null;
        assertFalse(commands.runs().contains("History"), "the history left with its service");
    }

    @Test
    void cancelStopsAnActiveRunAndRefusesUnknownIds() {
        String id = commands.run("ticker");
        assertEquals("Cancelling run " + id, commands.cancel(id));
        assertEquals(PwCommands.CANCEL_REASON, jobs.started.get(0).cancelReason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commands.cancel(id));
        assertTrue(e.getMessage().startsWith("No active run '" + id + "'"), e.getMessage());
    }
}
