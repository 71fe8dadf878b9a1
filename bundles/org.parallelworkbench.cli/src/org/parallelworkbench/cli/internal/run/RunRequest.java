package org.parallelworkbench.cli.internal.run;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.parallelworkbench.cli.internal.command.UsageException;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.RunOptions;

/**
 * {@code run <provider> [name=value ...] [--on threads|processes|auto] [--retries N] [--output FILE]}, parsed.
 * Options may come before, between or after the pairs, as {@code --retries N} or {@code --retries=N};
 * {@code --} ends the options.
 *
 * @param pairs  the {@code name=value} arguments as typed, checked only by {@code Parameters.parse}
 * @param target where the units should execute; {@link ExecutionTarget#AUTO} (the default) lets the engine choose
 * @param output the file to export the final result to, if asked
 */
public record RunRequest(String providerId, List<String> pairs, int retries, ExecutionTarget target, Optional<Path> output) {

    static final String USAGE = "Usage: parallel-workbench run <provider> [name=value ...] [--on threads|processes|auto]"
            + " [--retries N] [--output FILE]";
    static final String RETRIES_OPTION = "--retries";
    public static final String ON_OPTION = "--on";
    static final String OUTPUT_OPTION = "--output";

    public RunRequest {
        Objects.requireNonNull(providerId, "providerId");
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(output, "output");
    }

    RunOptions options() {
        return new RunOptions(retries, target);
    }

    /** Where a run executes as the command line words it: "threads", "processes" (or "auto"). */
    public static String word(ExecutionTarget target) {
        return target.name().toLowerCase(Locale.ROOT);
    }

    /** @throws UsageException naming what is wrong, with the usage line */
    public static RunRequest parse(List<String> arguments) throws UsageException {
        String provider = null;
        List<String> pairs = new ArrayList<>();
        Integer retries = null;
        ExecutionTarget target = null;
        Path output = null;
        boolean optionsEnded = false;
        Deque<String> remaining = new ArrayDeque<>(arguments);
        while (!remaining.isEmpty()) {
            String argument = remaining.pop();
            String option = optionsEnded ? "" : optionName(argument);
            switch (option) {
            case RETRIES_OPTION -> retries = parseRetries(valueOnce(retries, option, argument, remaining));
            case ON_OPTION -> target = parseTarget(valueOnce(target, option, argument, remaining));
            case OUTPUT_OPTION -> output = parsePath(valueOnce(output, option, argument, remaining));
            case "--" -> optionsEnded = true;
            case "" -> {
                if (provider == null) {
                    provider = argument;
                } else {
                    pairs.add(argument);
                }
            }
            default -> throw usage("unknown option " + option);
            }
        }
        if (provider == null || provider.isBlank()) {
            throw usage("which provider? (list them with: parallel-workbench providers)");
        }
        return new RunRequest(provider, pairs, retries == null ? 0 : retries,
                target == null ? ExecutionTarget.AUTO : target, Optional.ofNullable(output));
    }

    /** @return the option's name for {@code --name} or {@code --name=value}, "" for anything else */
    private static String optionName(String argument) {
        if (!argument.startsWith("-")) {
            return "";
        }
        int eq = argument.indexOf('=');
        return eq < 0 ? argument : argument.substring(0, eq);
    }

    /** The option's value, from {@code --name=value} or the next argument; an option may be given once. */
    private static String valueOnce(Object previous, String option, String argument, Deque<String> remaining)
            throws UsageException {
        if (previous != null) {
            throw usage(option + " given twice");
        }
        int eq = argument.indexOf('=');
        if (eq >= 0) {
            return argument.substring(eq + 1);
        }
        if (remaining.isEmpty()) {
            throw usage(argument + " needs a value");
        }
        return remaining.pop();
    }

    private static int parseRetries(String value) throws UsageException {
        try {
            int retries = Integer.parseInt(value.trim());
            if (retries >= 0 && retries <= RunOptions.MAX_UNIT_RETRIES) {
                return retries;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw usage(RETRIES_OPTION + " must be a whole number from 0 to " + RunOptions.MAX_UNIT_RETRIES + ", not '" + value + "'");
    }

    /** @throws UsageException with the message of {@link ExecutionTarget#parse} */
    static ExecutionTarget parseTarget(String value) throws UsageException {
        try {
            return ExecutionTarget.parse(value);
        } catch (IllegalArgumentException e) {
            throw usage(ON_OPTION + ": " + e.getMessage());
        }
    }

    private static Path parsePath(String value) throws UsageException {
        if (value.isBlank()) {
            throw usage(OUTPUT_OPTION + " needs a file name");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw usage(OUTPUT_OPTION + " '" + value + "' is not a valid path: " + e.getReason());
        }
    }

    private static UsageException usage(String problem) {
        return new UsageException(List.of("parallel-workbench run: " + problem, USAGE));
    }
}
