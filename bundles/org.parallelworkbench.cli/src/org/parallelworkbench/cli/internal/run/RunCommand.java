package org.parallelworkbench.cli.internal.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.parallelworkbench.cli.internal.command.CommandStreams;
import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.cli.internal.command.UsageException;
import org.parallelworkbench.cli.internal.startup.ProductStartup;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.export.ResultExporter;
import org.parallelworkbench.export.ResultExporters;

/**
 * {@code parallel-workbench run}: checks the request, starts one run, shows its progress on stderr, waits
 * for it however long it takes, prints its summary on stdout, exports its result if asked, and returns the
 * exit code (see {@link ExitCodes}). Nothing starts when the request is bad.
 * <p>
 * {@link #execute} runs on one thread; {@link #stop} may be called from any other thread (the framework
 * stopping, e.g. on Ctrl+C) and cancels the run, then waits for {@code execute} to have reported it.
 * <p>
 * Limitation: which kind of result a provider makes is known only once it makes one, so an export the
 * result's kind does not support (an image to CSV) is refused at the first result update, cancelling the
 * run, or at the end of a run too short to publish one; an unknown extension is refused before starting.
 */
public final class RunCommand {

    /** How long an unknown provider id is given to appear (drop-ins are installed after the platform). */
    public static final Duration PROVIDER_WAIT = Duration.ofSeconds(3);

    private final JobService jobs;
    private final CommandStreams io;
    private final Duration providerWait;
    private final LongSupplier nanoClock;
    private final AtomicReference<RunHandle> run = new AtomicReference<>();
    private final CountDownLatch reported = new CountDownLatch(1);
    private volatile String stopReason;
    private volatile String exportProblem;

    public RunCommand(JobService jobs, CommandStreams io, Duration providerWait, LongSupplier nanoClock) {
        this.jobs = jobs;
        this.io = io;
        this.providerWait = providerWait;
        this.nanoClock = nanoClock;
    }

    /** @return the exit code; the caller's thread waits for the run to end */
    public int execute(RunRequest request) throws InterruptedException {
        try {
            RunOutcome outcome = startAndAwait(request);
            return report(outcome, request, RunRequest.word(run.get().target()));
        } catch (UsageException e) {
            e.lines().forEach(io.err()::println);
            return ExitCodes.USAGE;
        } finally {
            io.out().flush();
            io.err().flush();
            reported.countDown();
        }
    }

    /**
     * Cancels the run, if one is going, and waits up to {@code wait} for {@link #execute} to print how it
     * ended. A run not started yet will not start.
     *
     * @return whether the outcome was reported in time
     */
    public boolean stop(String reason, Duration wait) throws InterruptedException {
        stopReason = reason;
        RunHandle current = run.get();
        if (current != null) {
            current.cancel(reason);
        }
        return reported.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private RunOutcome startAndAwait(RunRequest request) throws UsageException, InterruptedException {
        Optional<ResultExporter> exporter = exporterFor(request.output());
        if (!ProductStartup.awaitProvider(jobs, request.providerId(), providerWait)) {
            List<String> installed = jobs.providers().stream().map(ProviderInfo::id).sorted().toList();
            throw new UsageException("Unknown provider '" + request.providerId() + "'; installed: "
                    + (installed.isEmpty() ? "none" : String.join(", ", installed)));
        }
        Parameters parameters;
        try {
            parameters = Parameters.parse(request.pairs());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage()); // RunArguments refuses such pairs already
        }
        if (stopReason != null) {
            throw new UsageException("Not started: " + stopReason);
        }
        RunHandle started;
        try {
            started = jobs.start(request.providerId(), parameters, request.options());
        } catch (InvalidParametersException e) {
            throw new UsageException(e.problems().stream().map(ParameterProblem::toString).toList());
        } catch (IllegalArgumentException e) {
            // unknown provider after all, its plan refused the values, or the engine cannot run on that target
            throw new UsageException(e.getMessage());
        }
        run.set(started);
        if (stopReason != null) {
            started.cancel(stopReason); // stop() came between the check and set()
        }
        io.err().println("Run " + started.id() + " of " + started.provider().id() + " " + started.provider().version()
                + " started with " + started.parameters().values() + " on " + RunRequest.word(started.target()));
        ProgressTracker progress = new ProgressTracker(nanoClock);
        try (ProgressDisplay display = new ProgressDisplay(io.err(), io.errIsTerminal(), progress)) {
            started.summaryEvents().subscribe(RunEvent.subscriber(event -> {
                progress.accept(event);
                if (event instanceof RunEvent.ResultUpdated updated) {
                    exporter.ifPresent(e -> refuseUnsupported(e, updated.result(), started));
                } else if (event instanceof RunEvent.StateChanged changed && changed.state() == RunState.RUNNING
                        && !changed.reason().isEmpty()) {
                    io.err().println("Run " + started.id() + ": " + changed.reason() + "...");
                }
            }));
            return started.outcome().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The outcome of run " + started.id() + " failed", e.getCause());
        }
    }

    private Optional<ResultExporter> exporterFor(Optional<Path> output) throws UsageException {
        if (output.isEmpty()) {
            return Optional.empty();
        }
        Path file = output.get();
        ResultExporter exporter = ResultExporters.forFile(file).orElseThrow(() -> new UsageException(
                "Cannot export to '" + file + "': the file name must end in " + ResultExporters.extensionList()));
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new UsageException("Cannot export to '" + file + "': " + parent + " is not a writable folder");
        }
        return Optional.of(exporter);
    }

    private void refuseUnsupported(ResultExporter exporter, ResultValue result, RunHandle started) {
        if (exportProblem == null && !exporter.supports(result)) {
            exportProblem = exporter.unsupportedMessage(result);
            started.cancel(exportProblem);
        }
    }

    private int report(RunOutcome outcome, RunRequest request, String where) {
        String elapsed = String.format(Locale.ROOT, "%.1f s on %s", outcome.elapsed().toMillis() / 1000.0, where);
        if (exportProblem != null) {
            io.err().println(exportProblem);
            return ExitCodes.USAGE;
        }
        switch (outcome.state()) {
        case SUCCEEDED -> {
            io.out().println(outcome.summary());
            io.err().println("SUCCEEDED in " + elapsed + ", " + outcome.unitsCompleted() + " units");
            return request.output().map(file -> export(outcome.result(), file)).orElse(ExitCodes.OK);
        }
        case FAILED -> {
            io.err().println("FAILED after " + elapsed + ": " + outcome.reason());
            return ExitCodes.FAILED;
        }
        case CANCELED -> {
            String soFar = outcome.unitsCompleted() == 0 ? "" : " (result so far: " + outcome.summary() + ")";
            io.err().println("CANCELED after " + elapsed + ": " + outcome.reason() + soFar);
            return ExitCodes.CANCELED;
        }
        default -> throw new IllegalStateException("An outcome's state is final, not " + outcome.state());
        }
    }

    private int export(ResultValue result, Path file) {
        ResultExporter exporter = ResultExporters.forFile(file).orElseThrow(); // checked before starting
        if (!exporter.supports(result)) {
            io.err().println(exporter.unsupportedMessage(result));
            return ExitCodes.USAGE;
        }
        try {
            exporter.writeFile(result, file);
            io.err().println("Wrote " + file);
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            io.err().println("Could not write " + file + ": " + e);
            return ExitCodes.FAILED;
        }
    }
}
