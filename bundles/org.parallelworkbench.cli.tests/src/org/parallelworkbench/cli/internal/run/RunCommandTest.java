package org.parallelworkbench.cli.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.cli.internal.TestProviders;
import org.parallelworkbench.testing.FakeJobService;
import org.parallelworkbench.cli.internal.command.CommandStreams;
import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;

/** {@code run} against a fake engine: exit codes, what goes to stdout and stderr, what is started. */
class RunCommandTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeJobService jobs = TestProviders.jobs();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RunCommand command = new RunCommand(jobs,
            new CommandStreams(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false),
            Duration.ofMillis(200), System::nanoTime);
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @TempDir
    Path temp;

    @AfterEach
    void stopCaller() throws InterruptedException {
        caller.shutdownNow();
        assertTrue(caller.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS), "the command's thread did not end");
    }

    private int run(String... arguments) throws Exception {
        return command.execute(RunRequestTest.parse(arguments));
    }

    /** Starts the command on its own thread and returns once the fake engine has its run. */
    private CompletableFuture<Integer> runInBackground(String... arguments) throws InterruptedException {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return run(arguments);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, caller);
        // Started and followed: an event published before the command subscribes would be lost.
        try {
            jobs.firstStarted.get(WAIT.toSeconds(), TimeUnit.SECONDS).followed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            fail("no run started and followed within " + WAIT.toSeconds() + " s (" + e + "); exit " + exit + "; stderr: " + text(err));
        }
        return exit;
    }

    private static int exitOf(CompletableFuture<Integer> exit) throws Exception {
        return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    @Test
    void invalidParametersPrintEveryProblemAndStartNothing() throws Exception {
        assertEquals(ExitCodes.USAGE, run("ticker", "intervalMillis=0", "bogus=1"));
        List<String> lines = text(err).lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("intervalMillis: must be between 1 and 3600000 ms")), text(err));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("bogus: unknown parameter")), text(err));
        assertEquals(List.of(), jobs.started);
        assertEquals("", text(out));
    }

    @Test
    void unknownProviderListsTheInstalledOnes() throws Exception {
        assertEquals(ExitCodes.USAGE, run("nosuch"));
        assertEquals("Unknown provider 'nosuch'; installed: primes, ticker", text(err).strip());
        assertEquals(List.of(), jobs.started);
    }

    @Test
    void aPairWithoutEqualsIsAUsageError() throws Exception {
        RunRequest request = new RunRequest("ticker", List.of("start"), 0, ExecutionTarget.AUTO, Optional.empty());
        assertEquals(ExitCodes.USAGE, command.execute(request));
        assertEquals("Expected name=value but got 'start'", text(err).strip());
        assertEquals(List.of(), jobs.started);
    }

    @Test
    void anUnknownExportFormatIsRefusedBeforeStarting() throws Exception {
        assertEquals(ExitCodes.USAGE, run("primes", "--output", temp.resolve("r.txt").toString()));
        assertTrue(text(err).contains("must end in .csv, .json or .png"), text(err));
        assertEquals(List.of(), jobs.started);
    }

    @Test
    void successPrintsTheSummaryOnStdoutAndExportsTheResult() throws Exception {
        Path csv = temp.resolve("p.csv");
        CompletableFuture<Integer> exit = runInBackground("primes", "limit=1000", "--retries", "2", "--output", csv.toString());
        FakeJobService.FakeRun run = jobs.started.get(0);
        assertEquals("1000", run.parameters().get("limit", ""));
        assertEquals(2, jobs.options.get(0).unitRetries());
        run.publish(new RunEvent.UnitCompleted(run.id(), new UnitResult(0, "168"), 1, 1));
        run.end(RunState.SUCCEEDED, "", new ResultValue.Scalar("168"), TestProviders.ELAPSED);
        assertEquals(ExitCodes.OK, exitOf(exit), () -> text(err));
        assertEquals("168", text(out).strip());
        assertEquals("168\r\n", Files.readString(csv));
        assertTrue(text(err).contains("Run 1 of primes 0.2.0 started with {limit=1000} on threads\n"), text(err));
        assertTrue(text(err).contains("SUCCEEDED in 1.5 s on threads, "), text(err));
    }

    @Test
    void aRunOnProcessesSaysSoWhenItStartsAndEnds() throws Exception {
        jobs.runsOnProcesses = true;
        CompletableFuture<Integer> exit = runInBackground("primes", "--on", "processes");
        assertEquals(ExecutionTarget.PROCESSES, jobs.options.get(0).target());
        jobs.started.get(0).end(RunState.SUCCEEDED, "", new ResultValue.Scalar("25"), TestProviders.ELAPSED);
        assertEquals(ExitCodes.OK, exitOf(exit), () -> text(err));
        assertTrue(text(err).contains(" started with {limit=100} on processes\n"), text(err));
        assertTrue(text(err).contains("SUCCEEDED in 1.5 s on processes, "), text(err));
    }

    @Test
    void anEngineThatCannotRunOnProcessesRefusesWithExit2AndItsReason() throws Exception {
        assertEquals(ExitCodes.USAGE, run("primes", "--on", "processes"));
        assertEquals("Provider 'primes' cannot run on processes: worker processes need the packaged product", text(err).strip());
        assertEquals(List.of(ExecutionTarget.PROCESSES), jobs.options.stream().map(RunOptions::target).toList());
        assertEquals(List.of(), jobs.started);
        assertEquals("", text(out));
    }

    @Test
    void failureExitsWith1AndSaysWhyOnStderr() throws Exception {
        CompletableFuture<Integer> exit = runInBackground("primes");
        jobs.started.get(0).end(RunState.FAILED, "unit 3 failed: boom", new ResultValue.Scalar(""), TestProviders.ELAPSED);
        assertEquals(ExitCodes.FAILED, exitOf(exit));
        assertTrue(text(err).contains("FAILED after 1.5 s on threads: unit 3 failed: boom"), text(err));
        assertEquals("", text(out));
    }

    @Test
    void stopCancelsTheRunAndWaitsUntilItIsReportedAs130() throws Exception {
        CompletableFuture<Integer> exit = runInBackground("ticker");
        assertTrue(command.stop("interrupted: the product is stopping", WAIT), "stop did not see the run reported");
        assertEquals("interrupted: the product is stopping", jobs.started.get(0).cancelReason());
        assertEquals(ExitCodes.CANCELED, exitOf(exit));
        assertTrue(text(err).contains("CANCELED after 0.0 s on threads: interrupted: the product is stopping"), text(err));
    }

    @Test
    void anImageResultForACsvFileCancelsAtTheFirstUpdateAndExitsWith2() throws Exception {
        Path csv = temp.resolve("m.csv");
        CompletableFuture<Integer> exit = runInBackground("primes", "--output", csv.toString());
        FakeJobService.FakeRun run = jobs.started.get(0);
        run.publish(new RunEvent.ResultUpdated(run.id(), new ResultValue.Image(1, 1, new int[1])));
        assertEquals(ExitCodes.USAGE, exitOf(exit));
        assertEquals(RunState.CANCELED, run.state());
        assertTrue(text(err).contains("Image results cannot be written as .csv; use .json or .png"), text(err));
        assertFalse(Files.exists(csv));
    }

    @Test
    void anImageResultForACsvFileFoundOnlyAtTheEndIsNotWritten() throws Exception {
        Path csv = temp.resolve("m.csv");
        CompletableFuture<Integer> exit = runInBackground("primes", "--output", csv.toString());
        jobs.started.get(0).end(RunState.SUCCEEDED, "", new ResultValue.Image(1, 1, new int[1]), TestProviders.ELAPSED);
        assertEquals(ExitCodes.USAGE, exitOf(exit));
        assertTrue(text(err).contains("Image results cannot be written as .csv"), text(err));
        assertFalse(Files.exists(csv));
    }
}
