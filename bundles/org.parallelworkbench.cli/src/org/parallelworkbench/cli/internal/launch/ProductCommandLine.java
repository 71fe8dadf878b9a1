package org.parallelworkbench.cli.internal.launch;

import java.util.List;
import java.util.Optional;

import org.parallelworkbench.cli.internal.command.CommandLines;
import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.cli.internal.command.HelpOption;
import org.parallelworkbench.cli.internal.command.UsageException;
import org.parallelworkbench.cli.internal.listing.HistoryListing;
import org.parallelworkbench.cli.internal.run.RunArguments;
import org.parallelworkbench.cli.internal.workers.WorkerArguments;
import org.parallelworkbench.core.RunRecord;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The whole command line of {@code bin/parallel-workbench}, declared once for picocli: the product's options, and
 * one subcommand per headless command. Its help is the product's help, its bash completion script the product's
 * completion. {@code run}, {@code install} and {@code uninstall} are declared next to what they do, since the
 * console's {@code pw:*} commands share them; the commands without arguments are declared here. One instance per
 * parse.
 */
@Command(name = ProductCommandLine.NAME, sortOptions = false,
        header = "Parallel Workbench: parallel work from worker bundles, in a window or headless.",
        description = "Without a command or option, opens the Parallel Workbench window; with one, works"
                + " without the window.",
        footer = {
                "",
                "'" + ProductCommandLine.NAME + " help COMMAND' or '" + ProductCommandLine.NAME + " COMMAND --help'",
                "shows a command's arguments, options and exit codes.",
                "",
                "Console commands (--console):",
                "  pw:providers        the installed providers, as providers",
                "  pw:run <provider> [name=value ...] [--on ...] [--retries N]",
                "                      starts a run as run does, but prints its id at once",
                "  pw:runs             the active runs with their progress, then the history",
                "  pw:cancel <id>      asks an active run to stop",
                "  pw:workers          the worker bundles, their state and their providers",
                "  pw:install <jar|repository> [--force]",
                "                      as install",
                "  pw:uninstall <symbolic-name> [--force]",
                "                      as uninstall",
                "  exit, Ctrl+D        stops the console and the product",
                "",
                "Exit codes: " + ExitCodes.OK + " done, " + ExitCodes.FAILED + " failed (the reason is on stderr), "
                        + ExitCodes.USAGE + " bad usage (nothing started), " + ExitCodes.CANCELED
                        + " cancelled by Ctrl+C, " + ExitCodes.TERMINATED + " ended by SIGTERM.",
                "",
                "Environment:",
                "  JAVA_HOME     a Java 21+ to use (else java on PATH, else the newest JDK",
                "                under /usr/lib/jvm)",
                "  PW_JAVA_OPTS  extra JVM options, e.g. -Xmx2g" })
final class ProductCommandLine {

    static final String NAME = "parallel-workbench";

    /** At most one: each starts the product in a mode of its own. */
    @ArgGroup(exclusive = true)
    private Modes modes;

    @Mixin
    private HelpOption help;

    private final RunArguments run = new RunArguments();
    private final History history = new History();
    private final WorkerArguments.Install install = new WorkerArguments.Install();
    private final WorkerArguments.Uninstall uninstall = new WorkerArguments.Uninstall();
    private final CommandLine commandLine;

    ProductCommandLine() {
        commandLine = CommandLines.create(this);
        for (Object command : List.of(run, new Providers(), history, install, uninstall, new Member(),
                new Completion(), new HelpCommand())) {
            commandLine.addSubcommand(CommandLines.create(command));
        }
        // In the words of the other commands' headers.
        commandLine.getSubcommands().get("help").getCommandSpec().usageMessage().header("Prints a command's help.");
    }

    static final class Modes {
        @Option(names = "--smoke",
                description = "Starts headless, checks that the platform and the ticker provider work, prints one"
                        + " line (SMOKE OK or SMOKE FAILED) and exits " + ExitCodes.OK + " or " + ExitCodes.FAILED
                        + ".")
        boolean smoke;

