package org.parallelworkbench.cli.internal.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.cli.internal.workers.WorkerArguments;
import org.parallelworkbench.cli.internal.workers.WorkerBundleText;
import org.parallelworkbench.cli.internal.workers.WorkerInstaller;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundles;

/**
 * Felix Gogo commands for worker bundles, in scope {@value PwCommands#SCOPE} next to {@link PwCommands}:
 * {@code pw:workers}, {@code pw:install <jar|repository> [--force]} and {@code pw:uninstall <symbolic-name> [--force]}.
 * The {@link WorkerBundleChanges} service does the change; it sees the runs of the bundle's providers in this
 * process, and through the run journal those of the other product processes: an uninstall, or an install that
 * replaces the bundle, refuses while any is active, and with {@code --force} cancels this process's runs before the
 * jar changes (the other processes cancel theirs as the provider goes).
 * <p>
 * Thread-safe; a command blocks its Gogo session while File Install picks the change up (bounded by the service).
 * Refusals throw {@link IllegalArgumentException}, whose message Gogo prints.
 */
@Component(immediate = true, service = PwWorkerCommands.class, property = { "osgi.command.scope=" + PwCommands.SCOPE,
        "osgi.command.function=workers", "osgi.command.function=install", "osgi.command.function=uninstall" })
public final class PwWorkerCommands {

    private final WorkerBundles bundles;
    private final WorkerInstaller installer;

    @Activate
    public PwWorkerCommands(@Reference(name = "bundles") WorkerBundles bundles,
            @Reference(name = "changes") WorkerBundleChanges changes) {
        this.bundles = bundles;
        this.installer = new WorkerInstaller(bundles, changes);
    }
    /** {@code pw:workers}: id, symbolic name, version, state and provider ids of every worker bundle. */
    public String workers() {
        return WorkerBundleText.workers(bundles.installed());
    }

    /**
     * {@code pw:install <jar|repository> [--force]}: a p2 repository folder or zip installs its worker bundles; a
     * relative path is relative to the product's working directory. {@code --help} returns the help instead.
     *
     * @throws IllegalArgumentException with every problem when the jar cannot be installed, or did not start
     */
    public String install(String... arguments) throws InterruptedException {
        WorkerArguments.Install install = new WorkerArguments.Install();
        Optional<String> help = ConsoleArguments.parse(ConsoleArguments.commandLine(install), arguments);
        if (help.isPresent()) {
            return help.get();
        }
        return answer(installer.installFile(install.jar(Path.of("")), install.force()));
    }

    /**
     * {@code pw:uninstall <symbolic-name> [--force]}; {@code --help} returns the help instead.
     *
     * @throws IllegalArgumentException when it is no drop-in, or runs of its providers are active and not forced
     */
    public String uninstall(String... arguments) throws InterruptedException {
        WorkerArguments.Uninstall uninstall = new WorkerArguments.Uninstall();
        Optional<String> help = ConsoleArguments.parse(ConsoleArguments.commandLine(uninstall), arguments);
        if (help.isPresent()) {
            return help.get();
        }
        try {
            return answer(installer.uninstall(uninstall.symbolicName(), uninstall.force()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the drop-in " + uninstall.symbolicName(), e);
        }
    }

    private static String answer(WorkerInstaller.Outcome outcome) {
        if (outcome.exitCode() != ExitCodes.OK) {
            throw new IllegalArgumentException(outcome.text().stripTrailing());
        }
        return outcome.text().stripTrailing();
    }
}
