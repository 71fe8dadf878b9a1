package org.parallelworkbench.cli.internal.console;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.parallelworkbench.cli.internal.listing.ProviderListing;
import org.parallelworkbench.cli.internal.run.ProgressSnapshot;
import org.parallelworkbench.cli.internal.run.RunArguments;
import org.parallelworkbench.cli.internal.run.RunFollower;
import org.parallelworkbench.cli.internal.run.RunRequest;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunRecord;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Felix Gogo commands in scope {@code pw}, for any Gogo front end (shell, remote shell):
 * {@code pw:providers}, {@code pw:run <provider> [name=value ...] [--on ...] [--retries N]} (starts a run and
 * returns its id at once), {@code pw:runs} (active runs with state, where they run and progress, and the history
 * when a {@link RunHistory} is there) and {@code pw:cancel <id>}. Gogo finds the commands by the service
 * properties; this bundle needs no Gogo API: arguments arrive as strings, parsed with the command line's picocli
 * declarations.
 * <p>
 * Progress of a run is known from its events: the {@link RunFollower} follows every run the engine announces,
 * and the runs started here. Thread-safe: Gogo sessions call the commands on their own threads. Immediate:
 * Gogo releases the service after each command, which would otherwise dispose and recreate the component.
 */
@Component(immediate = true, service = PwCommands.class, property = { "osgi.command.scope=" + PwCommands.SCOPE,
        "osgi.command.function=providers", "osgi.command.function=run", "osgi.command.function=runs",
        "osgi.command.function=cancel" })
public final class PwCommands {

    static final String SCOPE = "pw";
    /** Records of the history shown by {@code pw:runs}, newest last. */
    static final int HISTORY_RECORDS_SHOWN = 20;
    static final String CANCEL_REASON = "cancelled with pw:cancel";
    static final String RUN_HEADER = "Starts a run and returns its id at once.";
    static final String RUN_DESCRIPTION = "pw:runs shows its progress. There is no --output: export from the window, or"
            + " with parallel-workbench run.";

    private final JobService jobs;
    private final RunFollower follower;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RunHistory history;

    @Activate
    public PwCommands(@Reference(name = "jobs") JobService jobs, @Reference(name = "follower") RunFollower follower) {
        this.jobs = jobs;
        this.follower = follower;
    }

    /** {@code pw:providers}: every installed provider with its parameters. */
    public String providers() {
        return ProviderListing.format(jobs.providers());
    }

    /**
     * {@code pw:run <provider> [name=value ...] [--on threads|processes|cluster|auto] [--retries N]}, as {@link RunArguments}
     * declares {@code run} for the command line, but without {@code --output}: the run starts and its id returns at
     * once, before there is a result to write. {@code --help} returns the help instead.
     *
     * @throws IllegalArgumentException a usage error with the usage, unknown provider, every parameter problem one
     *                                  per line, or the engine refusing the target; nothing is started then
     */
    public String run(String... arguments) {
        RunArguments parsed = new RunArguments();
        CommandLine line = ConsoleArguments.commandLine(parsed);
        CommandSpec spec = line.getCommandSpec();
        spec.remove(spec.findOption(RunArguments.OUTPUT_OPTION));
        spec.usageMessage().header(RUN_HEADER).description(RUN_DESCRIPTION);
        Optional<String> help = ConsoleArguments.parse(line, arguments);
        if (help.isPresent()) {
            return help.get();
        }
        RunRequest request = parsed.request();
        Parameters parameters = Parameters.parse(request.pairs());
        RunHandle run;
        try {
            run = jobs.start(request.providerId(), parameters, request.options());
        } catch (InvalidParametersException e) {
            throw new IllegalArgumentException("Nothing started; invalid parameters for '" + request.providerId() + "':\n"
                    + String.join("\n", e.problems().stream().map(ParameterProblem::toString).toList()), e);
        }
        follower.follow(run);
        return run.id();
    }

    /** {@code pw:runs}: one line per active run, oldest first, then the history if there is one. */
    public String runs() {
        StringBuilder text = new StringBuilder();
        List<RunHandle> active = jobs.activeRuns();
        text.append(active.isEmpty() ? "No active runs.\n" : "Active runs:\n");
        for (RunHandle run : active) {
            text.append("  ").append(run.id()).append("  ").append(run.provider().id()).append("  ").append(run.state())
                    .append("  on ").append(RunRequest.word(run.target())).append("  ").append(follower.progress(run.id()).map(ProgressSnapshot::plain).orElse("progress unknown"))
                    .append('\n');
        }
        RunHistory journal = history;
        if (journal != null) {
            List<RunRecord> records = journal.records();
            List<RunRecord> shown = records.subList(Math.max(0, records.size() - HISTORY_RECORDS_SHOWN), records.size());
            text.append(shown.isEmpty() ? "History: empty.\n"
                    : "History (" + shown.size() + " of " + records.size() + ", oldest first):\n");
            for (RunRecord record : shown) {
                text.append("  ").append(record.runId()).append("  ").append(record.providerId()).append("  ")
                        .append(record.status()).append("  on ").append(RunRequest.word(record.target())).append("  ")
                        .append(record.startedAt()).append("  ")
                        .append(record.reason().isEmpty() ? record.summary() : record.reason()).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * {@code pw:cancel <id>}: asks an active run to stop.
     *
     * @throws IllegalArgumentException if no active run has this id
     */
    public String cancel(String runId) {
        RunHandle run = jobs.activeRuns().stream().filter(r -> r.id().equals(runId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No active run '" + runId + "'; active: "
                        + jobs.activeRuns().stream().map(RunHandle::id).toList()));
        run.cancel(CANCEL_REASON);
        return "Cancelling run " + runId;
    }
}