        @Option(names = "--console", description = "Starts headless with a Felix Gogo shell on this terminal;"
                + " its commands are below.")
        boolean console;
    }

    @Command(name = "providers", header = "Lists the installed providers and their parameters.")
    static final class Providers {
        @Mixin
        HelpOption help;
    }

    @Command(name = "history", header = "Lists the recorded runs, oldest first.",
            description = "Runs are kept across restarts and shared by every process of the product; each line"
                    + " says where the run executed (threads or processes). A run that was active when its"
                    + " product died shows as INTERRUPTED.")
    static final class History {
        @Option(names = "--last", paramLabel = "N", converter = AtLeastOne.class,
                description = "Only the newest N runs (of the provider, with --provider), still oldest first.")
        Integer last;

        @Option(names = "--provider", paramLabel = "ID", description = "Only the runs of this provider.")
        String provider;

        @Mixin
        HelpOption help;

        /** What {@code history} prints of the journal's records (oldest first) with these options. */
        String text(List<RunRecord> records) {
            List<RunRecord> shown = records.stream().filter(r -> provider == null || r.providerId().equals(provider))
                    .toList();
            if (last != null && shown.size() > last) {
                shown = shown.subList(shown.size() - last, shown.size());
            }
            return shown.isEmpty() && provider != null ? "No runs of provider '" + provider + "' recorded.\n"
                    : HistoryListing.format(shown);
        }
    }

    private static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int count = Integer.parseInt(value.trim());
                if (count >= 1) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // worded below
            }
            throw new TypeConversionException("--last must be a whole number of at least 1, not '" + value + "'");
        }
    }

    @Command(name = "member", header = "Joins the cluster and executes the units sent to it.",
            description = { "Goes on until Ctrl+C or SIGTERM, then leaves the cluster gracefully."
                    + " Runs of other machines' windows and commands that run on the cluster (--on cluster)"
                    + " send their units to the members that have the same provider version installed; each"
                    + " member executes them through its own engine. The cluster (its name, port, member list"
                    + " and interface) is set in conf/hazelcast.yaml. Hazelcast's Community Edition has no"
                    + " TLS or authentication: anyone who reaches a member's port can make it run its"
                    + " providers, so members listen on 127.0.0.1 unless that file says otherwise." })
    static final class Member {
        @Mixin
        HelpOption help;
    }

    @Command(name = "completion", header = "Prints a bash completion script for " + NAME + ".",
            description = { "In bash, or in zsh after bashcompinit, load it with:", "  source <(" + NAME + " completion)" })
    static final class Completion {
        @Mixin
        HelpOption help;
    }

    /**
     * @return the help, when the arguments ask for it instead of a command
     * @throws UsageException naming what is wrong, with the usage
     */
    Optional<String> parse(List<String> arguments) throws UsageException {
        return CommandLines.helpAsked(CommandLines.parse(commandLine, arguments));
    }

    /** After {@link #parse}: the mode the command line asks for; {@link HeadlessMode#GUI} for none. */
    HeadlessMode mode() {
        ParseResult command = commandLine.getParseResult().subcommand();
        if (command == null) {
            return modes == null ? HeadlessMode.GUI : modes.smoke ? HeadlessMode.SMOKE : HeadlessMode.CONSOLE;
        }
        return HeadlessMode.parse(command.commandSpec().name()).orElseThrow();
    }

    RunArguments run() {
        return run;
    }

    History history() {
        return history;
    }

    WorkerArguments.Install install() {
        return install;
    }

    WorkerArguments.Uninstall uninstall() {
        return uninstall;
    }

    String usage() {
        return commandLine.getUsageMessage();
    }

    String bashCompletion() {
        return AutoComplete.bash(NAME, commandLine);
    }
}
