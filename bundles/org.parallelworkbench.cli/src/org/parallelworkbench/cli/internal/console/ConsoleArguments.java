package org.parallelworkbench.cli.internal.console;

import java.util.List;
import java.util.Optional;

import org.parallelworkbench.cli.internal.command.CommandLines;
import org.parallelworkbench.cli.internal.command.UsageException;

import picocli.CommandLine;

/**
 * A command's picocli declaration as a {@code pw:*} command parses with it: named {@code pw:<name>}, its help
 * without the exit codes of the command line (Gogo prints refusals instead), and a usage error thrown as the
 * {@link IllegalArgumentException} whose message Gogo prints.
 */
final class ConsoleArguments {

    private ConsoleArguments() {
    }

    /** The command line of {@code command}, an object annotated with picocli's {@code @Command}, as pw:* has it. */
    static CommandLine commandLine(Object command) {
        CommandLine line = CommandLines.create(command);
        line.setCommandName(PwCommands.SCOPE + ":" + line.getCommandName());
        line.getCommandSpec().usageMessage().footerHeading("").footer(new String[0]);
        return line;
    }

    /**
     * Parses the arguments into the command of {@code line}.
     *
     * @return the command's help, when the arguments ask for it instead of the command
     * @throws IllegalArgumentException naming the problem, with the command's usage
     */
    static Optional<String> parse(CommandLine line, String... arguments) {
        try {
            return CommandLines.helpAsked(CommandLines.parse(line, List.of(arguments)));
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
