package org.parallelworkbench.cli.internal.command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli command lines as every command here uses them: declared by annotated objects, parsed but not executed (the
 * caller decides what a parsed command does, and on which thread), help without colours (it goes to files, pipes
 * and tests as often as to terminals), and a usage error as a {@link UsageException} worded the same way everywhere.
 * A {@link CommandLine} and its command objects serve one parse.
 */
public final class CommandLines {

    /**
     * A command whose values are checked once picocli has parsed the whole command line: a check in a converter or
     * setter would come first, and blame the value after an unknown option rather than the option.
     */
    public interface Checked {
        /** @throws ParameterException naming what is wrong */
        void check();
    }

    private CommandLines() {
    }

    /** A command line for an object annotated with picocli's {@code @Command}. */
    public static CommandLine create(Object command) {
        CommandLine line = new CommandLine(command);
        line.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        line.getCommandSpec().usageMessage().synopsisHeading("%nUsage: ").descriptionHeading("%n")
                .parameterListHeading("%nArguments:%n").optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n");
        // "@file" is an argument like any other: launcher arguments and parameter values arrive as typed.
        line.setExpandAtFiles(false);
        return line;
    }

    /**
     * Parses the arguments into the command objects of {@code line} and its subcommands.
     *
     * @throws UsageException naming the problem, with the usage of the command it is in
     */
    public static ParseResult parse(CommandLine line, List<String> arguments) throws UsageException {
        try {
            ParseResult parsed = line.parseArgs(arguments.toArray(String[]::new));
            for (CommandLine command : parsed.asCommandLineList()) {
                if (command.getCommand() instanceof Checked checked) {
                    checked.check();
                }
            }
            return parsed;
        } catch (ParameterException e) {
            throw usageError(e);
        }
    }

    /**
     * The help that the parsed arguments ask for ({@code -h}, {@code --help} or {@code help [command]}, on any
     * command), instead of running a command.
     *
     * @throws UsageException when {@code help} names no command there is
     */
    public static Optional<String> helpAsked(ParseResult parsed) throws UsageException {
        StringWriter help = new StringWriter();
        CommandLine root = parsed.commandSpec().commandLine();
        root.setOut(new PrintWriter(help, true));
        try {
            return CommandLine.executeHelpRequest(parsed) == null ? Optional.empty() : Optional.of(help.toString());
        } catch (ParameterException e) {
            throw usageError(e);
        }
    }

    /**
     * "parallel-workbench run: problem", then for a command its synopsis and where to read more; for a command line
     * of commands (the product's own), the whole help, since the user may not know the commands yet.
     */
    static UsageException usageError(ParameterException e) {
        CommandLine failed = e.getCommandLine();
        String name = failed.getCommandSpec().qualifiedName();
        List<String> lines = new ArrayList<>();
        lines.add(name + ": " + problem(e));
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            lines.add("Did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?");
        }
        if (failed.getSubcommands().isEmpty()) {
            CommandLine.Help help = failed.getHelp();
            lines.addAll((help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength())).strip().lines().toList());
            lines.add("Try '" + name + " --help' for more information.");
        } else {
            lines.addAll(failed.getUsageMessage().stripTrailing().lines().toList());
        }
        return new UsageException(lines);
    }

    private static String problem(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException conversion) {
            return conversion.getMessage(); // the converters here name their option themselves
        }
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !e.getCommandLine().getSubcommands().isEmpty() && e.getCommandLine().getParseResult().matchedArgs().isEmpty()) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return e.getMessage().replaceFirst("^Error: ", ""); // "parallel-workbench: " says it already
    }
}
