package org.parallelworkbench.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.install.WorkerBundles;

/**
 * Felix Gogo commands for worker bundles, in scope {@value PwCommands#SCOPE} next to {@link PwCommands}:
 * {@code pw:workers}, {@code pw:install <jar|repository> [--force]} and {@code pw:uninstall <symbolic-name> [--force]}. They run in the
 * product's own JVM, so they see the runs of the bundle's providers, and through the run journal those of the other
 * product processes: an uninstall, or an install that replaces the bundle, refuses while any is active, and with
 * {@code --force} cancels this process's runs with the reason {@link WorkerInstaller#uninstallReason} or
 * {@link WorkerInstaller#updateReason} before the jar changes (the other processes cancel theirs as the provider goes).
 * <p>
 * Thread-safe; a command blocks its Gogo session for at most {@link WorkerInstaller#SETTLE_TIMEOUT} while File Install
 * picks the change up. Refusals throw {@link IllegalArgumentException}, whose message Gogo prints.
 */
@Component(immediate = true, service = PwWorkerCommands.class, property = { "osgi.command.scope=" + PwCommands.SCOPE,
        "osgi.command.function=workers", "osgi.command.function=install", "osgi.command.function=uninstall" })
public final class PwWorkerCommands {

    private final WorkerBundles bundles;
    private final WorkerInstaller installer;

    /** The run journal, for the runs of the other product processes (the window, a headless run). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RunHistory history;

    @Activate
    public PwWorkerCommands(@Reference(name = "bundles") WorkerBundles bundles, @Reference(name = "jobs") JobService jobs) {
        this.bundles = bundles;
        RunHistory othersRuns = () -> {
            RunHistory journal = history;
            return journal == null ? List.of() : journal.records();
        };
        Supplier<Set<String>> ownRunIds = () -> jobs.activeRuns().stream().map(RunHandle::id).collect(Collectors.toSet());
        this.installer = new WorkerInstaller(bundles,
                ActiveRuns.both(ActiveRuns.inThisProcess(jobs, WorkerInstaller.CANCEL_TIMEOUT.toMillis()),
                        ActiveRuns.inOtherProcesses(othersRuns, ownRunIds)),
                WorkerInstaller.SETTLE_TIMEOUT);
    }

    /** {@code pw:workers}: id, symbolic name, version, state and provider ids of every worker bundle. */
    public String workers() {
        return WorkerBundleText.workers(bundles.installed());
    }

    /**
     * {@code pw:install <jar|repository>}: a p2 repository folder or zip installs its worker bundles; a relative
     * path is relative to the product's working directory.
     *
     * @throws IllegalArgumentException with every problem when the jar cannot be installed, or did not start
     */
    public String install(String... arguments) throws InterruptedException {
        WorkerArguments.Install request = parse(() -> WorkerArguments.install(List.of(arguments), Path.of("")));
        return answer(installer.installFile(request.jar(), request.force()));
    }

    /**
     * {@code pw:uninstall <symbolic-name> [--force]}.
     *
     * @throws IllegalArgumentException when it is no drop-in, or runs of its providers are active and not forced
     */
    public String uninstall(String... arguments) throws InterruptedException {
        WorkerArguments.Uninstall request = parse(() -> WorkerArguments.uninstall(List.of(arguments)));
        try {
            return answer(installer.uninstall(request.symbolicName(), request.force()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the drop-in " + request.symbolicName(), e);
        }
    }

    private static String answer(WorkerInstaller.Outcome outcome) {
        if (outcome.exitCode() != ExitCodes.OK) {
            throw new IllegalArgumentException(outcome.text().stripTrailing());
        }
        return outcome.text().stripTrailing();
    }

    @FunctionalInterface
    private interface Parse<T> {
        T parse() throws UsageException;
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.parse();
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
