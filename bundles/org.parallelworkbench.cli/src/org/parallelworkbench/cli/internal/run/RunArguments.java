package org.parallelworkbench.cli.internal.run;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.parallelworkbench.cli.internal.command.CommandLines;
import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.cli.internal.command.HelpOption;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.RunOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code run <provider> [name=value ...] [--on threads|processes|cluster|auto] [--retries N] [--output FILE]}, declared for
 * picocli: the same syntax and help for {@code parallel-workbench run} and {@code pw:run}. Options may come before,
 * between or after the pairs, as {@code --retries N} or {@code --retries=N}; {@code --} ends the options. One
 * instance per parse.
 */
@Command(name = "run", sortOptions = false,
        header = "Runs one provider headless to its end.",
        description = "Progress goes to stderr, the result's summary to stdout.",
        footerHeading = "%nExit codes:%n",
        footer = {
                "  " + ExitCodes.OK + "    the run succeeded",
                "  " + ExitCodes.FAILED + "    the run failed",
                "  " + ExitCodes.USAGE + "    bad usage or parameters: every problem printed, nothing started",
                "  " + ExitCodes.CANCELED + "  cancelled (Ctrl+C)",
                "  " + ExitCodes.TERMINATED + "  ended by SIGTERM" })
public final class RunArguments implements CommandLines.Checked {

    public static final String ON_OPTION = "--on";
    public static final String RETRIES_OPTION = "--retries";
    public static final String OUTPUT_OPTION = "--output";

    @Parameters(index = "0", paramLabel = "<provider>", converter = ProviderId.class,
            description = "The provider's id; list them with: parallel-workbench providers.")
    private String providerId;

    @Parameters(index = "1..*", paramLabel = "name=value",
            description = "The run's parameters; the others keep their defaults.")
    private List<String> pairs = new ArrayList<>();

    @Option(names = ON_OPTION, paramLabel = "threads|processes|cluster|auto", converter = Target.class,
            completionCandidates = TargetWords.class,
            description = "Where units execute: threads (fastest), processes (a unit that crashes or exits fails"
                    + " only its run), cluster (the members started with 'parallel-workbench member', see"
                    + " conf/hazelcast.yaml) or auto (the default: the provider's preference, else threads for"
                    + " bundles shipped with the product and processes for drop-ins). The start line and the"
                    + " summary say which.")
    private ExecutionTarget target = ExecutionTarget.AUTO;

    @Option(names = RETRIES_OPTION, paramLabel = "N", converter = Retries.class,
            description = "Tries a failing unit again up to N times (0-" + RunOptions.MAX_UNIT_RETRIES + ").")
    private int retries;

    @Option(names = OUTPUT_OPTION, paramLabel = "FILE", converter = Output.class,
            description = "Writes the result to FILE as .csv, .json or .png (image results).")
    private Path output;

    @Mixin
    private HelpOption help;

    /** Set by picocli, for the errors of {@link #check()}. */
    @Spec
    private CommandSpec spec;

    /** Refuses a pair without '=' here rather than once the platform is up: a typo should not wait for the engine. */
    @Override
    public void check() {
        for (String pair : pairs) {
            try {
                org.parallelworkbench.core.Parameters.parse(List.of(pair));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    /** What was parsed; call after a successful parse. */
    public RunRequest request() {
        return new RunRequest(providerId, pairs, retries, target, Optional.ofNullable(output));
    }

    private static final class ProviderId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("which provider? (list them with: parallel-workbench providers)");
            }
            return value;
        }
    }

    private static final class Target implements ITypeConverter<ExecutionTarget> {
        @Override
        public ExecutionTarget convert(String value) {
            try {
                return ExecutionTarget.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(ON_OPTION + ": " + e.getMessage());
            }
        }
    }

    /** What shell completion offers for {@value #ON_OPTION}, in the command line's words. */
    private static final class TargetWords implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ExecutionTarget.values()).map(RunRequest::word).iterator();
        }
    }

    private static final class Retries implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int retries = Integer.parseInt(value.trim());
                if (retries >= 0 && retries <= RunOptions.MAX_UNIT_RETRIES) {
                    return retries;
                }
            } catch (NumberFormatException e) {
                // reported below, with the range
            }
            throw new TypeConversionException(RETRIES_OPTION + " must be a whole number from 0 to "
                    + RunOptions.MAX_UNIT_RETRIES + ", not '" + value + "'");
        }
    }

    private static final class Output implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException(OUTPUT_OPTION + " needs a file name");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException(OUTPUT_OPTION + " '" + value + "' is not a valid path: " + e.getReason());
            }
        }
    }
}
